/**
 * The message catalogues, one JSON file per area and language (flat keys, ICU MessageFormat strings). Imported
 * statically so the compiler checks the keys and copies the files to dist/.
 */
import enCommon from './en-US/common.json';
import enEsd from './en-US/esd.json';
import enHelp from './en-US/help.json';
import enLabels from './en-US/labels.json';
import enWelcome from './en-US/welcome.json';
import zhCommon from './zh-CN/common.json';
import zhEsd from './zh-CN/esd.json';
import zhHelp from './zh-CN/help.json';
import zhLabels from './zh-CN/labels.json';
import zhWelcome from './zh-CN/welcome.json';
import enWorkList from './en-US/workList.json';
import zhWorkList from './zh-CN/workList.json';
import enQueue from './en-US/queue.json';
import zhQueue from './zh-CN/queue.json';
import enCustomer from './en-US/customer.json';
import zhCustomer from './zh-CN/customer.json';
import enSummary from './en-US/summary.json';
import zhSummary from './zh-CN/summary.json';
import enLoad from './en-US/load.json';
import zhLoad from './zh-CN/load.json';
import enNewCustomer from './en-US/newCustomer.json';
import zhNewCustomer from './zh-CN/newCustomer.json';
import enDigest from './en-US/digest.json';
import zhDigest from './zh-CN/digest.json';
import enCommands from './en-US/commands.json';
import zhCommands from './zh-CN/commands.json';
import enTab from './en-US/tab.json';
import zhTab from './zh-CN/tab.json';
import zhRules from './zh-CN/phrases-rules.json';
import zhEngagementPhrases from './zh-CN/phrases-engagement.json';
import zhCustomerPhrases from './zh-CN/phrases-customer.json';
import zhServicesPhrases from './zh-CN/phrases-services.json';
import { PHRASES } from '../../domain/phrases';
import type { SupportedLocale } from './locales';

const EN_US = {
  ...enCommon, ...enHelp, ...enLabels, ...enEsd, ...enWelcome,
  ...enWorkList,
  ...enQueue, ...enCustomer, ...enSummary,
  ...enLoad,
  ...enNewCustomer, ...enDigest, ...enCommands,
  ...enTab, // the Teams tab's page and scripts (served by GET /tab/texts)
  ...PHRASES, // the domain's and services' phrases (refusals, validation): their English is the domain's own
};

/** A text's key: every key is in the en-US catalogue (a test holds zh-CN to the same keys and arguments). */
export type MessageKey = keyof typeof EN_US;

export type Catalogue = Partial<Record<MessageKey, string>>;

export const CATALOGUES: Record<SupportedLocale, Catalogue> = {
  'en-US': EN_US,
  'zh-CN': {
    ...zhCommon, ...zhHelp, ...zhLabels, ...zhEsd, ...zhWelcome,
    ...zhWorkList,
    ...zhQueue, ...zhCustomer, ...zhSummary,
    ...zhLoad,
    ...zhNewCustomer, ...zhDigest, ...zhCommands,
    ...zhTab,
    ...zhRules, ...zhEngagementPhrases, ...zhCustomerPhrases, ...zhServicesPhrases,
  },
};
