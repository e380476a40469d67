/** The Gateway queue (P1): customers waiting for an FM, soonest first start first, each able to show its timeline. */
import { day, el, month } from './dom.js';
import { counted, text } from './texts.js';

export interface QueueItem {
  tenantId: string;
  name: string;
  firstEsd: string | null;
  workloads: { workload: string; datePrecision?: string | null }[];
}

export function queueList(items: QueueItem[], showTimeline: (tenantId: string) => void): HTMLElement {
  if (items.length === 0) return el('p', {}, text('tab.queue.none'));
  return el('ul', { class: 'queue' }, ...items.map((item) => {
    const button = el('button', { type: 'button' }, text('tab.timeline.show'));
    button.addEventListener('click', () => showTimeline(item.tenantId));
    const estimate = item.workloads.some((w) => w.datePrecision === 'month');
    const first = item.firstEsd === null ? text('tab.queue.noStart')
      : estimate && item.firstEsd.endsWith('-01') ? text('tab.queue.firstInMonth', { month: month(item.firstEsd) })
        : text('tab.queue.first', { day: day(item.firstEsd) });
    const workloads = counted('tab.workloads', item.workloads.length, { count: item.workloads.length });
    return el('li', {}, el('strong', {}, item.name), ` ${text('tab.queue.line', { first, workloads })} `, button);
  }));
}
