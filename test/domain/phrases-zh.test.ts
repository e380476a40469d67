/**
 * Issue 11: the refusals and validation messages of domain/engagement.ts, customer.ts, text.ts and ids.ts are phrases.
 * Their English (the REST API's message) is unchanged; in zh-CN a person reads them in Chinese, with the arguments
 * (a workload, a customer, a day, a limit) carried over and nested phrases (a verb, an L1 status, a label) translated.
 */
import assert from 'node:assert/strict';
import { newCustomer, readAssignee } from '../../src/domain/customer';
import {
  addWorkload, changeDate, changeL1Status, confirmStart, recordNoResponse, verbRefusal,
} from '../../src/domain/engagement';
import type { DomainError, ErrorDetail } from '../../src/domain/errors';
import { directoryIdMessage, directoryIdPhrase, MAX_ID_LENGTH } from '../../src/domain/ids';
import { english, phrase, type Phrase } from '../../src/domain/phrases';
import { readText } from '../../src/domain/text';
import { say } from '../../src/teams/i18n/messages';
import { assertDomainError, ctxFor, fm, makeCustomer, TODAY, workloadOf } from './helpers';

const EXO = 'ExchangeOnline';
/** Han characters: a text in Chinese has them. */
const HAN = /\p{Script=Han}/u;

/** The phrase of a thrown DomainError, failing the test when it has none. */
function phraseOf(error: DomainError | ErrorDetail | undefined): Phrase {
  return error?.phrase ?? assert.fail(`no phrase: ${error?.message}`);
}

/** `p` in zh-CN: Chinese, no English sentence left, and each of `carried` in it. */
function assertChinese(p: Phrase, ...carried: string[]): string {
  const zh = say('zh-CN', p);
  assert.match(zh, HAN, zh);
  assert.notEqual(zh, english(p));
  assert.doesNotMatch(zh, /\b(Cannot|is|the|must|required|workload)\b/, zh);
  for (const value of carried) assert.ok(zh.includes(value), `${value} in: ${zh}`);
  return zh;
}

describe('domain phrases in zh-CN (issue 11)', () => {
  it('R3/R5: a verb refused by the state names the action and the workload in Chinese; the English is unchanged', () => {
    const customer = makeCustomer();
    Object.assign(workloadOf(customer, EXO), { state: 'started', startedOn: '2026-11-20' });
    const refusal = verbRefusal(workloadOf(customer, EXO), 'reschedule') ?? assert.fail('expected a refusal');
    assert.equal(english(refusal), 'Cannot change the date: ExchangeOnline has started already (on 2026-11-20), so its '
      + 'date stays as it is. When the deployment is finished, record "Deployment finished".');
    const zh = assertChinese(refusal, EXO, '2026-11-20', '部署已完成');
    assert.ok(zh.startsWith('无法更改日期'), zh);
  });

  it('R1: a workload that is not InProgress is refused with its L1 status in the FAQ\'s term', () => {
    const customer = makeCustomer();
    Object.assign(workloadOf(customer, EXO), { l1Status: 'Blocked' });
    const refusal = verbRefusal(workloadOf(customer, EXO), 'confirmStart') ?? assert.fail('expected a refusal');
    assert.match(english(refusal), /^ExchangeOnline is Blocked: only InProgress workloads/);
    assertChinese(refusal, EXO, '“已阻止”', '“进行中”', '接洽开始日期');
  });

  it('R5: a start day out of range, and a missing note, are said in Chinese with the days and the label', () => {
    const customer = makeCustomer();
    const tooEarly = assertDomainError(() => confirmStart(customer, EXO, ctxFor(fm), '2019-09-30'), 'validation');
    assert.equal(tooEarly.message, 'The request is not valid.');
    assertChinese(phraseOf(tooEarly.details[0]), '2019-09-30', '2019-10-01');
    const future = assertDomainError(() => confirmStart(customer, EXO, ctxFor(fm), '2099-01-01'), 'validation');
    assertChinese(phraseOf(future.details[0]), '2099-01-01', TODAY);
    const note = assertDomainError(() => recordNoResponse(customer, EXO, ' ', ctxFor(fm)), 'validation');
    assert.equal(note.details[0]?.message, 'A note is required.');
    assert.equal(say('zh-CN', phraseOf(note.details[0])), '必须填写笔记。');
  });

  it('R4/R6: the same date again, a missing date and reason; R1: the same L1 status again', () => {
    const customer = makeCustomer();
    const date = workloadOf(customer, EXO).engagementStartDate ?? assert.fail('a date');
    const same = assertDomainError(
      () => changeDate(customer, EXO, { engagementStartDate: date, reason: 'r' }, ctxFor(fm), 'api'), 'validation');
    assert.equal(same.message, `The date is already ${date}.`);
    assertChinese(phraseOf(same), date);
    const empty = assertDomainError(() => changeDate(customer, EXO, {}, ctxFor(fm), 'card'), 'validation');
    assert.deepEqual(empty.details.map((d) => d.message), ['A new date or month is required.', 'A reason is required.']);
    assert.deepEqual(empty.details.map((d) => say('zh-CN', phraseOf(d))), ['必须填写新的日期或月份。', '必须填写原因。']);
    const already = assertDomainError(
      () => changeL1Status(customer, EXO, { l1Status: 'InProgress' }, ctxFor(fm), 'api'), 'validation');
    assert.equal(already.message, 'ExchangeOnline is already InProgress.');
    assertChinese(phraseOf(already), EXO, '“进行中”');
  });

  it('R7/R8: an unknown workload, and one added twice, name the customer and the workload', () => {
    const customer = makeCustomer();
    const missing = assertDomainError(() => recordNoResponse(customer, 'Viva', 'note', ctxFor(fm)), 'not_found');
    assert.equal(missing.message, `Customer ${customer.name} has no workload Viva.`);
    assertChinese(phraseOf(missing), customer.name, 'Viva', '工作负载');
    const twice = assertDomainError(
      () => addWorkload(customer, { workload: EXO, l1Status: 'Blocked' }, ctxFor(fm), 'api'), 'conflict');
    assert.match(twice.message, /^Contoso Ltd already has ExchangeOnline: change that workload/);
    assertChinese(phraseOf(twice), customer.name, EXO, '工作负载');
  });

  it('R1/R2/R9: a new customer\'s entry errors: every detail has a phrase whose English is its message', () => {
    const error = assertDomainError(() => newCustomer({
      tenantId: 'nope', name: '   ',
      assignee: { type: 'fm', aadObjectId: 'a/b' },
      workloads: [
        { workload: 'Teams', l1Status: 'Blocked', engagementStartDate: '2027-01-04' },
        { workload: 'Teams', l1Status: 'Blocked', startedOn: '2026-11-02' },
        { workload: 'Nope', l1Status: 'Maybe' },
        'not an object',
      ],
    }, ctxFor(fm)), 'validation');
    assert.ok(error.details.length >= 7, `${error.details.length} details`);
    for (const d of error.details) {
      assert.equal(english(phraseOf(d)), d.message, d.path);
      assertChinese(phraseOf(d));
    }
    const byPath = new Map(error.details.map((d) => [d.path, say('zh-CN', phraseOf(d))]));
    assert.equal(byPath.get('name'), '必须填写名称。');
    assert.match(byPath.get('workloads/0') ?? '', /“已阻止”/);
    assert.match(byPath.get('workloads/2/workload') ?? '', /ExchangeOnline, SharePointOnline/);
    assert.match(byPath.get('assignee/aadObjectId') ?? '', new RegExp(`^Microsoft Entra 对象 ID不能包含 .* ${MAX_ID_LENGTH} 个字符`));
  });

  it('text and ids: a label phrase is translated, a field name stays as given; the REST wording is unchanged', () => {
    const details: ErrorDetail[] = [];
    readText('x'.repeat(11), 'reason', details, { required: true, max: 10, label: phrase('engagement.label.reason') });
    readText(42, 'note', details, { required: true });
    assert.deepEqual(details.map((d) => d.message), ['A reason must be at most 10 characters (it has 11).', 'note must be text.']);
    assert.deepEqual(details.map((d) => say('zh-CN', phraseOf(d))), ['原因最多只能有 10 个字符（现有 11 个）。', 'note必须是文本。']);
    const assignee: ErrorDetail[] = [];
    readAssignee({ type: 'partner', partnerId: ' ' }, 'assignee', assignee);
    assert.equal(assignee[0]?.message, 'partnerId is required for a partner assignee.');
    assert.equal(say('zh-CN', phraseOf(assignee[0])), '分配给合作伙伴时必须提供合作伙伴 ID。');
    assert.equal(directoryIdMessage('from.aadObjectId'), english(directoryIdPhrase('from.aadObjectId')));
    assert.equal(directoryIdMessage('partnerId'),
      `partnerId must not contain /, \\, #, ? or control characters, and must be 1 to ${MAX_ID_LENGTH} characters.`);
  });
});
