/**
 * Issue 9, defect 1 in Teams: a card action on a customer others keep changing. The write loses every race (a store
 * whose writes of customers always find a newer version); the action ends in WriteContention, answered 503 to the
 * invoke (Action.Execute) or in words (the Action.Submit fallback), saying to try again: not a failed turn (500, an
 * error in the log), and nothing is stored.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { StoreError } from '../../src/store/store';
import { postJson, teamsInvoke, teamsSubmit, teamsUser } from '../common/activities';
import { startTestApp } from '../common/app';
import { actors, customerFixture, NOW, onDay, personFixture, tenantId } from '../common/fixtures';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const TENANT = tenantId(1);
const KEY = { tenantId: TENANT, workload: 'ExchangeOnline', revision: 1 };

describe('Teams protocol: a card action under contention (defect 1 of issue 9)', () => {
  let dir: string;
  let store: SqliteStore;
  let connector: RecordingConnector;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let lostRaces: number;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-busy-'));
    store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    await store.putPerson(personFixture(actors.fm, { timeZone: 'Europe/London' }));
    await store.createCustomer(customerFixture({ n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', '2026-11-24')] }));
    // Others always get there first: every write of a customer finds a newer version.
    lostRaces = 0;
    store.replaceCustomer = () => {
      lostRaces += 1;
      return Promise.reject(new StoreError('precondition_failed', `Customer ${TENANT} changed since it was read.`));
    };
    connector = await startRecordingConnector();
    app = await startTestApp(store, { now: () => NOW });
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const errorsLogged = (): string[] => app.logger.lines.filter((line) => line.includes('"level":"error"'));

  it('Action.Execute: 503 with words saying to try again, not a failed turn; nothing stored', async () => {
    const before = await store.getCustomer(TENANT);
    const res = await postJson(`${app.url}/api/messages`, teamsInvoke(connector.serviceUrl, FM, 'confirmStart', KEY));
    const answer = (await res.json()) as { statusCode: number; type: string; value: { code: string; message: string } };
    assert.deepEqual([res.status, answer.statusCode, answer.type, answer.value.code],
      [503, 503, 'application/vnd.microsoft.error', 'ServiceUnavailable']);
    assert.match(answer.value.message, /try again/);
    assert.ok(lostRaces > 1, 'the write was tried again before giving up');
    assert.deepEqual(await store.getCustomer(TENANT), before);
    assert.deepEqual(errorsLogged(), []);
  });

  it('the Action.Submit fallback: a reply saying to try again, the card left as it is; nothing stored', async () => {
    const before = await store.getCustomer(TENANT);
    const res = await postJson(`${app.url}/api/messages`,
      teamsSubmit(connector.serviceUrl, FM, { verb: 'confirmStart', ...KEY }, 'card-message-1'));
    assert.equal(res.status, 200);
    const [reply] = await connector.waitFor(1);
    assert.equal(reply?.method, 'POST', 'a reply, not an update of the card');
    assert.match(String(reply?.body.text), /try again/);
    assert.doesNotMatch(String(reply?.body.text), /went wrong/);
    assert.deepEqual(await store.getCustomer(TENANT), before);
    assert.deepEqual(errorsLogged(), []);
  });
});
