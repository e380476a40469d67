/** The Gateway queue (P1): customers waiting for an FM, soonest first start first, each able to show its timeline. */
import { day, el, month } from './dom.js';

export interface QueueItem {
  tenantId: string;
  name: string;
  firstEsd: string | null;
  workloads: { workload: string; datePrecision?: string | null }[];
}

export function queueList(items: QueueItem[], showTimeline: (tenantId: string) => void): HTMLElement {
  if (items.length === 0) return el('p', {}, 'No customer is waiting for an FM.');
  return el('ul', { class: 'queue' }, ...items.map((item) => {
    const button = el('button', { type: 'button' }, 'Show timeline');
    button.addEventListener('click', () => showTimeline(item.tenantId));
    const estimate = item.workloads.some((w) => w.datePrecision === 'month');
    const first = item.firstEsd === null ? 'no start date yet'
      : estimate && item.firstEsd.endsWith('-01') ? `first start expected in ${month(item.firstEsd)}` : `first start ${day(item.firstEsd)}`;
    const count = item.workloads.length === 1 ? '1 workload' : `${item.workloads.length} workloads`;
    return el('li', {}, el('strong', {}, item.name), ` — ${first}, ${count} `, button);
  }));
}
