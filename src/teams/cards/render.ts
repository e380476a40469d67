/**
 * The one module that turns a card template (JSON beside this file) and data into an Adaptive Card.
 * Templating evaluates `${…}` only in the template, never inside data, so user text stays text.
 */
import * as ACData from 'adaptivecards-templating';
import type { Locale } from '../../domain/types';
import { t } from '../i18n/messages';
import customer from './customer.json';
import customerList from './customer-list.json';
import digest from './digest.json';
import esd from './esd.json';
import help from './help.json';
import load from './load.json';
import newCustomerSummary from './new-customer-summary.json';
import newCustomer from './new-customer.json';
import queue from './queue.json';
import reminderSummary from './reminder-summary.json';
import workList from './work-list.json';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const templates = {
  customer, customerList, digest, esd, help, load, newCustomer, newCustomerSummary, queue, reminderSummary, workList,
} as const;
export type CardName = keyof typeof templates;

const compiled = new Map<CardName, ACData.Template>();

export function renderCard(name: CardName, data: Record<string, unknown>): AdaptiveCard {
  let template = compiled.get(name);
  if (!template) {
    template = new ACData.Template(templates[name]);
    compiled.set(name, template);
  }
  return template.expand({ $root: data }) as AdaptiveCard;
}

export interface CommandHelp {
  name: string;
  description: string;
}

/** The help card: what the bot does, the commands this person can use, and a notice when there is one. */
export function helpCard(commands: CommandHelp[], notice = '', locale: Locale = 'en-US'): AdaptiveCard {
  const texts = { title: t(locale, 'help.title'), intro: t(locale, 'help.intro'), footer: t(locale, 'help.footer') };
  return renderCard('help', { commands, notice, texts });
}
