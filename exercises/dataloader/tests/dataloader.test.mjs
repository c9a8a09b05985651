import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Loader } from './dataloader.mjs';

// A batch function that records every call and answers `${key}!` for each key.
function recordingBatchFn(answer = (key) => `${key}!`) {
  const calls = [];
  const batchFn = async (keys) => {
    calls.push([...keys]);
    return keys.map(answer);
  };
  return { calls, batchFn };
}

// One turn of the event loop. Lets a scheduled dispatch run; no real waiting.
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('Loader', () => {
  describe('batching', () => {
    it('loads made in the same tick reach batchFn in one call, in first-load order', async () => {
      const { calls, batchFn } = recordingBatchFn();
      const loader = new Loader(batchFn);
      const results = await Promise.all([loader.load(3), loader.load(1), loader.load(2)]);
      assert.deepEqual(calls, [[3, 1, 2]], 'three loads in one tick must become one batchFn call');
      assert.deepEqual(results, ['3!', '1!', '2!'], 'each load must resolve to the value at its key\'s position');
    });

    it('loads made from promise callbacks before the tick ends join the same batch', async () => {
      const { calls, batchFn } = recordingBatchFn();
      const loader = new Loader(batchFn);
      const first = loader.load('a');
      const second = Promise.resolve().then(() => loader.load('b'));
      const third = (async () => {
        await null;
        await null;
        return loader.load('c');
      })();
      const fourth = new Promise((resolve) => process.nextTick(() => resolve(loader.load('d'))));
      assert.deepEqual(await Promise.all([first, second, third, fourth]), ['a!', 'b!', 'c!', 'd!']);
      assert.equal(calls.length, 1, `expected one batch, got ${JSON.stringify(calls)}: dispatch with setImmediate, not nextTick`);
      assert.deepEqual(
        [...calls[0]].sort(),
        ['a', 'b', 'c', 'd'],
        'resolvers of a GraphQL query run in promise callbacks; their loads must share one batch',
      );
    });

    it('a load made after the batch was dispatched starts a new batch', async () => {
      const { calls, batchFn } = recordingBatchFn();
      const loader = new Loader(batchFn);
      assert.equal(await loader.load(1), '1!');
      assert.equal(await loader.load(2), '2!');
      assert.deepEqual(calls, [[1], [2]]);
      loader.load(3);
      assert.deepEqual(calls, [[1], [2]], 'load must never call batchFn synchronously');
      await flush();
      assert.deepEqual(calls, [[1], [2], [3]]);
    });

    it('duplicate keys are sent once and every caller gets the same promise', async () => {
      const { calls, batchFn } = recordingBatchFn();
      const loader = new Loader(batchFn);
      const p1 = loader.load('x');
      const p2 = loader.load('y');
      const p3 = loader.load('x');
      assert.equal(p1, p3, 'loading the same key twice must return the same promise');
      assert.deepEqual(await Promise.all([p1, p2, p3]), ['x!', 'y!', 'x!']);
      assert.deepEqual(calls, [['x', 'y']], 'batchFn must receive unique keys');
      assert.notEqual(loader.load(1), loader.load('1'), 'keys are compared like Map keys: 1 and "1" differ');
    });

    it('maxBatchSize splits one tick of keys into several batches, dispatched in order', async () => {
      const { calls, batchFn } = recordingBatchFn();
      const loader = new Loader(batchFn, { maxBatchSize: 2 });
      const results = await Promise.all([1, 2, 3, 4, 5].map((k) => loader.load(k)));
      assert.deepEqual(calls, [[1, 2], [3, 4], [5]], 'five keys with maxBatchSize 2 make batches of 2, 2 and 1');
      assert.deepEqual(results, ['1!', '2!', '3!', '4!', '5!']);
    });
  });

  describe('results', () => {
    it('batchFn may return a plain array instead of a promise', async () => {
      const loader = new Loader((keys) => keys.map((k) => k * 10));
      assert.deepEqual(await Promise.all([loader.load(1), loader.load(2)]), [10, 20]);
    });

    it('an Error in the results rejects only that key', async () => {
      const missing = new Error('user 2 not found');
      const loader = new Loader(async (keys) => keys.map((k) => (k === 2 ? missing : { id: k })));
      const [one, two, three] = await Promise.allSettled([loader.load(1), loader.load(2), loader.load(3)]);
      assert.deepEqual(one, { status: 'fulfilled', value: { id: 1 } });
      assert.equal(two.status, 'rejected');
      assert.equal(two.reason, missing, 'the Error object from batchFn must be the rejection reason');
      assert.deepEqual(three, { status: 'fulfilled', value: { id: 3 } }, 'one failed key must not fail its neighbours');
    });

    it('when batchFn rejects or throws, every key in that batch rejects with that error', async () => {
      const boom = new Error('database unavailable');
      const rejecting = new Loader(async () => {
        throw boom;
      });
      const a = await Promise.allSettled([rejecting.load('a'), rejecting.load('b')]);
      assert.deepEqual(a.map((r) => r.reason), [boom, boom]);

      const throwing = new Loader(() => {
        throw boom;
      });
      let pending;
      assert.doesNotThrow(() => {
        pending = [throwing.load('a'), throwing.load('b')];
      });
      const b = await Promise.allSettled(pending);
      assert.deepEqual(b.map((r) => r.reason), [boom, boom], 'a synchronous throw must reject the loads, not crash the process');
    });

    it('a result that is not an array of the same length rejects every key with a TypeError', async () => {
      for (const bad of [(keys) => keys.slice(1), () => ({ 0: 'a', 1: 'b' }), () => undefined, (keys) => [...keys, 'extra']]) {
        const loader = new Loader(async (keys) => bad(keys));
        const outcomes = await Promise.allSettled([loader.load('a'), loader.load('b')]);
        for (const outcome of outcomes) {
          assert.equal(outcome.status, 'rejected', `batchFn returning ${String(bad)} must reject every key`);
          assert.ok(outcome.reason instanceof TypeError, `expected a TypeError, got ${outcome.reason}`);
        }
      }
    });
  });

  describe('cache', () => {
    it('a loaded key is served from the cache without calling batchFn again', async () => {
      const { calls, batchFn } = recordingBatchFn();
      const loader = new Loader(batchFn);
      const first = loader.load('k');
      await first;
      const again = loader.load('k');
      assert.equal(again, first, 'a cached key must return the very same promise');
      assert.equal(await again, 'k!');
      await flush();
      assert.deepEqual(calls, [['k']], 'a cached key must not be sent to batchFn again');
    });

    it('clear(key) forgets one key and clearAll() forgets every key', async () => {
      let version = 1;
      const { calls, batchFn } = recordingBatchFn((key) => `${key}@v${version}`);
      const loader = new Loader(batchFn);
      await Promise.all([loader.load('a'), loader.load('b')]);
      version = 2;
      assert.equal(loader.clear('a'), loader, 'clear must return the loader for chaining');
      assert.deepEqual(await Promise.all([loader.load('a'), loader.load('b')]), ['a@v2', 'b@v1']);
      assert.deepEqual(calls.at(-1), ['a'], 'only the cleared key is loaded again');
      version = 3;
      assert.equal(loader.clearAll(), loader, 'clearAll must return the loader for chaining');
      assert.deepEqual(await Promise.all([loader.load('a'), loader.load('b')]), ['a@v3', 'b@v3']);
      assert.equal(calls.length, 3);
    });

    it('failed keys are not cached, so loading them again retries', async () => {
      let attempt = 0;
      const loader = new Loader(async (keys) => {
        attempt++;
        return keys.map((k) => (attempt === 1 ? new Error(`no ${k} yet`) : k.toUpperCase()));
      });
      await assert.rejects(loader.load('a'), /no a yet/);
      assert.equal(await loader.load('a'), 'A', 'after a failure the key must be fetched again');
      assert.equal(attempt, 2);
    });
  });

  describe('options', () => {
    it('the constructor rejects a batchFn that is not a function and a bad maxBatchSize', () => {
      assert.throws(() => new Loader(), TypeError);
      assert.throws(() => new Loader('SELECT * FROM users'), TypeError);
      for (const maxBatchSize of [0, -1, 1.5, NaN, '10', null]) {
        assert.throws(() => new Loader(async (k) => k, { maxBatchSize }), RangeError, `maxBatchSize ${String(maxBatchSize)}`);
      }
      assert.doesNotThrow(() => new Loader(async (k) => k, { maxBatchSize: Infinity }));
    });
  });
});
