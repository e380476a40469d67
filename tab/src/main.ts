/**
 * The Teams tab for leads and Gateway staff: the FM load as a heat map (P2), the customers waiting for an FM (P1),
 * and a customer's serial deployments with their gaps (P3). It signs in with Teams single sign-on and reads the same
 * REST API as any client; the API decides who may see what. Its words are in the reader's language (issue 11): the
 * Teams client's, else the browser's, from the server's message catalogue.
 */
import { ApiError, getJson } from './api.js';
import { el, replace } from './dom.js';
import { heatMap, type LoadReport } from './heat-map.js';
import { queueList, type QueueItem } from './queue.js';
import { signIn } from './teams-sso.js';
import { text, useTexts } from './texts.js';
import { timeline, type Timeline } from './timeline.js';

const SIGN_IN_PROBLEMS = {
  outsideTeams: 'tab.signIn.outsideTeams',
  noToken: 'tab.signIn.noToken',
} as const;

function section(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

function say(message: string): void {
  section('status').textContent = message;
}

function problem(error: unknown): HTMLElement {
  return el('p', { class: 'problem', role: 'alert' }, error instanceof ApiError ? error.message : text('tab.problem'));
}

async function fill(target: HTMLElement, draw: () => Promise<HTMLElement>): Promise<void> {
  target.setAttribute('aria-busy', 'true');
  try {
    replace(target, await draw());
  } catch (error) {
    replace(target, problem(error));
  } finally {
    target.removeAttribute('aria-busy');
  }
}

/**
 * The page's words: first in the browser's language (while Teams signs in), then in the Teams client's when it says
 * another. False when no texts could be loaded at all (the server is out of reach).
 */
async function texts(signingIn: Promise<{ locale: string | null }>): Promise<boolean> {
  const browser = navigator.language;
  let loaded = await useTexts(browser).then(() => true, () => false);
  const teams = (await signingIn).locale;
  if (teams !== null && teams.toLowerCase() !== browser.toLowerCase()) {
    loaded = await useTexts(teams).then(() => true, () => loaded);
  }
  return loaded;
}

async function main(): Promise<void> {
  const signingIn = signIn();
  if (!await texts(signingIn)) {
    // No catalogue to say it in: the page's one sentence of its own (the English of #status's data-unreachable).
    say(section('status').dataset.unreachable ?? '');
    return;
  }
  const signedIn = await signingIn;
  if (!signedIn.ok) {
    say(text(SIGN_IN_PROBLEMS[signedIn.reason]));
    return;
  }
  const { token } = signedIn;
  const showTimeline = (tenantId: string): Promise<void> => fill(section('timeline-view'), async () => (
    timeline(await getJson<Timeline>(`/api/customers/${encodeURIComponent(tenantId)}/timeline`, token))
  ));
  const form = section('timeline-form') as HTMLFormElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const tenantId = (form.elements.namedItem('tenantId') as HTMLInputElement).value.trim();
    if (tenantId) void showTimeline(tenantId);
  });
  say('');
  await Promise.all([
    fill(section('load'), async () => heatMap(await getJson<LoadReport>('/api/load?weeks=8', token))),
    fill(section('queue'), async () => {
      const page = await getJson<{ items: QueueItem[] }>('/api/customers?assignee=none&limit=20', token);
      return queueList(page.items, (tenantId) => {
        (form.elements.namedItem('tenantId') as HTMLInputElement).value = tenantId;
        void showTimeline(tenantId);
      });
    }),
  ]);
  document.body.dataset.ready = 'true';
}

void main();
