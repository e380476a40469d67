/**
 * A customer's serial deployments (P3) drawn as a row of segments: each workload from its start (or ESD) to its
 * completion, and between them the gap in days, each segment labelled in words.
 */
import { day, el, month } from './dom.js';

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
  if (item.startedOn) return `started ${day(item.startedOn)}`;
  if (!item.engagementStartDate) return 'no start date';
  return item.datePrecision === 'month' ? `expected in ${month(item.engagementStartDate)} (estimate)`
    : `expected ${day(item.engagementStartDate)}`;
}

function segment(item: TimelineItem): HTMLElement {
  const end = item.completedOn ? `completed ${day(item.completedOn)}` : item.state === 'started' ? 'in progress' : item.state;
  return el('li', { class: `segment state-${item.state}${item.datePrecision === 'month' ? ' estimate' : ''}` },
    el('strong', {}, item.workload.replace(/([a-z])([A-Z])/g, '$1 $2')), el('span', {}, when(item)), el('span', {}, end));
}

function gap(days: number): HTMLElement {
  const width = Math.min(12, 2 + days / 10);
  return el('li', { class: 'gap', style: `min-width: ${width}rem` }, `gap of ${days} ${days === 1 ? 'day' : 'days'}`);
}

export function timeline(data: Timeline): HTMLElement {
  const title = el('h3', {}, `${data.name}: ${data.items.length} ${data.items.length === 1 ? 'workload' : 'workloads'}`);
  if (data.items.length === 0) return el('div', {}, title, el('p', {}, 'No workload has a start date yet.'));
  const parts = data.items.flatMap((item) => (
    item.gapDays === null ? [segment(item)] : [gap(item.gapDays), segment(item)]
  ));
  return el('div', {}, title, el('ol', { class: 'timeline', 'aria-label': `Timeline of ${data.name}` }, ...parts));
}
