/** The `customer` command's card: a customer's workloads, dates, states and recent Overall Status Notes (read-only). */
import type { Customer } from '../../domain/types';
import { formatEsd, formatInstantDay, NOTE_LABELS, plain, STATE_LABELS, truncate, workloadLabel } from './format';
import { renderCard, type AdaptiveCard } from './render';

const NOTES_SHOWN = 5;
const NOTE_CHARS_SHOWN = 300;

export function customerCard(customer: Customer): AdaptiveCard {
  const assignee = customer.assignee
    ? `${customer.assignee.type === 'fm' ? 'FM' : 'Partner'}: ${customer.assignee.name || '(unnamed)'}`
    : 'Not assigned yet';
  return renderCard('customer', {
    name: plain(customer.name),
    subtitle: plain(`${assignee} · tenant ${customer.tenantId}`),
    workloads: customer.workloads.map((w) => ({
      label: workloadLabel(w.workload),
      date: w.engagementStartDate && w.l1Status === 'InProgress' ? formatEsd(w.engagementStartDate, w.datePrecision) : w.l1Status,
      state: STATE_LABELS[w.state],
    })),
    notes: customer.statusNotes.slice(-NOTES_SHOWN).reverse().map((n) => ({
      heading: plain(`${formatInstantDay(n.at)} · ${n.by.name} · ${n.workload ? `${workloadLabel(n.workload)} · ` : ''}${NOTE_LABELS[n.kind]}: `),
      text: plain(truncate(n.text, NOTE_CHARS_SHOWN)),
    })),
  });
}
