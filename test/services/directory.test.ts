import assert from 'node:assert/strict';
import type { Person } from '../../src/domain/types';
import { actorOf, DEFAULT_TIME_ZONE, Directory, timeZoneOf, type TeamsContact } from '../../src/services/directory';
import { actors, conversationRef, NOW, personFixture } from '../common/fixtures';
import { fixedClock, people, useMemoryStore } from './helpers';

const LATER = '2026-11-25T10:00:00.000Z';
const NEW_ID = 'aad-new-1';

/** What the bot hands over on every activity: who, their chat, and the time zone from `clientInfo`. */
function contact(overrides: Partial<TeamsContact> = {}): TeamsContact {
  return { aadObjectId: NEW_ID, name: 'Nina New', conversation: conversationRef({ ...actors.fm, aadObjectId: NEW_ID }), timeZone: 'Asia/Tokyo', ...overrides };
}

describe('services/directory', () => {
  const store = useMemoryStore();
  const directory = (at: Date | string = NOW): Directory => new Directory(store(), fixedClock(at));
  const storedPerson = async (id: string) => {
    const person = await store().getPerson(id);
    assert.ok(person, `${id} is not stored`);
    return person;
  };

  describe('recordContact', () => {
    it('creates a role-less person on first contact: kept reachable, but may do nothing yet', async () => {
      const returned = await directory().recordContact(contact());
      const { value, etag } = await storedPerson(NEW_ID);
      assert.deepEqual(value, {
        aadObjectId: NEW_ID, name: 'Nina New', email: '', role: null, timeZone: 'Asia/Tokyo',
        conversation: contact().conversation, reachable: true, updatedAt: NOW.toISOString(),
      });
      assert.equal(etag, '1');
      assert.deepEqual(returned, value);
      assert.equal(actorOf(value), null);
    });

    it('issue 9 defect 8: a Teams display name is stored as a single-line name: no line break, bidi mark, lone '
      + 'surrogate or zero-width padding', async () => {
      await directory().recordContact(contact({ name: '\u200BNina\r\nNew\u202E\uD83D\u200E ' }));
      assert.equal((await storedPerson(NEW_ID)).value.name, 'Nina New');
    });

    it('keeps an existing person\'s role, email, partner and name; updates the conversation and the time zone', async () => {
      await store().putPerson(personFixture(actors.fm));
      const before = await storedPerson(actors.fm.aadObjectId);
      const fromTeams = contact({ aadObjectId: actors.fm.aadObjectId, name: 'Farah (Teams display name)', conversation: conversationRef(actors.fm) });
      await directory(LATER).recordContact(fromTeams);
      const { value, etag } = await storedPerson(actors.fm.aadObjectId);
      assert.deepEqual(value, {
        ...before.value, conversation: fromTeams.conversation, timeZone: 'Asia/Tokyo', updatedAt: LATER,
      }, 'the admin-given name, email and role stay');
      assert.equal(etag, '2');
    });

    it('issue 11: records the client\'s language for proactive cards; a language without a catalogue clears it, '
      + 'an activity that names none keeps it, and the same language again costs no write', async () => {
      await directory().recordContact(contact({ locale: 'zh-CN' }));
      assert.equal((await storedPerson(NEW_ID)).value.locale, 'zh-CN');
      await directory(LATER).recordContact(contact({ locale: undefined }));
      assert.equal((await storedPerson(NEW_ID)).value.locale, 'zh-CN');
      const unchanged = await storedPerson(NEW_ID);
      await directory(LATER).recordContact(contact({ locale: 'zh-CN' }));
      assert.equal((await storedPerson(NEW_ID)).etag, unchanged.etag, 'nothing changed, nothing written');
      await directory(LATER).recordContact(contact({ locale: 'en-US' }));
      assert.equal((await storedPerson(NEW_ID)).value.locale, 'en-US');
      await directory(LATER).recordContact(contact({ locale: null }));
      assert.equal((await storedPerson(NEW_ID)).value.locale, undefined, 'e.g. zh-TW: no catalogue, DEFAULT_LOCALE');
      assert.ok(!('locale' in (await storedPerson(NEW_ID)).value));
    });

    it('keeps a partner\'s partnerId (R9 scoping depends on it)', async () => {
      await store().putPerson(people.partner);
      await directory(LATER).recordContact(contact({ aadObjectId: people.partner.aadObjectId, name: 'Pat', timeZone: null }));
      const { value } = await storedPerson(people.partner.aadObjectId);
      assert.deepEqual([value.role, value.partnerId, value.name, value.timeZone], ['partner', 'partner-contoso-services', 'Pat Partner', 'Europe/Paris']);
    });

    for (const zone of ['Mars/Olympus_Mons', '', 'Europe/' + 'x'.repeat(70), null]) {
      it(`ignores a missing or invalid time zone (${JSON.stringify(zone)?.slice(0, 24)}): kept for a known person, UTC for a new one`, async () => {
        await store().putPerson(people.fm);
        await directory(LATER).recordContact(contact({ aadObjectId: actors.fm.aadObjectId, timeZone: zone }));
        assert.equal((await storedPerson(actors.fm.aadObjectId)).value.timeZone, 'Europe/Paris');
        await directory().recordContact(contact({ timeZone: zone }));
        assert.equal((await storedPerson(NEW_ID)).value.timeZone, DEFAULT_TIME_ZONE);
      });
    }

    it('writes nothing when nothing changed (a busy chat costs no writes)', async () => {
      await directory().recordContact(contact());
      const first = await storedPerson(NEW_ID);
      const again = await directory(LATER).recordContact(contact());
      await directory(LATER).recordContact(contact({ timeZone: null }));
      await directory(LATER).recordContact(contact({ name: 'Another display name' }));
      const after = await storedPerson(NEW_ID);
      assert.deepEqual(after, first, 'same document, same etag');
      assert.deepEqual(again, first.value);
    });

    it('writes when only the conversation changed', async () => {
      await directory().recordContact(contact());
      const moved = { ...contact().conversation, serviceUrl: 'https://smba.trafficmanager.net/amer/' };
      await directory(LATER).recordContact(contact({ conversation: moved }));
      const { value, etag } = await storedPerson(NEW_ID);
      assert.deepEqual([value.conversation, value.updatedAt, etag], [moved, LATER, '2']);
    });

    it('three first contacts at once do not throw and leave one record', async () => {
      const results = await Promise.all([1, 2, 3].map(() => directory().recordContact(contact())));
      const { value, etag } = await storedPerson(NEW_ID);
      assert.equal(etag, '1', 'one write: the others found it there, unchanged');
      for (const person of results) assert.deepEqual(person, value);
      assert.deepEqual((await store().listPeople()).map((p: Person) => p.aadObjectId), [NEW_ID]);
    });
  });

  describe('markUnreachable', () => {
    it('stops cards until the person talks to the bot again; recordContact makes them reachable', async () => {
      await store().putPerson(personFixture(actors.fm, { conversation: conversationRef(actors.fm) }));
      await directory(LATER).markUnreachable(actors.fm.aadObjectId, 'blocked');
      const unreachable = await storedPerson(actors.fm.aadObjectId);
      const { value } = unreachable;
      assert.deepEqual(
        [value.reachable, value.unreachableReason, value.updatedAt, unreachable.etag], [false, 'blocked', LATER, '2'],
      );

      await directory(LATER).markUnreachable(actors.fm.aadObjectId, 'blocked');
      assert.equal((await storedPerson(actors.fm.aadObjectId)).etag, '2', 'already unreachable: no write');

      await directory(LATER).recordContact(contact({ aadObjectId: actors.fm.aadObjectId, conversation: conversationRef(actors.fm), timeZone: 'Europe/Paris' }));
      const back = await storedPerson(actors.fm.aadObjectId);
      const { reachable, unreachableReason, role } = back.value;
      assert.deepEqual([reachable, unreachableReason, role, back.etag], [true, undefined, 'fm', '3']);
    });

    it('issue 13: recordConversation stores a chat the bot created and clears the reason', async () => {
      await store().putPerson(personFixture(actors.fm, { conversation: null }));
      await directory(LATER).markUnreachable(actors.fm.aadObjectId, 'neverInstalled');
      await directory(LATER).recordConversation(actors.fm.aadObjectId, conversationRef(actors.fm));
      const stored = (await storedPerson(actors.fm.aadObjectId)).value;
      const expected = [true, undefined, conversationRef(actors.fm)];
      assert.deepEqual([stored.reachable, stored.unreachableReason, stored.conversation], expected);
      assert.equal(await directory().recordConversation('aad-nobody', conversationRef(actors.fm)), undefined);
    });

    it('does nothing for someone the directory does not know', async () => {
      await directory().markUnreachable('aad-nobody', 'uninstalled');
      assert.equal(await store().getPerson('aad-nobody'), undefined);
    });
  });

  describe('actorOf and timeZoneOf', () => {
    it('a person acts only with a role; their time zone is used only when valid', () => {
      assert.deepEqual(actorOf(people.fm), actors.fm);
      assert.equal(actorOf(people.roleless), null);
      assert.equal(actorOf(undefined), null);
      assert.equal(timeZoneOf(people.fm), 'Europe/Paris');
      assert.equal(timeZoneOf({ ...people.fm, timeZone: 'Not/AZone' }), DEFAULT_TIME_ZONE);
      assert.equal(timeZoneOf(undefined), DEFAULT_TIME_ZONE);
    });
  });
});
