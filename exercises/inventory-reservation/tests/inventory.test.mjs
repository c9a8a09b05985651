import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory, InventoryError } from './inventory.mjs';

// One turn of the event loop: lets every pending promise callback run. No real waiting.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// A small seeded pseudo-random generator (mulberry32), so the random tests are repeatable.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// An in-memory stand-in for a database table of on-hand counts. With `rand`, every get
// and set waits 0-2 event-loop turns first, like a real round trip, so concurrent
// operations interleave. `failNext` makes the next call reject.
function fakeStore(initial, rand) {
  const rows = new Map(Object.entries(initial));
  const store = {
    rows,
    failNext: null,
    async pause() {
      if (!rand) return;
      const turns = Math.floor(rand() * 3);
      for (let i = 0; i < turns; i++) await flush();
    },
    async get(sku) {
      await store.pause();
      if (store.failNext) {
        const error = store.failNext;
        store.failNext = null;
        throw error;
      }
      return rows.get(sku);
    },
    async set(sku, onHand) {
      await store.pause();
      rows.set(sku, onHand);
    },
  };
  return store;
}

function fakeClock(start = 50_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

// assert.rejects validator: an InventoryError with this code.
const inventoryError = (code) => (err) => {
  assert.ok(err instanceof InventoryError, `expected an InventoryError, got ${err?.name}: ${err?.message}`);
  assert.ok(err instanceof Error, 'InventoryError must extend Error');
  assert.equal(err.code, code);
  return true;
};

const sumOf = (numbers) => numbers.reduce((a, b) => a + b, 0);

describe('Inventory', () => {
  describe('reserve', () => {
    it('holds stock: available drops, but the on-hand count in the store does not', async () => {
      const clock = fakeClock();
      const store = fakeStore({ mug: 10 });
      const inv = new Inventory({ store, ttlMs: 60_000, now: clock.now });
      const reservation = await inv.reserve('mug', 3, 'order-1');
      assert.deepEqual(reservation, {
        orderId: 'order-1',
        sku: 'mug',
        qty: 3,
        expiresAt: clock.now() + 60_000,
        status: 'active',
      });
      assert.equal(await inv.available('mug'), 7);
      assert.equal(store.rows.get('mug'), 10, 'a reservation is a hold, not a sale: the store is untouched');
    });

    it('rejects a bad quantity with INVALID_QTY and an unknown SKU with UNKNOWN_SKU', async () => {
      const inv = new Inventory({ store: fakeStore({ mug: 10 }) });
      for (const qty of [0, -1, 1.5, NaN, '2', undefined]) {
        await assert.rejects(inv.reserve('mug', qty, 'o1'), inventoryError('INVALID_QTY'), `qty ${String(qty)}`);
      }
      await assert.rejects(inv.reserve('teapot', 1, 'o2'), inventoryError('UNKNOWN_SKU'));
      await assert.rejects(inv.available('teapot'), inventoryError('UNKNOWN_SKU'));
      assert.equal(await inv.available('mug'), 10);
    });

    it('rejects with INSUFFICIENT_STOCK when not enough is available, and holds nothing', async () => {
      const inv = new Inventory({ store: fakeStore({ mug: 5 }) });
      await inv.reserve('mug', 4, 'o1');
      await assert.rejects(inv.reserve('mug', 2, 'o2'), inventoryError('INSUFFICIENT_STOCK'));
      assert.equal(await inv.available('mug'), 1, 'a refused reservation must not hold anything');
      await inv.reserve('mug', 1, 'o3');
      assert.equal(await inv.available('mug'), 0, 'the last unit can still be reserved exactly');
    });

    it('is idempotent per orderId: repeating the same reserve returns the same reservation', async () => {
      const clock = fakeClock();
      const inv = new Inventory({ store: fakeStore({ mug: 10 }), ttlMs: 1000, now: clock.now });
      const first = await inv.reserve('mug', 4, 'order-9');
      clock.advance(500);
      const again = await inv.reserve('mug', 4, 'order-9');
      assert.deepEqual(again, first, 'a retried reserve must return the existing reservation, expiry unchanged');
      assert.equal(await inv.available('mug'), 6, 'a retried reserve must not hold the stock twice');
    });

    it('rejects with ORDER_CONFLICT when the orderId already holds a different SKU or quantity', async () => {
      const inv = new Inventory({ store: fakeStore({ mug: 10, cup: 10 }) });
      await inv.reserve('mug', 2, 'order-1');
      await assert.rejects(inv.reserve('mug', 3, 'order-1'), inventoryError('ORDER_CONFLICT'));
      await assert.rejects(inv.reserve('cup', 2, 'order-1'), inventoryError('ORDER_CONFLICT'));
      assert.equal(await inv.available('mug'), 8);
      assert.equal(await inv.available('cup'), 10);
    });
  });

  describe('release and commit', () => {
    it('release frees the stock and returns true; releasing again returns false', async () => {
      const inv = new Inventory({ store: fakeStore({ mug: 10 }) });
      await inv.reserve('mug', 6, 'o1');
      assert.equal(await inv.release('o1'), true);
      assert.equal(await inv.available('mug'), 10, 'released stock must be available again');
      assert.equal(await inv.release('o1'), false, 'a second release has nothing to release');
      assert.equal(await inv.release('never-reserved'), false);
    });

    it('commit deducts the stock in the store, and committing again changes nothing', async () => {
      const store = fakeStore({ mug: 10 });
      const inv = new Inventory({ store });
      await inv.reserve('mug', 3, 'o1');
      const committed = await inv.commit('o1');
      assert.equal(committed.status, 'committed');
      assert.equal(committed.qty, 3);
      assert.equal(store.rows.get('mug'), 7, 'commit must write the new on-hand count to the store');
      assert.equal(await inv.available('mug'), 7, 'committed units are gone, not held');
      assert.deepEqual(await inv.commit('o1'), committed, 'a duplicate commit (say, a retried webhook) returns the same result');
      assert.equal(store.rows.get('mug'), 7, 'a duplicate commit must not deduct again');
      assert.deepEqual(await inv.reserve('mug', 3, 'o1'), committed, 'reserve with the same request after commit returns the committed reservation');
      assert.equal(await inv.release('o1'), false, 'a committed order cannot be released');
      assert.equal(store.rows.get('mug'), 7);
    });

    it('commit without an active reservation rejects with NO_RESERVATION', async () => {
      const inv = new Inventory({ store: fakeStore({ mug: 10 }) });
      await assert.rejects(inv.commit('ghost'), inventoryError('NO_RESERVATION'));
      await inv.reserve('mug', 1, 'o1');
      await inv.release('o1');
      await assert.rejects(inv.commit('o1'), inventoryError('NO_RESERVATION'), 'a released reservation cannot be committed');
    });
  });

  describe('ttl', () => {
    it('a reservation expires exactly ttlMs after it was made and stops holding stock', async () => {
      const clock = fakeClock();
      const inv = new Inventory({ store: fakeStore({ mug: 10 }), ttlMs: 100, now: clock.now });
      await inv.reserve('mug', 4, 'o1');
      clock.advance(99);
      assert.equal(await inv.available('mug'), 6, 'after 99 ms of a 100 ms TTL the stock is still held');
      clock.advance(1);
      assert.equal(await inv.available('mug'), 10, 'at exactly ttlMs the reservation has expired');
      assert.equal(await inv.release('o1'), false, 'an expired reservation has nothing left to release');
    });

    it('an expired reservation cannot be committed, and its orderId can reserve again', async () => {
      const clock = fakeClock();
      const store = fakeStore({ mug: 10 });
      const inv = new Inventory({ store, ttlMs: 100, now: clock.now });
      await inv.reserve('mug', 4, 'o1');
      clock.advance(100);
      await assert.rejects(inv.commit('o1'), inventoryError('NO_RESERVATION'), 'the customer paid too late');
      assert.equal(store.rows.get('mug'), 10);
      const fresh = await inv.reserve('mug', 5, 'o1');
      assert.equal(fresh.qty, 5, 'after expiry the orderId is free: a new quantity is not a conflict');
      assert.equal(fresh.expiresAt, clock.now() + 100, 'the new reservation gets a full TTL');
      assert.equal(await inv.available('mug'), 5);
    });
  });

  describe('concurrency', () => {
    it('many concurrent reserves never hold more than the stock', async () => {
      const rand = random(7);
      const inv = new Inventory({ store: fakeStore({ mug: 50 }, rand) });
      const quantities = Array.from({ length: 100 }, () => 1 + Math.floor(rand() * 5));
      const outcomes = await Promise.allSettled(quantities.map((qty, i) => inv.reserve('mug', qty, `order-${i}`)));
      const reserved = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled') reserved.push(quantities[i]);
        else inventoryError('INSUFFICIENT_STOCK')(outcome.reason);
      });
      const total = sumOf(reserved);
      assert.ok(total <= 50, `oversold: ${total} units reserved out of 50`);
      assert.ok(total >= 46, `only ${total} of 50 units reserved: requests were refused while stock was available`);
      assert.equal(await inv.available('mug'), 50 - total);
    });

    it('concurrent duplicate reserves with the same orderId hold the stock once', async () => {
      const rand = random(11);
      const inv = new Inventory({ store: fakeStore({ mug: 10 }, rand) });
      const results = await Promise.all(Array.from({ length: 10 }, () => inv.reserve('mug', 3, 'double-click')));
      for (const result of results) assert.deepEqual(result, results[0], 'every duplicate must get the same reservation');
      assert.equal(await inv.available('mug'), 7, 'ten clicks on "Buy" must hold 3 units, not 30');
    });

    it('concurrent commits and reserves on one SKU never lose a stock update', async () => {
      const rand = random(42);
      const store = fakeStore({ mug: 100 }, rand);
      const inv = new Inventory({ store });
      for (let i = 0; i < 40; i++) await inv.reserve('mug', 2, `paid-${i}`); // 80 held
      const commits = Array.from({ length: 40 }, (_, i) => inv.commit(`paid-${i}`));
      const reserves = Array.from({ length: 20 }, (_, i) => inv.reserve('mug', 2, `late-${i}`));
      await Promise.all(commits);
      const late = await Promise.allSettled(reserves);
      assert.equal(store.rows.get('mug'), 20, 'forty commits of 2 from 100 must leave 20 on hand (a lost update leaves more)');
      const succeeded = late.filter((o) => o.status === 'fulfilled').length;
      assert.equal(succeeded, 10, 'exactly 20 units were free for the late orders, so exactly 10 reserves of 2 fit');
      assert.equal(await inv.available('mug'), 0);
    });

    it('a store failure rejects the operation and releases the SKU for the next caller', async () => {
      const store = fakeStore({ mug: 10 });
      const inv = new Inventory({ store });
      const boom = new Error('connection reset');
      store.failNext = boom;
      await assert.rejects(inv.reserve('mug', 2, 'o1'), (err) => err === boom, 'the store error must come out unchanged');
      let settled = false;
      const next = inv.reserve('mug', 2, 'o2').finally(() => (settled = true));
      for (let i = 0; i < 20 && !settled; i++) await flush();
      assert.equal(settled, true, 'a failed operation must not leave its SKU locked');
      await next;
      assert.equal(await inv.available('mug'), 8, 'only the second reservation holds stock');
    });
  });

  describe('options', () => {
    it('the constructor rejects a store without get and set, and a ttlMs that is not > 0', () => {
      assert.throws(() => new Inventory({}), TypeError);
      assert.throws(() => new Inventory({ store: { get: async () => 1 } }), TypeError, 'set is required too');
      const store = fakeStore({});
      for (const ttlMs of [0, -1, NaN, '100']) {
        assert.throws(() => new Inventory({ store, ttlMs }), RangeError, `ttlMs ${String(ttlMs)}`);
      }
      assert.doesNotThrow(() => new Inventory({ store }), 'ttlMs has a default');
    });
  });
});
