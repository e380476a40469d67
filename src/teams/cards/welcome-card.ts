/** The welcome card: the ESD card of one workload, with its actions, for the FM a customer was just assigned to. */
import type { Locale } from '../../domain/types';
import type { CardState } from '../../services/card-actions';
import { t } from '../i18n/messages';
import { esdCard } from './esd-card';
import { formatDay, formatMonth, plain, workloadLabel } from './format';
import type { AdaptiveCard } from './render';

/** In the FM's language (their directory locale, else DEFAULT_LOCALE; en-US when absent). */
export function welcomeCard(state: CardState, locale: Locale = 'en-US'): { card: AdaptiveCard; summary: string } {
  const { customer, workload } = state;
  const names = { customer: customer.name, workload: workloadLabel(workload.workload) };
  const date = workload.engagementStartDate;
  let text: string;
  if (!date) text = t(locale, 'welcome.banner.none', names);
  else if (workload.datePrecision === 'month') {
    text = t(locale, 'welcome.banner.month', { ...names, month: formatMonth(date.slice(0, 7), locale) });
  } else text = t(locale, 'welcome.banner.day', { ...names, day: formatDay(date, locale) });
  return {
    card: esdCard({ ...state, locale, banner: { text, style: 'accent' } }),
    summary: plain(t(locale, 'welcome.summary', names)),
  };
}
