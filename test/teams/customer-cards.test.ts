/**
 * The `customer` command's cards: the customer card for each kind of viewer, its add form and every outcome of
 * adding a workload (R7, R8), and the pick list. Each parses as a valid Adaptive Card 1.5 and stays under 28 KB with
 * the longest texts the domain allows.
 */
import assert from 'node:assert/strict';
import { newCustomer } from '../../src/domain/customer';
import { addWorkload, changeL1Status, completeDeployment, confirmStart, recordNoResponse } from '../../src/domain/engagement';
import { WORKLOADS, type Actor, type Customer, type WorkloadName } from '../../src/domain/types';
import { addDays } from '../../src/domain/dates';
import { alpha, bravo, charlie, delta } from '../common/gap-fixtures';
import type { AddWorkloadOutcome, CustomerMatches, CustomerView } from '../../src/services/customer-views';
import {
  ADD_WORKLOAD_INPUTS, customerCard, customerListCard, customerOutcomeCard,
} from '../../src/teams/cards/customer-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import {
  actors, ctx, customerFixture, fmAssignee, inMonth, onDay, partnerAssignee, personFixture, tenantId, withoutEsd,
} from '../common/fixtures';
import {
  assertValidCard, bannerOf, cardBytes, customerViewOf, errorUnder, executeActions, inputById, LONG, longText,
  MAX_CARD_BYTES, nodesOfType, textBlocks, textRuns, viewers,
} from './card-helpers';
import { fieldRefusals, refusal } from '../common/refusals';

const PARTNER_ID = 'partner-contoso-services';
const people = {
  fm: personFixture(actors.fm), otherFm: personFixture(actors.fm2), gateway: personFixture(actors.gateway),
  admin: personFixture(actors.admin), partner: viewers(actors.fm).partner,
};

/** The detail line under each workload's name (the TextBlock after it), by workload label. */
function detailLines(card: AdaptiveCard): Record<string, string> {
  const rows = nodesOfType(card, 'ColumnSet').map((set) => {
    const [first] = set.columns as { items: { text: string }[] }[];
    return [first?.items[0]?.text ?? '', first?.items[1]?.text ?? ''] as const;
  });
  return Object.fromEntries(rows);
}

/** The lines of the deployment timeline (P3), or undefined when the card has none. */
function timelineLines(card: AdaptiveCard): string[] | undefined {
  const section = nodesOfType(card, 'Container')
    .find((c) => (c.items as { text?: unknown }[] | undefined)?.[0]?.text === 'Deployment timeline');
  return (section?.items as { text: string }[] | undefined)?.slice(1).map((item) => item.text);
}

function openData(card: AdaptiveCard): unknown[] {
  return executeActions(card).filter((a) => a.verb === 'open').map((a) => a.data);
}

function addAction(card: AdaptiveCard): Record<string, unknown> | undefined {
  return executeActions(card).find((a) => a.verb === 'addWorkload');
}

function assertSmall(name: string, card: AdaptiveCard): void {
  assertValidCard(card);
  const bytes = cardBytes(card);
  assert.ok(bytes < MAX_CARD_BYTES, `${name}: ${bytes} bytes`);
}

/** Contoso with a workload in each kind of state the card describes differently. */
function contoso(): Customer {
  const fm = ctx(actors.fm, 1);
  let c = customerFixture({
    name: 'Contoso Ltd',
    workloads: [
      onDay('ExchangeOnline', '2026-11-24'), inMonth('Intune', '2027-02'), withoutEsd('Purview', 'Blocked'),
      onDay('Teams', '2026-11-24'), withoutEsd('Viva', 'NoIntent'),
    ],
  });
  c = confirmStart(c, 'Teams', fm);
  c = completeDeployment(c, 'Teams', 'Done.', ctx(actors.fm, 2));
  return changeL1Status(c, 'Viva', { l1Status: 'Unknown' }, ctx(actors.gateway, 3), 'api');
}

/** The customer with `workloads`, every name and note as long as the domain allows, five long notes. */
function longCustomer(workloads: readonly WorkloadName[]): Customer {
  const fm: Actor = { ...actors.fm, name: LONG.personName };
  let customer = newCustomer({
    tenantId: tenantId(7), name: LONG.customerName, assignee: fmAssignee(fm),
    workloads: workloads.map((w) => onDay(w, '2026-12-01')),
  }, ctx({ ...actors.gateway, name: LONG.personName }));
  workloads.slice(0, 5).forEach((w, i) => { customer = recordNoResponse(customer, w, LONG.note, ctx(fm, i + 1)); });
  return customer;
}

function applied(view: CustomerView, added: WorkloadName, noted = true): AddWorkloadOutcome {
  return { status: 'applied', view, added, noted };
}

/** Every outcome of adding a workload, for the FM's view of `customer`, with `note` typed back when invalid. */
function outcomes(customer: Customer, note: string): { name: string; outcome: AddWorkloadOutcome }[] {
  const view = customerViewOf(customer);
  const added = customer.workloads.at(-1)?.workload ?? 'Teams';
  return [
    { name: 'applied', outcome: applied(view, added) },
    { name: 'duplicate', outcome: { status: 'duplicate', view } },
    { name: 'stale', outcome: { status: 'stale', view, lastChange: customer.statusNotes.at(-1) } },
    { name: 'stale without a note', outcome: { status: 'stale', view, lastChange: undefined } },
    {
      name: 'invalid', outcome: {
        status: 'invalid', view,
        errors: fieldRefusals({
          workload: 'Pick the workload to add from the list.', source: 'source must be serialDeployment or successReview.',
          engagementStartDate: 'The date 2026-11-23 is in the past (today is 2026-11-24).',
          engagementStartMonth: 'The date 2026-10-01 is in the past (today is 2026-11-24).',
          note: 'A note must be at most 2000 characters (it has 2001).',
        }),
        values: { workload: 'Copilot', source: 'successReview', engagementStartDate: '2026-11-23', engagementStartMonth: '2026-10', note },
      },
    },
    { name: 'refused', outcome: { status: 'refused', view, reason: refusal(`${customer.name} already has Intune: change that workload.`) } },
  ];
}

describe('teams/cards: the customer card and the pick list', () => {
  describe('the customer card', () => {
    it('every workload: its state, its date (a month reads "expected in …", R7) or why it has none (R1), start, completion, source', () => {
      const card = customerCard(customerViewOf(contoso()));
      assertValidCard(card);
      assert.deepEqual(detailLines(card), {
        'Exchange Online': 'Scheduled · Start date: Tue, 24 Nov 2026 · Source: Gateway',
        'Microsoft Intune': 'Scheduled · Start date: expected in February 2027 · Source: Gateway',
        'Microsoft Purview': 'No active date (not In Progress) · No start date: blocked',
        'Microsoft Teams': 'Completed · Start date: Tue, 24 Nov 2026 · Started on Tue, 24 Nov 2026 · '
          + 'Completed on Tue, 24 Nov 2026 · Source: Gateway',
        'Microsoft Viva': 'No active date (not In Progress) · No start date: the customer\'s intent is not known yet',
      });
    });

    it('R2: a workload entered as already under way says so; R7/R8: an added workload names why', () => {
      let customer = newCustomer({
        tenantId: tenantId(5), name: 'Under Way Ltd', assignee: fmAssignee(),
        workloads: [{ workload: 'ExchangeOnline', l1Status: 'InProgress', startedOn: '2026-10-14' }],
      }, ctx(actors.gateway));
      customer = addWorkload(customer, inMonth('Intune', '2027-03'), ctx(actors.fm), 'successReview');
      customer = addWorkload(customer, onDay('Teams', '2027-01-11'), ctx(actors.fm), 'serialDeployment');
      const lines = detailLines(customerCard(customerViewOf(customer)));
      assert.equal(lines['Exchange Online'], 'Started · Started on Wed, 14 Oct 2026 · Source: Gateway (already under way)');
      assert.equal(lines['Microsoft Intune'], 'Scheduled · Start date: expected in March 2027 · Source: Customer Success Review');
      assert.equal(lines['Microsoft Teams'], 'Scheduled · Start date: Mon, 11 Jan 2027 · Source: serial deployment');
    });

    it('R4/R9: the assigned FM and admins may open every workload (in place, from "customer") and add one', () => {
      const customer = contoso();
      for (const viewer of [people.fm, people.admin]) {
        const card = customerCard(customerViewOf(customer, viewer, '"7"'));
        assert.deepEqual(openData(card), customer.workloads.map((w) => (
          { verb: 'open', tenantId: customer.tenantId, workload: w.workload, from: 'customer' })));
        for (const open of executeActions(card).filter((a) => a.verb === 'open')) {
          assert.equal(open.associatedInputs, 'none', 'the add form\'s inputs never travel with `open`');
        }
        assert.deepEqual(addAction(card)?.data, { verb: 'addWorkload', tenantId: customer.tenantId, etag: '"7"' });
        assert.deepEqual((addAction(card)?.fallback as { data: unknown }).data, addAction(card)?.data);
        assert.ok(!textRuns(card).some((t) => /Only the FM|Partners are/.test(t)), 'no read-only reason');
      }
    });

    it('R7/R8: the add form offers the catalogue less what the customer has, the two sources, a day or a month, a note', () => {
      const card = customerCard(customerViewOf(contoso()));
      const [form] = nodesOfType(card, 'Action.ShowCard');
      assert.equal(form?.title, 'Add a workload');
      assert.deepEqual(nodesOfType(card, 'AdaptiveCard').length, 2);
      const choices = (id: string) => (inputById(card, id).choices as { title: string; value: string }[]);
      assert.deepEqual(choices('workload').map((c) => c.value), WORKLOADS.filter((w) => !contoso().workloads.some((x) => x.workload === w)));
      assert.deepEqual(choices('workload').map((c) => c.title), [
        'SharePoint Online', 'OneDrive', 'Windows', 'Microsoft 365 Apps', 'Microsoft Defender', 'Microsoft 365 Copilot',
      ], 'labels, not internal names');
      assert.deepEqual(choices('source'), [
        { title: 'Serial deployment', value: 'serialDeployment' }, { title: 'Customer Success Review', value: 'successReview' },
      ]);
      assert.equal(inputById(card, 'source').value, 'serialDeployment', 'preselected, as REST defaults it');
      assert.deepEqual([inputById(card, 'newDate').min, inputById(card, 'newDate').max], ['2026-11-24', '2029-11-24']);
      assert.equal(choices('newMonth').length, 36);
      assert.deepEqual(choices('newMonth')[0], { title: 'November 2026', value: '2026-11' });
      assert.equal(inputById(card, 'note').isRequired, undefined, 'the note is optional');
      for (const id of ADD_WORKLOAD_INPUTS) assert.equal(errorUnder(card, id), undefined, `${id}: no error yet`);
    });

    it('the Gateway may add (one rule with REST) but not open; another FM, a partner (R9) may do neither and are told why', () => {
      const customer = contoso();
      const gateway = customerCard(customerViewOf(customer, people.gateway));
      assert.deepEqual([openData(gateway).length, addAction(gateway) !== undefined], [0, true]);
      for (const [viewer, why] of [[people.otherFm, /Only the FM assigned/], [people.partner, /Partners are not asked/]] as const) {
        const card = customerCard(customerViewOf(customer, viewer));
        assertValidCard(card);
        assert.deepEqual(executeActions(card), []);
        assert.equal(nodesOfType(card, 'Action.ShowCard').length, 0);
        assert.match(textRuns(card).at(-1) ?? '', why);
      }
    });

    it('names the assignee (FM or partner, R9) and the tenant', () => {
      const subtitle = (customer: Customer) => textRuns(customerCard(customerViewOf(customer)))[1];
      assert.equal(subtitle(contoso()), `FM: Farah Manager · tenant ${tenantId(1)}`);
      assert.equal(subtitle(customerFixture({ n: 3, assignee: partnerAssignee() })), `Partner: Contoso Services · tenant ${tenantId(3)}`);
      assert.equal(subtitle(customerFixture({ assignee: null })), `Not assigned yet · tenant ${tenantId(1)}`);
    });

    it('with every catalogue workload: no add form, and a line saying so', () => {
      const card = customerCard(customerViewOf(longCustomer(WORKLOADS)));
      assert.equal(addAction(card), undefined);
      assert.ok(textBlocks(card).some((b) => /Every workload of the catalogue is already listed/.test(String(b.text))));
    });

    it('P3: the deployment timeline in order of start: started, completed, "expected in February 2027", the gap in days (test/domain/timeline.test.ts works them out), overlaps in plain words', () => {
      assert.deepEqual(timelineLines(customerCard(customerViewOf(alpha()))), [
        'Exchange Online: started 1 Sept 2026 · completed 20 Nov 2026',
        'Microsoft Teams: started 1 Dec 2026 · completed 20 Jan 2027 · 11 days after Exchange Online was completed',
        'Microsoft Intune: expected in February 2027 · 12 days after Microsoft Teams was completed',
      ]);
      assert.deepEqual(timelineLines(customerCard(customerViewOf(bravo()))), [
        'SharePoint Online: started 5 Oct 2026 · completed 30 Nov 2026',
        'OneDrive: started 2 Nov 2026 · completed 10 Dec 2026 · overlaps another deployment, so no gap',
        'Microsoft Teams: started 14 Dec 2026 · completed 22 Dec 2026 · 4 days after OneDrive was completed',
        'Microsoft 365 Copilot: expected in January 2027 · waiting for the customer · 10 days after Microsoft Teams was '
          + 'completed',
      ]);
      assert.deepEqual(timelineLines(customerCard(customerViewOf(charlie()))), [
        'Windows: started 16 Nov 2026 · completed 7 Dec 2026',
        'Microsoft Defender: started 7 Dec 2026 · the same day Windows was completed',
        'Microsoft Purview: expected to start on Mon, 11 Jan 2027 · customer inactive · overlaps another deployment, so no gap',
      ]);
      for (const customer of [alpha(), bravo(), charlie()]) {
        const card = customerCard(customerViewOf(customer));
        const texts = [...textRuns(card), ...(timelineLines(card) ?? [])];
        assert.ok(!texts.some((t) => /\b[RP]\d+\b|gapDays|overlapping|2027-02-01/.test(t)), 'plain words, no ids or raw dates');
      }
      // Before a series is under way (nothing begun), the workloads' own lines say it all: no timeline.
      assert.equal(timelineLines(customerCard(customerViewOf(delta()))), undefined);
    });

    it('the three latest notes, newest first, cut short', () => {
      let customer = contoso();
      for (let i = 1; i <= 4; i++) customer = recordNoResponse(customer, 'ExchangeOnline', `Try ${i} ${longText(300)}`, ctx(actors.fm, 10 + i));
      const notes = textRuns(customerCard(customerViewOf(customer))).filter((t) => t.startsWith('Try '));
      assert.deepEqual(notes.map((t) => t.slice(0, 5)), ['Try 4', 'Try 3', 'Try 2']);
      assert.ok(notes.every((t) => t.length === 150 && t.endsWith('…')));
    });
  });

  describe('adding a workload: every outcome', () => {
    it('each outcome redraws the card with a banner saying what happened', () => {
      const view = customerViewOf(contoso());
      const banners = outcomes(contoso(), 'Typed.').map(({ name, outcome }) => [name, bannerOf(customerOutcomeCard(outcome))]);
      assert.deepEqual(Object.fromEntries(banners), {
        applied: { style: 'good', text: 'Added Microsoft Viva. The note is in the Overall Status Notes.' },
        duplicate: { style: 'accent', text: 'Already recorded: nothing was changed twice.' },
        stale: { style: 'warning', text: 'This card was out of date, so nothing was changed. Since it was sent, Gabriela Gateway (Gateway) recorded "Status changed" on 24 Nov 2026: L1 status NoIntent → Unknown.' },
        'stale without a note': { style: 'warning', text: 'This card was out of date, so nothing was changed. Since it was sent, it was changed by someone else' },
        invalid: { style: 'attention', text: 'Nothing was saved: open "Add a workload" again and correct the fields marked there.' },
        refused: { style: 'attention', text: 'Nothing was changed. Contoso Ltd already has Intune: change that workload.' },
      });
      const intune = customerOutcomeCard(applied(view, 'Intune', false));
      assert.equal(bannerOf(intune)?.text, 'Added Microsoft Intune, expected in February 2027.');
      const exo = customerOutcomeCard(applied(view, 'ExchangeOnline', false));
      assert.equal(bannerOf(exo)?.text, 'Added Exchange Online, expected to start on Tue, 24 Nov 2026.');
    });

    it('invalid: each error under its input, in Attention, and what was typed back in it', () => {
      const invalid = outcomes(contoso(), 'Typed "note".').find((o) => o.name === 'invalid');
      assert.ok(invalid);
      const card = customerOutcomeCard(invalid.outcome);
      assert.deepEqual(ADD_WORKLOAD_INPUTS.map((id) => errorUnder(card, id)), [
        'Pick the workload to add from the list.', 'source must be serialDeployment or successReview.',
        'The date 2026-11-23 is in the past (today is 2026-11-24).', 'The date 2026-10-01 is in the past (today is 2026-11-24).',
        'A note must be at most 2000 characters (it has 2001).',
      ]);
      assert.deepEqual(ADD_WORKLOAD_INPUTS.map((id) => inputById(card, id).value),
        ['Copilot', 'successReview', '2026-11-23', '2026-10', 'Typed "note".']);
    });
  });

  describe('size: valid Adaptive Card 1.5 under 28 KB with the longest texts', () => {
    it('every catalogue workload, 200-character names and five 2,000-character notes, for each kind of viewer', () => {
      const customer = longCustomer(WORKLOADS);
      for (const [name, viewer] of Object.entries(people)) {
        assertSmall(name, customerCard(customerViewOf(customer, viewer)));
      }
      assert.equal(openData(customerCard(customerViewOf(customer))).length, WORKLOADS.length);
    });

    it('the add form at its largest (all but one workload), in every outcome, a 2,000-character note typed back', () => {
      const customer = longCustomer(WORKLOADS.slice(0, -1));
      assertSmall('form', customerCard(customerViewOf(customer)));
      for (const { name, outcome } of outcomes(customer, LONG.note)) assertSmall(name, customerOutcomeCard(outcome));
    });

    it('P3: the deployment timeline at its longest (every workload a step, five completed one after another), in every outcome', () => {
      let customer = longCustomer(WORKLOADS.slice(0, -1));
      const fm = { ...actors.fm, name: LONG.personName };
      WORKLOADS.slice(5, -1).forEach((w, i) => {
        customer = confirmStart(customer, w, ctx(fm, 10 + i, addDays('2026-12-01', 2 * i)));
        customer = completeDeployment(customer, w, LONG.note, ctx(fm, 20 + i, addDays('2026-12-02', 2 * i)));
      });
      const view = customerViewOf(customer);
      assert.equal(view.timeline.filter((item) => item.gapDays === 1).length, 4, 'a gap of a day before each but the first');
      assert.equal(timelineLines(customerCard(view))?.length, WORKLOADS.length - 1);
      assertSmall('form', customerCard(view));
      for (const { name, outcome } of outcomes(customer, LONG.note)) assertSmall(name, customerOutcomeCard(outcome));
    });

    it('the pick list at its largest: ten 200-character names and more matches', () => {
      const customers = Array.from({ length: 10 }, (_, i) => customerFixture({
        n: 100 + i, name: LONG.customerName, assignee: partnerAssignee(PARTNER_ID, LONG.personName),
      }));
      const matches: CustomerMatches = { customers, more: true };
      const card = customerListCard(matches, longText(500));
      assertSmall('pick list', card);
      assert.equal(executeActions(card).length, 10);
    });
  });

  describe('the pick list', () => {
    it('one row per customer with its assignee, workloads and tenant, each answering its card (verb customer)', () => {
      const customers = [
        customerFixture({ n: 1, name: 'Contoso Ltd' }),
        customerFixture({ n: 2, name: 'Contoso Partner Co', assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-12-01'), onDay('Viva', '2026-12-02')] }),
      ];
      const card = customerListCard({ customers, more: false }, '  contoso ');
      assertValidCard(card);
      assert.deepEqual(textRuns(card), [
        '2 customers match "contoso": pick one.',
        'Contoso Ltd', `FM: Farah Manager · 1 workload · tenant ${tenantId(1)}`,
        'Contoso Partner Co', `Partner: Contoso Services · 2 workloads · tenant ${tenantId(2)}`,
      ]);
      assert.deepEqual(executeActions(card).map((a) => [a.title, a.data]), [
        ['Show', { verb: 'customer', tenantId: tenantId(1) }], ['Show', { verb: 'customer', tenantId: tenantId(2) }],
      ]);
      assert.ok(!textBlocks(card).some((b) => /More customers match/.test(String(b.text))));
      const more = customerListCard({ customers, more: true }, 'contoso');
      assert.equal(textRuns(more)[0], 'More than 2 customers match "contoso": pick one.');
      assert.ok(textBlocks(more).some((b) => /More customers match than are listed here: type more of the name/.test(String(b.text))));
    });
  });
});

describe('teams/cards: the customer card and the pick list in zh-CN (issue 11)', () => {
  /** Three English words in a row: a sentence left untranslated. */
  const ENGLISH = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,} [A-Za-z]{2,}\b/;
  /**
   * Still English: names (customers, workloads, people), stored notes, and the domain's validation messages and
   * refusals (the errors typed back under the form, the refusal in the banner, the read-only reason).
   */
  const NOT_OURS = [
    'Contoso', 'Microsoft 365', 'Exchange Online', 'SharePoint Online', 'Farah Manager', 'Done.', 'Pick the workload to add',
    'source must be', 'is in the past', 'must be at most', 'already has Intune', 'Only the FM assigned', 'Partners are not',
  ];
  /** The English sentences on `card` but the stored notes of `customer` (kept in the words they were written in). */
  const englishIn = (card: AdaptiveCard, customer?: Customer): string[] => {
    const notes = (customer?.statusNotes ?? []).map((n) => n.text.slice(0, 100));
    return [...textRuns(card), ...textBlocks(card).map((b) => String(b.text))]
      .filter((text) => ENGLISH.test(text) && !NOT_OURS.some((known) => text.includes(known)))
      .filter((text) => !notes.some((note) => note.startsWith(text.slice(0, 100).replace(/…$/, ''))));
  };
  const zh = (view: CustomerView): AdaptiveCard => customerCard({ ...view, locale: 'zh-CN' });
  const assertChinese = (name: string, card: AdaptiveCard, customer: Customer): void => {
    assertSmall(name, card);
    assert.deepEqual(englishIn(card, customer), [], name);
    const labels = JSON.stringify(card);
    for (const english of ['"Customer"', 'Add a workload', 'Why it is added', 'Pick a month', 'Recent Overall Status Notes']) {
      assert.ok(!labels.includes(english), `${name}: ${english}`);
    }
  };

  it('R1/R2/R7: every workload line, the assignee, the add form and its choices in Chinese, with the FAQ\'s terms', () => {
    const card = zh(customerViewOf(contoso()));
    assertChinese('contoso', card, contoso());
    assert.deepEqual(detailLines(card), {
      'Exchange Online': '已排期 · 开始日期：2026年11月24日 星期二 · 来源：Gateway',
      'Microsoft Intune': '已排期 · 开始日期：预计在 2027年2月 · 来源：Gateway',
      'Microsoft Purview': '无有效日期（L1 状态不是“进行中”） · 无开始日期：已阻止',
      'Microsoft Teams': '已完成 · 开始日期：2026年11月24日 星期二 · 开始于 2026年11月24日 星期二 · '
        + '完成于 2026年11月24日 星期二 · 来源：Gateway',
      'Microsoft Viva': '无有效日期（L1 状态不是“进行中”） · 无开始日期：尚不知道客户的意图（L1 状态为“未知”）',
    });
    assert.equal(textRuns(card)[1], `FM：Farah Manager · 租户 ${tenantId(1)}`);
    assert.equal(nodesOfType(card, 'Action.ShowCard')[0]?.title, '添加工作负载');
    assert.deepEqual((inputById(card, 'source').choices as { title: string }[]).map((c) => c.title), ['连续部署', '客户成功评审']);
    assert.deepEqual((inputById(card, 'newMonth').choices as { title: string }[])[0]?.title, '2026年11月');
    assert.equal(inputById(card, 'note').label, '笔记（可选，记录在总体状态笔记中）');
    assert.equal(executeActions(card).find((a) => a.verb === 'open')?.title, '打开');
  });

  it('P3: the deployment timeline in Chinese: started, completed, gaps, overlaps, the customer\'s silence', () => {
    for (const customer of [alpha(), bravo(), charlie()]) {
      assertChinese(customer.name, zh(customerViewOf(customer)), customer);
    }
    const section = nodesOfType(zh(customerViewOf(charlie())), 'Container')
      .find((c) => (c.items as { text?: unknown }[] | undefined)?.[0]?.text === '部署时间线');
    assert.deepEqual((section?.items as { text: string }[] | undefined)?.slice(1).map((item) => item.text), [
      'Windows：开始于 2026年11月16日 · 完成于 2026年12月7日',
      'Microsoft Defender：开始于 2026年12月7日 · 与 Windows 完成同一天',
      'Microsoft Purview：预计于 2027年1月11日 星期一 开始 · 客户不活跃 · 与另一个部署重叠，因此没有间隔',
    ]);
  });

  it('R7/R8: every outcome of adding a workload: a valid card with its banner in Chinese', () => {
    for (const { name, outcome } of outcomes(contoso(), 'Typed.')) {
      const card = customerOutcomeCard(outcome, 'zh-CN');
      assertChinese(name, card, contoso());
      assert.match(bannerOf(card)?.text ?? '', /[\u4e00-\u9fff]/, name);
    }
    const view = customerViewOf(contoso());
    assert.equal(bannerOf(customerOutcomeCard(applied(view, 'Intune'), 'zh-CN'))?.text,
      '已添加 Microsoft Intune，预计在 2027年2月。笔记已记录在总体状态笔记中。');
  });

  it('the pick list in Chinese: how many match, each customer\'s line, more than listed', () => {
    const customers = [contoso(), customerFixture({ n: 2, name: 'Contoso Pharma', assignee: partnerAssignee() })];
    const card = customerListCard({ customers, more: true }, 'contoso', 'zh-CN');
    assertValidCard(card);
    assert.deepEqual(englishIn(card), []);
    assert.ok(textRuns(card).includes('超过 2 个客户与“contoso”匹配：请选择一个。'));
    assert.ok(textRuns(card).includes(`FM：Farah Manager · 5 个工作负载 · 租户 ${tenantId(1)}`));
    assert.deepEqual(executeActions(card).map((a) => a.title), ['查看', '查看']);
    assert.ok(textBlocks(card).some((b) => String(b.text).startsWith('匹配的客户多于此处列出的')));
  });
});
