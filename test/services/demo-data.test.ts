import assert from 'node:assert/strict';
import { DEMO_PEOPLE, seedDemoData } from '../../src/services/demo-data';
import type { Store } from '../../src/store/store';
import { actors, customerFixture, NOW, personFixture } from '../common/fixtures';
import { storeKinds, type OpenedStore } from '../common/stores';

/** Every customer and person the store holds (the tests keep them few). */
async function contents(store: Store): Promise<{ customers: string[]; people: string[] }> {
  const customers = (await store.findCustomersByName('', 1000)).map((customer) => customer.tenantId).sort();
  const people = (await store.listPeople()).map((person) => person.aadObjectId).sort();
  return { customers, people };
}

for (const kind of storeKinds) {
  describe(`services/demo-data on ${kind.name}: seeded only into an empty store (issue 9, defect 2)`, function () {
    this.timeout(20_000);
    let opened: OpenedStore | undefined;
    const store = (): Store => {
      assert.ok(opened, 'the store is opened in beforeEach');
      return opened.store;
    };
    beforeEach(async () => { opened = await kind.open(); });
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    it('seeds the demo people and customers into a store with no customers and no people', async () => {
      assert.equal(await seedDemoData(store(), NOW), true);
      const after = await contents(store());
      assert.deepEqual(after.people, DEMO_PEOPLE.map((person) => person.aadObjectId).sort());
      assert.equal(after.customers.length, 7);
    });

    it('defect 2: a store with customers and no people is left unchanged (no demo customers, no demo FMs)', async () => {
      await store().createCustomer(customerFixture({ n: 1 }));
      await store().createCustomer(customerFixture({ n: 2 }));
      const before = await contents(store());
      assert.equal(await seedDemoData(store(), NOW), false);
      assert.deepEqual(await contents(store()), before);
    });

    it('defect 2: a real customer with a demo tenant id and no people: nothing seeded, nothing thrown', async () => {
      await store().createCustomer(customerFixture({ tenantId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', name: 'Real Contoso' }));
      const before = await contents(store());
      assert.equal(await seedDemoData(store(), NOW), false);
      assert.deepEqual(await contents(store()), before);
      assert.equal((await store().getCustomer('3f2504e0-4f89-11d3-9a0c-0305e82c3301'))?.value.name, 'Real Contoso');
    });

    it('a store with people and no customers is left unchanged', async () => {
      await store().putPerson(personFixture(actors.fm));
      const before = await contents(store());
      assert.equal(await seedDemoData(store(), NOW), false);
      assert.deepEqual(await contents(store()), before);
    });
  });
}
