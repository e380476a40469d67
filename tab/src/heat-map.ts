/**
 * The load as a heat map (P2): a row per FM, a column per ISO week, each cell the engagements starting that week.
 * Every shade carries its words too (never colour alone): the count, "estimated" for month estimates (R7), and
 * "over capacity" where the FM's weekly capacity is passed; in the reader's language.
 */
import { day, el } from './dom.js';
import { text } from './texts.js';

export interface FmLoad {
  aadObjectId: string;
  name: string;
  starting: number[];
  estimated: number[];
  inFlight: number;
  capacity?: number | null;
}

export interface LoadReport {
  from: string;
  weeks: string[];
  fms: FmLoad[];
}

/** 0 (none) to 4 (at or over capacity, or 4+ without one). */
function level(count: number, capacity: number | null): number {
  if (count === 0) return 0;
  if (capacity === null || capacity === 0) return Math.min(count, 4);
  return Math.min(4, Math.max(1, Math.ceil((count / capacity) * 4)));
}

function cell(fm: FmLoad, i: number): HTMLTableCellElement {
  const count = fm.starting[i] ?? 0;
  const estimated = fm.estimated[i] ?? 0;
  const capacity = fm.capacity ?? null;
  const over = capacity !== null && count > capacity;
  const words = [String(count)];
  if (estimated > 0) words.push(text('tab.load.estimated', { estimated }));
  const td = el('td', { class: `level-${level(count, capacity)}${over ? ' over' : ''}` }, words.join(' '));
  if (over) td.append(el('span', { class: 'flag' }, ` ${text('tab.load.over', { capacity })}`));
  else if (count > 0 && count === capacity) td.append(el('span', { class: 'flag' }, ` ${text('tab.load.atCapacity')}`));
  return td;
}

/** `2026-W49` as a column head: `W49`, `第49周`. */
function weekHead(week: string): string {
  const number = /W(\d+)$/.exec(week)?.[1];
  return number === undefined ? week : text('tab.load.week', { week: Number(number) });
}

export function heatMap(report: LoadReport): HTMLElement {
  if (report.fms.length === 0) return el('p', {}, text('tab.load.none'));
  const head = el('tr', {}, el('th', { scope: 'col' }, text('tab.load.fm')),
    ...report.weeks.map((week) => el('th', { scope: 'col' }, weekHead(week))),
    el('th', { scope: 'col' }, text('tab.load.inFlight')), el('th', { scope: 'col' }, text('tab.load.capacity')));
  const rows = report.fms.map((fm) => el('tr', {},
    el('th', { scope: 'row' }, fm.name),
    ...report.weeks.map((_week, i) => cell(fm, i)),
    el('td', {}, String(fm.inFlight)),
    el('td', {}, fm.capacity === null || fm.capacity === undefined ? text('tab.load.notSet') : String(fm.capacity))));
  return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': text('tab.load.region') },
    el('table', { class: 'heat-map' },
      el('caption', {}, text('tab.load.caption', { day: day(report.from) })),
      el('thead', {}, head), el('tbody', {}, ...rows)));
}
