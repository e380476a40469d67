/**
 * The `load` card (P2): the FMs' engagements starting in each of the next weeks, drawn as a grouped bar chart (one
 * group per week, one bar per FM of the page), with a table in its place for Teams clients that draw no charts.
 * Under it, a line per FM: starts, month estimates, work in flight, weekly capacity, and in words the weeks above
 * capacity (never colour alone). One template (load.json).
 *
 * Size: an Adaptive Card over ~28 KB (UTF-16) is refused by Teams, so a card holds LOAD_CARD_FMS FMs (also as many
 * bars as a chart group reads well) and names are cut to fit; the other FMs are one "Show more" away.
 *
 * Every text, chart and table label comes from the message catalogue (area `load`) in the reader's locale (issue 11).
 */
import { isoWeek, type CalendarDate } from '../../domain/dates';
import type { Locale } from '../../domain/types';
import type { FmLoad } from '../../services/load-report';
import type { TeamLoadView } from '../../services/team-load';
import { formatDayMonth, t } from '../i18n/messages';
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

/** The weeks in which the FM has more starts than their weekly capacity (none when it is not set). */
export function weeksOverCapacity(fm: FmLoad): number[] {
  const { capacity } = fm;
  if (capacity === null) return [];
  return fm.starting.flatMap((n, i) => (n > capacity ? [i] : []));
}

/** "9 starting in the next 8 weeks (2 only expected that month) · 3 in flight · capacity 2 a week". */
function summary(fm: FmLoad, locale: Locale): string {
  const total = fm.starting.reduce((sum, n) => sum + n, 0);
  const estimated = fm.estimated.reduce((sum, n) => sum + n, 0);
  return t(locale, 'load.summary', {
    total, weeks: fm.starting.length, inFlight: fm.inFlight,
    estimates: estimated > 0 ? t(locale, 'load.summary.estimates', { estimated }) : '',
    capacity: fm.capacity === null
      ? t(locale, 'load.summary.noCapacity')
      : t(locale, 'load.summary.capacity', { capacity: fm.capacity }),
  });
}

/** "Above capacity in the weeks of 7 Dec (5 starting) and 14 Dec (4 starting)." */
function overLine(fm: FmLoad, weekStarts: readonly CalendarDate[], locale: Locale): string {
  const over = weeksOverCapacity(fm).map((i) => t(locale, 'load.over.week', {
    week: formatDayMonth(locale, weekStarts[i] ?? ''), starting: fm.starting[i] ?? 0,
  }));
  const last = over.at(-1);
  if (last === undefined) return '';
  const list = over.length === 1
    ? last
    : t(locale, 'load.over.and', { rest: over.slice(0, -1).join(t(locale, 'load.over.comma')), last });
  return t(locale, 'load.over', { count: over.length, list });
}

function fmName(fm: FmLoad, viewerId: string | undefined, chars: number, locale: Locale): string {
  const name = truncate(fm.name, chars);
  return plain(fm.aadObjectId === viewerId ? t(locale, 'load.you', { name }) : name);
}

/** The fallback table: a header row of weeks, then a row per FM, a cell marked "(over)" above capacity. */
function table(view: TeamLoadView, labels: string[], locale: Locale): Record<string, unknown> {
  const viewerId = view.own?.aadObjectId;
  const cell = (text: string): Record<string, string> => ({ text });
  // The first row is the header (a Table's default).
  const header = { cells: [cell(t(locale, 'load.table.fm')), ...labels.map(cell)] };
  const rows = view.fms.map((fm) => {
    const over = new Set(weeksOverCapacity(fm));
    return {
      cells: [
        cell(fmName(fm, viewerId, NAME_CHARS, locale)),
        ...fm.starting.map((n, i) => cell(over.has(i) ? t(locale, 'load.table.over', { count: n }) : String(n))),
      ],
    };
  });
  return { columns: [{ width: 3 }, ...labels.map(() => ({ width: 1 }))], rows: [header, ...rows] };
}

/** The viewer's own line at the top, when they are an FM: their load before anyone else's. */
function ownLine(view: TeamLoadView, locale: Locale): string {
  if (!view.own) return '';
  const over = weeksOverCapacity(view.own).length;
  const warning = over > 0 ? t(locale, 'load.own.over', { over }) : '';
  return t(locale, 'load.own', { summary: summary(view.own, locale), warning });
}

function intro(view: TeamLoadView, locale: Locale): string {
  if (view.total === 0) return t(locale, 'load.intro.none');
  const first = (view.page - 1) * LOAD_CARD_FMS + 1;
  const shown = view.total <= LOAD_CARD_FMS
    ? t(locale, 'load.intro.all', { total: view.total })
    : t(locale, 'load.intro.some', { first, last: first + view.fms.length - 1, total: view.total });
  return t(locale, 'load.intro', { shown });
}

/** The card for one page of the team's load, in the reader's `locale` (en-US when absent). */
export function loadCard(view: TeamLoadView, locale: Locale = 'en-US'): AdaptiveCard {
  const labels = view.weekStarts.map((monday) => formatDayMonth(locale, monday));
  const viewerId = view.own?.aadObjectId;
  const page = (n: number): ShowLoadData => ({ verb: SHOW_LOAD_VERB, page: n });
  const later = view.page < view.pages;
  return renderCard('load', {
    heading: t(locale, 'load.heading', { weeks: labels.length }),
    intro: intro(view, locale),
    own: plain(ownLine(view, locale)),
    chartTitle: t(locale, 'load.chart.title'),
    series: view.fms.map((fm) => ({
      legend: fmName(fm, viewerId, LEGEND_CHARS, locale),
      values: fm.starting.map((y, i) => ({ x: labels[i], y })),
    })),
    // The table heads each week with its ISO number, as the load report and its CSV count weeks, and its Monday.
    ...table(view, view.weekStarts.map((monday, i) => t(locale, 'load.week', {
      week: isoWeek(monday).week, day: labels[i] ?? '',
    })), locale),
    fms: view.fms.map((fm) => ({
      name: fmName(fm, viewerId, NAME_CHARS, locale),
      summary: plain(summary(fm, locale)),
      over: plain(overLine(fm, view.weekStarts, locale)),
    })),
    more: later ? t(locale, 'load.more', { count: view.total - view.page * LOAD_CARD_FMS }) : '',
    showMore: later ? page(view.page + 1) : null,
    backToStart: !later && view.page > 1 ? page(1) : null,
    refresh: page(view.page),
    ui: {
      xAxis: t(locale, 'load.chart.x'),
      yAxis: t(locale, 'load.chart.y'),
      showMore: t(locale, 'load.showMore'),
      backToStart: t(locale, 'load.backToStart'),
      refresh: t(locale, 'load.refresh'),
    },
  });
}
