/**
 * A customer's serial deployments (P3) drawn as a row of segments: each workload from its start (or ESD) to its
 * completion, and between them the gap in days, each segment labelled in words.
 */
import { day, el, month } from './dom.js';
import { counted, text } from './texts.js';

export interface TimelineItem {
  workload: string;
  source: string;
  engagementStartDate: string | null;
  datePrecision: string | null;
  state: string;
  startedOn: string | null;
  completedOn: string | null;
  gapDays: number | null;
}

export interface Timeline {
  tenantId: string;
  name: string;
  items: TimelineItem[];
}

function when(item: TimelineItem): string {
  if (item.startedOn) return text('tab.timeline.started', { day: day(item.startedOn) });
  if (!item.engagementStartDate) return text('tab.timeline.noStart');
  return item.datePrecision === 'month' ? text('tab.timeline.expectedIn', { month: month(item.engagementStartDate) })
    : text('tab.timeline.expected', { day: day(item.engagementStartDate) });
}

/** The workload's state in words (`started` reads "in progress"); a state the page does not know, as sent. */
function stateWords(state: string): string {
  const key = `tab.timeline.state.${state}`;
  const words = text(key);
  return words === key ? state : words;
}

function segment(item: TimelineItem): HTMLElement {
  const end = item.completedOn ? text('tab.timeline.completed', { day: day(item.completedOn) }) : stateWords(item.state);
  return el('li', { class: `segment state-${item.state}${item.datePrecision === 'month' ? ' estimate' : ''}` },
    el('strong', {}, item.workload.replace(/([a-z])([A-Z])/g, '$1 $2')), el('span', {}, when(item)), el('span', {}, end));
}

function gap(days: number): HTMLElement {
  const width = Math.min(12, 2 + days / 10);
  return el('li', { class: 'gap', style: `min-width: ${width}rem` }, counted('tab.timeline.gap', days, { days }));
}

export function timeline(data: Timeline): HTMLElement {
  const workloads = counted('tab.workloads', data.items.length, { count: data.items.length });
  const title = el('h3', {}, text('tab.timeline.title', { name: data.name, workloads }));
  if (data.items.length === 0) return el('div', {}, title, el('p', {}, text('tab.timeline.none')));
  const parts = data.items.flatMap((item) => (
    item.gapDays === null ? [segment(item)] : [gap(item.gapDays), segment(item)]
  ));
  return el('div', {}, title, el('ol', { class: 'timeline', 'aria-label': text('tab.timeline.label', { name: data.name }) }, ...parts));
}
