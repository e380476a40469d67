/**
 * Issue 10: the Teams tab for leads and Gateway staff, in a real Chromium against the real server. The page signs in
 * with Teams single sign-on; Teams itself cannot run here, so its JavaScript client (/tab/vendor/teams.js) is played
 * by a stand-in that hands over an Entra ID token signed by a local test issuer, which the API verifies for real,
 * and a context with the client's language (issue 11: the tab in en-US and in zh-CN).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Customer } from '../../src/domain/types';
import { startTestApp } from '../common/app';
import { startTestEntra, type TestEntra } from '../common/entra';
import {
  actors, customerFixture, fmAssignee, inMonth, NOW, onDay, personFixture, tenantId,
} from '../common/fixtures';
import { openSqlite, type OpenedStore } from '../common/stores';
import { formatDay, t } from '../../src/teams/i18n/messages';
import { launchChromium } from './harness';

const SCREENSHOT = path.resolve(__dirname, '..', '..', 'test-results', 'tab.png');
const SCREENSHOT_ZH = path.resolve(__dirname, '..', '..', 'test-results', 'tab-zh-CN.png');
const SERIAL = tenantId(30);

/** Contoso's serial deployments: Exchange Online completed on 2 Nov, Intune expected on 16 Nov, 14 days later. */
function serialCustomer(): Customer {
  const customer = customerFixture({
    n: 30, name: 'Serial & Sons', workloads: [onDay('ExchangeOnline', '2026-11-24'), onDay('Intune', '2026-11-30')],
  });
  const [exchange] = customer.workloads;
  Object.assign(exchange as object, {
    engagementStartDate: '2026-10-01', state: 'completed', startedOn: '2026-10-01', completedOn: '2026-11-16',
  });
  return customer;
}

/**
 * The Teams client's stand-in: initialize resolves, getContext says the client's language `locale`, getAuthToken
 * gives `token` (or Teams is absent altogether).
 */
function teamsClient(token: string | null, locale: string): string {
  if (token === null) return '/* not inside Teams */';
  return `window.microsoftTeams = { app: { initialize: () => Promise.resolve(),
      getContext: () => Promise.resolve({ app: { locale: ${JSON.stringify(locale)} } }) },
    authentication: { getAuthToken: () => Promise.resolve(${JSON.stringify(token)}) } };`;
}

/** axe-core's serious and critical findings on the page (it comes in as a file of the page's own origin). */
async function accessibilityViolations(page: Page): Promise<{ id: string; impact: string }[]> {
  await page.route('**/tab/app/axe-core.js', (route) => route.fulfill({ contentType: 'text/javascript', path: require.resolve('axe-core/axe.min.js') }));
  await page.addScriptTag({ url: '/tab/app/axe-core.js' });
  const violations = await page.evaluate<{ id: string; impact: string }[]>(
    'axe.run().then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact })))',
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('The Teams tab (issue 10: load heat map, queue, timeline; Teams SSO; accessibility)', function () {
  this.timeout(120_000);
  let opened: OpenedStore;
  let entra: TestEntra;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: BrowserContext;
  let tmp: string;

  before(async () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const built = spawnSync(process.execPath, [tsc, '-p', path.resolve(__dirname, '..', '..', 'tab', 'tsconfig.json')], { encoding: 'utf8' });
    assert.equal(built.status, 0, `the tab's script builds: ${built.stdout}${built.stderr}`);
    opened = await openSqlite();
    const { store } = opened;
    await store.putPerson(personFixture(actors.fm, { weeklyCapacity: 1 }));
    await store.putPerson(personFixture(actors.fm2, { weeklyCapacity: 5 }));
    await store.createCustomer(customerFixture({
      n: 1, name: 'Contoso <b>Ltd</b>', workloads: [onDay('Teams', '2026-11-25'), onDay('Intune', '2026-11-26')],
    }));
    await store.createCustomer(customerFixture({
      n: 2, name: 'Fabrikam', assignee: fmAssignee(actors.fm2), workloads: [inMonth('Teams', '2026-12')],
    }));
    await store.createCustomer(customerFixture({ n: 3, name: 'Waiting Inc', assignee: null, workloads: [onDay('Teams', '2026-11-27')] }));
    await store.createCustomer(serialCustomer());
    entra = await startTestEntra();
    app = await startTestApp(store, { now: () => NOW }, entra.config);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-tab-'));
    browser = await launchChromium(path.join(tmp, 'profile'));
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    await entra?.stop();
    await opened?.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function openTab(token: string | null, viewport = { width: 1280, height: 900 }, locale = 'en-US'): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    await page.route('**/tab/vendor/teams.js', (route) => route.fulfill({ contentType: 'text/javascript', body: teamsClient(token, locale) }));
    await page.goto(`${app.url}/tab`);
    return page;
  }

  it('P1, P2, P3: a Gateway person sees the load heat map with capacity, the queue, and a timeline with its gap', async () => {
    const page = await openTab(await entra.token({ oid: actors.gateway.aadObjectId, name: 'Gabriela Gateway', roles: ['Gateway'] }));
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'en-US');
    assert.equal(await page.title(), 'ESD: load, queue and timelines');
    assert.equal(await page.locator('table.heat-map thead th').nth(1).innerText(), 'W48');
    const farah = page.locator('table.heat-map tr', { hasText: 'Farah Manager' });
    // Two starts in W48 against a capacity of 1: the cell says so in words, not only in colour.
    assert.match(await farah.locator('td').first().innerText(), /^2\s+over capacity of 1$/);
    const felix = page.locator('table.heat-map tr', { hasText: 'Felix Manager' });
    assert.match(await felix.innerText(), /1 \(1 estimated\)/, 'a month estimate counted in the week of the 1st');
    assert.match(await page.locator('#queue').innerText(), /Waiting Inc — first start Fri, 27 Nov 2026, 1 workload/);
    // Keyboard only: into the tenant id field, type, Enter.
    await page.locator('#tenant-id').focus();
    await page.keyboard.type(SERIAL);
    await page.keyboard.press('Enter');
    const view = page.locator('#timeline-view ol.timeline');
    await view.waitFor();
    assert.match(await view.innerText(), /Exchange ?Online[\s\S]*completed Mon, 16 Nov 2026[\s\S]*gap of 14 days[\s\S]*Intune/);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // axe-core comes in as a file of the page's own origin: the page's policy runs no inline script.
    assert.deepEqual(await accessibilityViolations(page), []);
    // A customer's name is text, never markup.
    assert.equal(await page.locator('#queue b, #load b').count(), 0);
    await page.close();
  });

  it('issue 11: in a Teams client in zh-CN the whole page is in Chinese, its dates as the cards write them', async () => {
    const zh = (key: Parameters<typeof t>[1], values?: Parameters<typeof t>[2]): string => t('zh-CN', key, values);
    const token = await entra.token({ oid: actors.gateway.aadObjectId, name: 'Gabriela Gateway', roles: ['Gateway'] });
    const page = await openTab(token, { width: 1280, height: 900 }, 'zh-CN');
    await page.waitForSelector('body[data-ready="true"]');
    assert.match(await page.evaluate<string>('navigator.language'), /^en/, 'the language comes from Teams, not the browser');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.title(), zh('tab.title'));
    assert.equal(await page.locator('h1').innerText(), zh('tab.heading'));
    assert.deepEqual(await page.locator('h2').allInnerTexts(),
      [zh('tab.load.heading'), zh('tab.queue.heading'), zh('tab.timeline.heading')]);
    assert.equal(await page.locator('.legend').innerText(), zh('tab.load.legend'));
    assert.equal(await page.locator('label[for="tenant-id"]').innerText(), zh('tab.timeline.tenantId'));
    // The heat map: ISO week numbers as 第48周, the cells' words, the region's accessible name.
    const heads = await page.locator('table.heat-map thead th').allInnerTexts();
    assert.deepEqual(heads, [zh('tab.load.fm'), ...[48, 49, 50, 51, 52, 53, 1, 2].map((week) => zh('tab.load.week', { week })),
      zh('tab.load.inFlight'), zh('tab.load.capacity')]);
    assert.equal(await page.locator('table.heat-map caption').innerText(), zh('tab.load.caption', { day: formatDay('zh-CN', '2026-11-24') }));
    assert.equal(await page.getAttribute('.scroll', 'aria-label'), zh('tab.load.region'));
    const farah = page.locator('table.heat-map tr', { hasText: 'Farah Manager' });
    assert.equal((await farah.locator('td').first().innerText()).replace(/\s+/g, ' '), `2 ${zh('tab.load.over', { capacity: 1 })}`);
    const felix = page.locator('table.heat-map tr', { hasText: 'Felix Manager' });
    assert.ok((await felix.innerText()).includes(`1 ${zh('tab.load.estimated', { estimated: 1 })}`), await felix.innerText());
    // The queue: 2026年11月27日 星期五, as the cards write a day.
    const first = zh('tab.queue.first', { day: formatDay('zh-CN', '2026-11-27') });
    assert.ok((await page.locator('#queue').innerText()).includes(
      `Waiting Inc ${zh('tab.queue.line', { first, workloads: zh('tab.workloads.one', { count: 1 }) })}`,
    ), await page.locator('#queue').innerText());
    assert.equal(await page.locator('#queue button').first().innerText(), zh('tab.timeline.show'));
    // The timeline, opened from the queue's form as a person would.
    await page.locator('#tenant-id').fill(SERIAL);
    await page.locator('#timeline-form button').click();
    const view = page.locator('#timeline-view ol.timeline');
    await view.waitFor();
    assert.equal(await page.locator('#timeline-view h3').innerText(),
      zh('tab.timeline.title', { name: 'Serial & Sons', workloads: zh('tab.workloads.other', { count: 2 }) }));
    assert.equal(await view.getAttribute('aria-label'), zh('tab.timeline.label', { name: 'Serial & Sons' }));
    const drawn = await view.innerText();
    for (const words of [zh('tab.timeline.started', { day: formatDay('zh-CN', '2026-10-01') }),
      zh('tab.timeline.completed', { day: formatDay('zh-CN', '2026-11-16') }), zh('tab.timeline.gap.other', { days: 14 }),
      zh('tab.timeline.expected', { day: formatDay('zh-CN', '2026-11-30') }), zh('tab.timeline.state.scheduled')]) {
      assert.ok(drawn.includes(words), `${words} in: ${drawn}`);
    }
    // No English left but names: people's, customers', products', and the FAQ's own (FM, ID, Teams, Gateway).
    const everything = await page.evaluate<string>(`[document.title, document.body.innerText,
      ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))].join('\\n')`);
    const names = ['Farah Manager', 'Felix Manager', 'Contoso <b>Ltd</b>', 'Fabrikam', 'Waiting Inc', 'Serial & Sons',
      'Exchange Online', 'Intune'];
    const left = names.reduce((rest, name) => rest.split(name).join(' '), everything);
    const allowed = new Set(['FM', 'ID', 'Teams', 'Gateway', 'Microsoft']);
    assert.deepEqual((left.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !allowed.has(word)), [], left);
    fs.mkdirSync(path.dirname(SCREENSHOT_ZH), { recursive: true });
    await page.screenshot({ path: SCREENSHOT_ZH, fullPage: true });
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.close();
  });

  it('at 200% zoom (a 640-pixel-wide window) the page reflows: nothing but the table scrolls sideways', async () => {
    const page = await openTab(await entra.token({ oid: actors.admin.aadObjectId, name: 'Ada Admin', roles: ['Admin'] }), { width: 640, height: 900 });
    await page.waitForSelector('body[data-ready="true"]');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the window`);
    await page.close();
  });

  it('an FM without the Gateway or admin role is told whose tab it is and what to ask for', async () => {
    const page = await openTab(await entra.token({ oid: actors.fm.aadObjectId, name: 'Farah Manager', roles: [] }));
    await page.locator('#load .problem').waitFor();
    assert.match(await page.locator('#load').innerText(), /This tab is for Gateway staff and admins\. Ask an admin to give you the Gateway role\./);
    await page.close();
  });

  it('opened outside Teams it says to open it in Teams, and calls no API', async () => {
    const page = await openTab(null);
    const calls: string[] = [];
    page.on('request', (request) => { if (request.url().includes('/api/')) calls.push(request.url()); });
    // A locator, not waitForFunction: the page's policy refuses the eval its polling would need, and the sentence
    // comes only once the page's texts are loaded.
    await page.locator('#status', { hasText: 'Open this page as the ESD tab in Microsoft Teams' }).waitFor();
    assert.deepEqual(calls, []);
    await page.close();
  });
});
