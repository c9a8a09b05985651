import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ledger, LedgerError } from './bank-transfer.mjs';

// A promise plus the functions that settle it, so a test decides when a step finishes.
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// One turn of the event loop: lets every pending promise callback run. No real waiting.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// Resolves to true if `promise` settles within `turns` event-loop turns. A deadlocked
// transfer never settles; this detects that without a real timeout.
async function settlesWithin(promise, turns = 100) {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < turns && !settled; i++) await flush();
  return settled;
}

// A small seeded pseudo-random generator (mulberry32), so the random test is repeatable.
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

// assert.rejects / assert.throws validator: a LedgerError with this code.
const ledgerError = (code) => (err) => {
  assert.ok(err instanceof LedgerError, `expected a LedgerError, got ${err?.name}: ${err?.message}`);
  assert.ok(err instanceof Error, 'LedgerError must extend Error');
  assert.equal(err.code, code);
  return true;
};

const balances = (ledger, ids) => Object.fromEntries(ids.map((id) => [id, ledger.balance(id)]));

describe('Ledger', () => {
  describe('balances', () => {
    it('balance and total report the committed state, and an unknown account throws UNKNOWN_ACCOUNT', () => {
      const ledger = new Ledger({ alice: 100, bob: 50, carol: 0 });
      assert.equal(ledger.balance('alice'), 100);
      assert.equal(ledger.balance('carol'), 0);
      assert.equal(ledger.total(), 150);
      assert.throws(() => ledger.balance('mallory'), ledgerError('UNKNOWN_ACCOUNT'));
    });

    it('the constructor rejects balances that are not integers >= 0', () => {
      for (const bad of [-1, 1.5, NaN, Infinity, '10', null]) {
        assert.throws(() => new Ledger({ alice: bad }), RangeError, `a balance of ${String(bad)} must be rejected`);
      }
      assert.equal(new Ledger({}).total(), 0, 'an empty ledger is fine');
    });
  });

  describe('transactions', () => {
    it('a transaction reads its own writes, and commit publishes them all at once', () => {
      const ledger = new Ledger({ alice: 100, bob: 50 });
      const tx = ledger.begin();
      tx.set('alice', 60);
      assert.equal(tx.get('alice'), 60, 'a transaction must see its own writes');
      assert.equal(ledger.balance('alice'), 100, 'uncommitted writes must be invisible outside the transaction');
      tx.set('bob', 90);
      assert.equal(tx.commit(), undefined);
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 60, bob: 90 });
    });

    it('rollback discards every write', () => {
      const ledger = new Ledger({ alice: 100, bob: 50 });
      const tx = ledger.begin();
      tx.set('alice', 0);
      tx.set('bob', 150);
      tx.rollback();
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 100, bob: 50 }, 'a rolled back transaction leaves no trace');
    });

    it('a transaction reads from the snapshot taken at begin, not from later commits', () => {
      const ledger = new Ledger({ alice: 100, bob: 50 });
      const reader = ledger.begin();
      const writer = ledger.begin();
      writer.set('alice', 10);
      writer.commit();
      assert.equal(ledger.balance('alice'), 10);
      assert.equal(reader.get('alice'), 100, 'a commit after begin() must not change what the transaction sees');
      assert.equal(ledger.begin().get('alice'), 10, 'a new transaction sees the latest committed state');
      reader.set('bob', 70);
      reader.commit();
      assert.deepEqual(
        balances(ledger, ['alice', 'bob']),
        { alice: 10, bob: 70 },
        'commit must apply only the keys the transaction wrote',
      );
    });

    it('get and set check the account and the balance, and a finished transaction throws TX_CLOSED', () => {
      const ledger = new Ledger({ alice: 100 });
      const tx = ledger.begin();
      assert.throws(() => tx.get('nobody'), ledgerError('UNKNOWN_ACCOUNT'));
      assert.throws(() => tx.set('nobody', 5), ledgerError('UNKNOWN_ACCOUNT'));
      assert.throws(() => tx.set('alice', -1), RangeError, 'a balance can never go below zero');
      assert.throws(() => tx.set('alice', 2.5), RangeError, 'balances are whole units (cents)');
      tx.commit();
      for (const call of [() => tx.get('alice'), () => tx.set('alice', 1), () => tx.commit(), () => tx.rollback()]) {
        assert.throws(call, ledgerError('TX_CLOSED'));
      }
      const rolledBack = ledger.begin();
      rolledBack.rollback();
      assert.throws(() => rolledBack.commit(), ledgerError('TX_CLOSED'), 'commit after rollback must be refused');
    });
  });

  describe('transfer', () => {
    it('moves the amount between two accounts and keeps the total', async () => {
      const ledger = new Ledger({ alice: 100, bob: 50 });
      assert.equal(await ledger.transfer('alice', 'bob', 30), undefined);
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 70, bob: 80 });
      await ledger.transfer('alice', 'bob', 70);
      assert.equal(ledger.balance('alice'), 0, 'a transfer may empty an account exactly');
      assert.equal(ledger.total(), 150);
    });

    it('rejects invalid amounts, unknown accounts and self-transfers without changing anything', async () => {
      const ledger = new Ledger({ alice: 100, bob: 50 });
      for (const amount of [0, -5, 1.5, NaN, Infinity, '10', undefined]) {
        await assert.rejects(ledger.transfer('alice', 'bob', amount), ledgerError('INVALID_AMOUNT'), `amount ${String(amount)}`);
      }
      await assert.rejects(ledger.transfer('alice', 'mallory', 10), ledgerError('UNKNOWN_ACCOUNT'));
      await assert.rejects(ledger.transfer('mallory', 'alice', 10), ledgerError('UNKNOWN_ACCOUNT'));
      await assert.rejects(ledger.transfer('alice', 'alice', 10), ledgerError('SAME_ACCOUNT'));
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 100, bob: 50 });
    });

    it('rejects with INSUFFICIENT_FUNDS and leaves both balances unchanged', async () => {
      const ledger = new Ledger({ alice: 100, bob: 50 });
      await assert.rejects(ledger.transfer('alice', 'bob', 101), ledgerError('INSUFFICIENT_FUNDS'));
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 100, bob: 50 });
    });

    it('a failure between the debit and the credit rolls back the debit and releases the locks', async () => {
      const boom = new Error('fraud service unavailable');
      let failNext = true;
      const ledger = new Ledger(
        { alice: 100, bob: 50 },
        {
          midTransfer: async () => {
            if (failNext) {
              failNext = false;
              throw boom;
            }
          },
        },
      );
      await assert.rejects(ledger.transfer('alice', 'bob', 40), (err) => err === boom, 'the original error must come out of transfer');
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 100, bob: 50 }, 'the debit must be rolled back');
      const retry = ledger.transfer('bob', 'alice', 10);
      assert.equal(await settlesWithin(retry), true, 'the failed transfer must release its locks');
      await retry;
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 110, bob: 40 });
    });
  });

  describe('concurrency', () => {
    it('two concurrent transfers that together overdraw an account: exactly one succeeds', async () => {
      const ledger = new Ledger({ alice: 100, bob: 0, carol: 0 }, { midTransfer: flush });
      const outcomes = await Promise.allSettled([
        ledger.transfer('alice', 'bob', 70),
        ledger.transfer('alice', 'carol', 70),
      ]);
      const statuses = outcomes.map((o) => o.status).sort();
      assert.deepEqual(statuses, ['fulfilled', 'rejected'], 'only one of the two 70-unit transfers can fit in 100');
      const failure = outcomes.find((o) => o.status === 'rejected').reason;
      ledgerError('INSUFFICIENT_FUNDS')(failure);
      assert.equal(ledger.balance('alice'), 30);
      assert.equal(ledger.balance('bob') + ledger.balance('carol'), 70);
      assert.equal(ledger.total(), 100);
    });

    it('opposite transfers between the same two accounts do not deadlock', async () => {
      const ledger = new Ledger({ alice: 100, bob: 100 }, { midTransfer: flush });
      const both = Promise.all([ledger.transfer('alice', 'bob', 10), ledger.transfer('bob', 'alice', 25)]);
      assert.equal(
        await settlesWithin(both),
        true,
        'alice->bob and bob->alice must both finish: take the locks in id order, not in from/to order',
      );
      await both;
      assert.deepEqual(balances(ledger, ['alice', 'bob']), { alice: 115, bob: 85 });
    });

    it('transfers between disjoint accounts do not wait for each other', async () => {
      const gate = deferred();
      const ledger = new Ledger(
        { a: 10, b: 10, c: 10, d: 10 },
        { midTransfer: (from) => (from === 'a' ? gate.promise : undefined) },
      );
      const slow = ledger.transfer('a', 'b', 5);
      const fast = ledger.transfer('c', 'd', 5);
      assert.equal(await settlesWithin(fast), true, 'c->d shares no account with a->b, so it must not queue behind it');
      assert.deepEqual(balances(ledger, ['a', 'b', 'c', 'd']), { a: 10, b: 10, c: 5, d: 15 });
      gate.resolve();
      await slow;
      assert.deepEqual(balances(ledger, ['a', 'b']), { a: 5, b: 15 });
    });

    it('many random concurrent transfers conserve money and lose no update', async () => {
      const rand = random(2024);
      const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const initial = Object.fromEntries(ids.map((id) => [id, 1000]));
      const ledger = new Ledger(initial, {
        // Yield to the event loop 0-2 times, so transfers interleave unpredictably.
        midTransfer: async () => {
          const turns = Math.floor(rand() * 3);
          for (let i = 0; i < turns; i++) await flush();
        },
      });
      const planned = Array.from({ length: 300 }, () => {
        const from = ids[Math.floor(rand() * ids.length)];
        let to = ids[Math.floor(rand() * ids.length)];
        if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length];
        return { from, to, amount: 1 + Math.floor(rand() * 400) };
      });
      const outcomes = await Promise.allSettled(planned.map((t) => ledger.transfer(t.from, t.to, t.amount)));

      const expected = { ...initial };
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'rejected') {
          ledgerError('INSUFFICIENT_FUNDS')(outcome.reason);
          return;
        }
        expected[planned[i].from] -= planned[i].amount;
        expected[planned[i].to] += planned[i].amount;
      });
      assert.equal(ledger.total(), 8000, 'money must be neither created nor destroyed');
      for (const id of ids) {
        assert.ok(ledger.balance(id) >= 0, `${id} went negative`);
      }
      assert.deepEqual(
        balances(ledger, ids),
        expected,
        'every balance must equal its start plus the successful transfers in and out (a mismatch means a lost update)',
      );
      assert.ok(outcomes.some((o) => o.status === 'fulfilled'), 'some transfers must succeed');
    });
  });
});
