/**
 * The `load` card (P2): the FMs' engagements starting in each of the next weeks, drawn as a grouped bar chart (one
 * group per week, one bar per FM of the page), with a table in its place for Teams clients that draw no charts.
 * Under it, a line per FM: starts, month estimates, work in flight, weekly capacity, and in words the weeks above
 * capacity (never colour alone). One template (load.json).
 *
 * Size: an Adaptive Card over ~28 KB (UTF-16) is refused by Teams, so a card holds LOAD_CARD_FMS FMs (also as many
 * bars as a chart group reads well) and names are cut to fit; the other FMs are one "Show more" away.
 */
import type { CalendarDate } from '../../domain/dates';
import type { FmLoad } from '../../services/load-report';
import type { TeamLoadView } from '../../services/team-load';
import { plain, truncate } from './format';
import { renderCard, type AdaptiveCard } from './render';

export const SHOW_LOAD_VERB = 'showLoad';
/** FMs on one card. */
export const LOAD_CARD_FMS = 6;
/** Weeks drawn: the week of today and the seven after it. */
export const LOAD_CARD_WEEKS = 8;

const NAME_CHARS = 60;
const LEGEND_CHARS = 24;

/** What the card's actions carry: the page to draw. */
export interface ShowLoadData {
  verb: typeof SHOW_LOAD_VERB;
  page: number;
}

const SHORT_WEEK = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** `30 Nov`: the Monday a week starts on. */
function weekLabel(monday: CalendarDate): string {
  return SHORT_WEEK.format(new Date(`${monday}T00:00:00Z`));
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The weeks in which the FM has more starts than their weekly capacity (none when it is not set). */
export function weeksOverCapacity(fm: FmLoad): number[] {
  const { capacity } = fm;
  if (capacity === null) return [];
  return fm.starting.flatMap((n, i) => (n > capacity ? [i] : []));
}

/** "9 starting in the next 8 weeks (2 only expected that month) · 3 in flight · capacity 2 a week". */
function summary(fm: FmLoad): string {
  const total = fm.starting.reduce((sum, n) => sum + n, 0);
  const estimated = fm.estimated.reduce((sum, n) => sum + n, 0);
  const estimates = estimated > 0 ? ` (${estimated} only expected that month)` : '';
  const capacity = fm.capacity === null ? 'no weekly capacity set' : `capacity ${fm.capacity} a week`;
  return `${total} starting in the next ${count(fm.starting.length, 'week', 'weeks')}${estimates} · `
    + `${fm.inFlight} in flight · ${capacity}`;
}

/** "Above capacity in the weeks of 7 Dec (5 starting) and 14 Dec (4 starting)." */
function overLine(fm: FmLoad, weekStarts: readonly CalendarDate[]): string {
  const over = weeksOverCapacity(fm).map((i) => `${weekLabel(weekStarts[i] ?? '')} (${fm.starting[i] ?? 0} starting)`);
  if (over.length === 0) return '';
  const listed = over.length === 1 ? over[0] : `${over.slice(0, -1).join(', ')} and ${over.at(-1)}`;
  return `Above capacity in the ${over.length === 1 ? 'week' : 'weeks'} of ${listed}.`;
}

function fmName(fm: FmLoad, viewerId: string | undefined, chars: number): string {
  const name = truncate(fm.name, chars);
  return plain(fm.aadObjectId === viewerId ? `${name} (you)` : name);
}

/** The fallback table: a header row of weeks, then a row per FM, a cell marked "(over)" above capacity. */
function table(view: TeamLoadView, labels: string[]): Record<string, unknown> {
  const viewerId = view.own?.aadObjectId;
  const cell = (text: string): Record<string, string> => ({ text });
  // The first row is the header (a Table's default).
  const header = { cells: [cell('FM'), ...labels.map(cell)] };
  const rows = view.fms.map((fm) => {
    const over = new Set(weeksOverCapacity(fm));
    return {
      cells: [
        cell(fmName(fm, viewerId, NAME_CHARS)),
        ...fm.starting.map((n, i) => cell(over.has(i) ? `${n} (over)` : String(n))),
      ],
    };
  });
  return { columns: [{ width: 3 }, ...labels.map(() => ({ width: 1 }))], rows: [header, ...rows] };
}

/** The viewer's own line at the top, when they are an FM: their load before anyone else's. */
function ownLine(view: TeamLoadView): string {
  if (!view.own) return '';
  const over = weeksOverCapacity(view.own).length;
  const warning = over > 0 ? ` You are above your capacity in ${count(over, 'week', 'weeks')}.` : '';
  return `Your load: ${summary(view.own)}.${warning}`;
}

function intro(view: TeamLoadView): string {
  if (view.total === 0) return 'No FM is in the directory yet: there is no load to show.';
  const first = (view.page - 1) * LOAD_CARD_FMS + 1;
  const shown = view.total <= LOAD_CARD_FMS ? `All ${count(view.total, 'FM', 'FMs')}`
    : `FMs ${first}–${first + view.fms.length - 1} of ${view.total}, by name`;
  return `${shown}. Each bar: the engagements expected to start that week (weeks start on Monday); a start only `
    + 'expected in a month counts in the week of the 1st.';
}

/** The card for one page of the team's load. */
export function loadCard(view: TeamLoadView): AdaptiveCard {
  const labels = view.weekStarts.map(weekLabel);
  const viewerId = view.own?.aadObjectId;
  const page = (n: number): ShowLoadData => ({ verb: SHOW_LOAD_VERB, page: n });
  const later = view.page < view.pages;
  return renderCard('load', {
    heading: `FM load: the next ${count(labels.length, 'week', 'weeks')}`,
    intro: intro(view),
    own: plain(ownLine(view)),
    chartTitle: 'Engagements starting per week',
    series: view.fms.map((fm) => ({
      legend: fmName(fm, viewerId, LEGEND_CHARS),
      values: fm.starting.map((y, i) => ({ x: labels[i], y })),
    })),
    ...table(view, labels),
    fms: view.fms.map((fm) => ({
      name: fmName(fm, viewerId, NAME_CHARS), summary: plain(summary(fm)), over: plain(overLine(fm, view.weekStarts)),
    })),
    more: later ? `${count(view.total - view.page * LOAD_CARD_FMS, 'more FM', 'more FMs')}: Show more lists the next ones.` : '',
    showMore: later ? page(view.page + 1) : null,
    backToStart: !later && view.page > 1 ? page(1) : null,
    refresh: page(view.page),
  });
}
