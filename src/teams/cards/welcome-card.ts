/** The welcome card: the ESD card of one workload, with its actions, for the FM a customer was just assigned to. */
import type { CardState } from '../../services/card-actions';
import { esdCard } from './esd-card';
import { expectedStart, plain, workloadLabel } from './format';
import type { AdaptiveCard } from './render';

export function welcomeCard(state: CardState): { card: AdaptiveCard; summary: string } {
  const { customer, workload } = state;
  const label = workloadLabel(workload.workload);
  const when = workload.engagementStartDate
    ? expectedStart(workload.engagementStartDate, workload.datePrecision) : 'without a start date yet';
  return {
    card: esdCard({ ...state, banner: { text: `${customer.name} was assigned to you: ${label} is ${when}.`, style: 'accent' } }),
    summary: plain(`New customer for you: ${customer.name} · ${label}`),
  };
}
