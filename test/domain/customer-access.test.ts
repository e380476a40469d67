/**
 * Who may add a workload to a customer (R7, R8, R9: one rule for the card and the REST route), who may look a
 * customer up (R9), and the added workload's note (R6: the Overall Status Notes, in the same change).
 */
import assert from 'node:assert/strict';
import { addWorkload } from '../../src/domain/engagement';
import { english, type Phrase } from '../../src/domain/phrases';
import { addWorkloadRefusal, mayAddWorkload, maySeeCustomer, NOT_IN_DIRECTORY } from '../../src/domain/rules';
import type { Actor, Person } from '../../src/domain/types';
import { admin, assertDomainError, ctxFor, fm, gateway, makeCustomer, otherFm, partner } from './helpers';

function person(actor: Actor, overrides: Partial<Person> = {}): Person {
  return {
    aadObjectId: actor.aadObjectId, name: actor.name, email: '', role: actor.role, timeZone: 'UTC', conversation: null,
    reachable: true, updatedAt: '2026-11-24T09:00:00.000Z', ...overrides,
  };
}

/** A refusal in English (the REST API's wording), '' for none. */
function englishOf(refusal: Phrase | null): string {
  return refusal ? english(refusal) : '';
}

describe('domain/rules: who may add a workload, who may see a customer', () => {
  const customer = makeCustomer(); // Contoso Ltd, assigned to FM Alice

  it('R7/R8: the Gateway, admins and the customer\'s assigned FM may add a workload', () => {
    for (const actor of [gateway, admin, fm]) {
      assert.equal(addWorkloadRefusal(actor, customer), null, actor.role);
      assert.equal(mayAddWorkload(actor, customer), true);
    }
  });

  it('R7/R8: another FM is refused, told who can (the FM by name) and what to do', () => {
    assert.equal(englishOf(addWorkloadRefusal(otherFm, customer)), 'Only its FM (Alice), the Gateway team or an admin can add a '
      + 'workload to Contoso Ltd. Ask them, or ask the Gateway team to assign the customer to you if it should be yours.');
    assert.equal(mayAddWorkload(otherFm, customer), false);
    const unassigned = makeCustomer({ assignee: undefined });
    assert.match(englishOf(addWorkloadRefusal(fm, unassigned)), /^Only the Gateway team or an admin can add a workload/);
  });

  it('R9: a partner is refused, even on its own customer, and told who can', () => {
    const own = makeCustomer({ assignee: { type: 'partner', partnerId: 'p-1', name: 'Contoso Services' } });
    assert.equal(englishOf(addWorkloadRefusal(partner, own)), 'Partners do not add workloads: the Gateway team or an admin can '
      + 'add one to Contoso Ltd. Ask them.');
    assert.match(englishOf(addWorkloadRefusal(partner, customer)), /^Partners do not add workloads: its FM \(Alice\)/);
  });

  it('an API key with the role fm is never the assigned FM, even with the FM\'s id in its name: use an Entra token', () => {
    const key: Actor = { aadObjectId: `apikey:${fm.aadObjectId}`, name: fm.aadObjectId, role: 'fm' };
    assert.match(englishOf(addWorkloadRefusal(key, customer)), /API key does not say which FM.*own Microsoft Entra ID token/);
  });

  it('someone not in the directory may not', () => {
    assert.equal(addWorkloadRefusal(null, customer), NOT_IN_DIRECTORY);
  });

  it('R9: a partner sees only its own customers; other roles see every customer; no role sees none', () => {
    const own = makeCustomer({ assignee: { type: 'partner', partnerId: 'p-1', name: 'Contoso Services' } });
    const partnerPerson = person(partner, { partnerId: 'p-1' });
    assert.equal(maySeeCustomer(partnerPerson, own), true);
    assert.equal(maySeeCustomer(partnerPerson, customer), false);
    assert.equal(maySeeCustomer(person(partner, { partnerId: 'p-2' }), own), false);
    for (const actor of [fm, otherFm, gateway, admin]) {
      assert.equal(maySeeCustomer(person(actor), own), true, actor.name);
    }
    assert.equal(maySeeCustomer(person(fm, { role: null }), customer), false);
  });

  it('R6/R8: the optional note goes into the Overall Status Notes with the addition; a note too long is refused', () => {
    const next = addWorkload(customer, { workload: 'Viva', l1Status: 'InProgress', engagementStartDate: '2027-01-18' },
      ctxFor(fm), 'successReview', '  Announced at the review.  ');
    assert.equal(next.statusNotes.at(-1)?.text,
      'Workload Viva added (InProgress) with Engagement Start Date 2027-01-18. Announced at the review.');
    const past = { workload: 'Viva', l1Status: 'InProgress', engagementStartDate: '2026-11-01' };
    assertDomainError(() => addWorkload(customer, past, ctxFor(fm), 'successReview', 'x'.repeat(2001)), 'validation',
      ['engagementStartDate', 'note']);
  });
});
