/**
 * Wires the welcome cards to assignments: after CustomerService assigns a customer to someone new (created with an
 * assignee, or assigned later), the FM's welcome cards go out in the background, so neither the REST answer nor the
 * Teams form's answer waits on Teams.
 */
import type { Locale } from '../domain/types';
import type { Logger } from '../log/logger';
import type { CardActions } from '../services/card-actions';
import type { Clock } from '../services/clock';
import type { CustomerService } from '../services/customers';
import type { Directory } from '../services/directory';
import type { CardSender } from '../services/card-sender';
import type { AppInstaller } from '../services/reach';
import { WelcomeCards } from '../services/welcome';
import type { Store } from '../store/store';
import type { BackgroundTasks } from './background';
import { welcomeCard } from './cards/welcome-card';

export interface WelcomeWiring {
  customers: CustomerService;
  store: Store;
  directory: Directory;
  cardActions: CardActions;
  /** The app's Notifier (paced under Teams' rate limits, retried, at most once). */
  sender: CardSender;
  background: BackgroundTasks;
  clock: Clock;
  logger: Logger;
  /** TEAMS_TENANT_ID: lets the cards reach an FM who never opened the bot (their chat is created). */
  teamsTenantId?: string | null;
  /** GRAPH_INSTALL=on: installs the app for an FM Teams will not open a chat with. */
  installer?: AppInstaller;
  /** DEFAULT_LOCALE: the cards' language for an FM whose directory entry has none (default en-US). */
  defaultLocale?: Locale;
}

export function attachWelcomeCards(wiring: WelcomeWiring): WelcomeCards {
  const fallback = wiring.defaultLocale ?? 'en-US';
  const welcome = new WelcomeCards({ ...wiring, render: (state, locale) => welcomeCard(state, locale ?? fallback) });
  wiring.customers.onAssigned((customer) => {
    wiring.background.run('welcome cards', async () => {
      await welcome.welcome(customer.tenantId);
    });
  });
  return welcome;
}
