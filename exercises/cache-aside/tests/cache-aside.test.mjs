import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCachedRepo } from './cache-aside.mjs';

// A promise plus the functions that settle it, so a test decides when a load finishes.
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// A fake clock: tests move time forward by hand instead of waiting.
function fakeClock(start = 10_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

// A fake database. load() and save() record their calls; load resolves to the stored
// value, or to undefined when the key does not exist.
function fakeDb(initial = {}) {
  const rows = new Map(Object.entries(initial));
  const loads = [];
  const saves = [];
  return {
    rows,
    loads,
    saves,
    load: async (key) => {
      loads.push(key);
      return rows.get(key);
    },
    save: async (key, value) => {
      saves.push([key, value]);
      rows.set(key, value);
    },
  };
}

// Lets every pending promise callback run (setImmediate fires once the microtask queue
// is empty; it does not wait for any amount of time).
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createCachedRepo', () => {
  describe('cache-aside reads', () => {
    it('loads on a miss, then serves hits from the cache without calling load', async () => {
      const db = fakeDb({ 'user:1': { name: 'Ada' } });
      const cache = new Map();
      const repo = createCachedRepo({ load: db.load, cache, ttlMs: 1000 });
      assert.deepEqual(await repo.get('user:1'), { name: 'Ada' });
      assert.equal(cache.has('user:1'), true, 'the loaded value must be stored in the given cache under its key');
      assert.deepEqual(await repo.get('user:1'), { name: 'Ada' });
      assert.deepEqual(await repo.get('user:1'), { name: 'Ada' });
      assert.deepEqual(db.loads, ['user:1'], 'only the first get may reach the database');
      const stats = repo.stats();
      assert.deepEqual(stats, { hits: 2, misses: 1, stale: 0, loads: 1 });
      stats.hits = 99;
      assert.equal(repo.stats().hits, 2, 'stats() must return a copy, not the live counters');
    });

    it('an entry expires exactly ttlMs after it was loaded, and that get counts as stale', async () => {
      const clock = fakeClock();
      const db = fakeDb({ k: 'v1' });
      const repo = createCachedRepo({ load: db.load, ttlMs: 100, now: clock.now });
      assert.equal(await repo.get('k'), 'v1');
      db.rows.set('k', 'v2'); // the database changes behind the cache's back
      clock.advance(99);
      assert.equal(await repo.get('k'), 'v1', 'after 99 ms of a 100 ms TTL the cached value is still served');
      clock.advance(1);
      assert.equal(await repo.get('k'), 'v2', 'at exactly 100 ms the entry is expired and must be reloaded');
      assert.deepEqual(repo.stats(), { hits: 1, misses: 1, stale: 1, loads: 2 }, 'the expired read counts as stale, not as a miss');
      clock.advance(50);
      assert.equal(await repo.get('k'), 'v2', 'the reloaded entry gets a fresh TTL');
      assert.equal(db.loads.length, 2);
    });

    it('caches falsy values such as 0, the empty string and null like any other value', async () => {
      const db = fakeDb({ zero: 0, empty: '', nothing: null, no: false });
      const repo = createCachedRepo({ load: db.load, ttlMs: 1000 });
      for (const key of ['zero', 'empty', 'nothing', 'no']) {
        const first = await repo.get(key);
        assert.equal(await repo.get(key), first, `the value of '${key}' must come back unchanged`);
      }
      assert.equal(db.loads.length, 4, 'each falsy value must be cached after its first load; only undefined means "not found"');
      assert.equal(repo.stats().hits, 4);
    });

    it('a load that rejects or throws is not cached, and the next get calls load again', async () => {
      let attempt = 0;
      const boom = new Error('database down');
      const load = (key) => {
        attempt++;
        if (attempt === 1) return Promise.reject(boom);
        if (attempt === 2) throw boom; // a synchronous throw must become a rejection too
        return Promise.resolve(`${key}-ok`);
      };
      const cache = new Map();
      const repo = createCachedRepo({ load, cache, ttlMs: 1000 });
      await assert.rejects(repo.get('a'), (err) => err === boom, 'get must reject with the error from load');
      assert.equal(cache.size, 0, 'a failed load must not leave anything in the cache');
      await assert.rejects(repo.get('a'), (err) => err === boom, 'a synchronous throw from load must reject get, not escape it');
      assert.equal(await repo.get('a'), 'a-ok', 'after failures the next get must try the source again');
      assert.equal(attempt, 3);
    });
  });

  describe('negative caching', () => {
    it('a missing record (load resolves to undefined) is cached for negativeTtlMs', async () => {
      const clock = fakeClock();
      const db = fakeDb();
      const repo = createCachedRepo({ load: db.load, ttlMs: 1000, negativeTtlMs: 50, now: clock.now });
      assert.equal(await repo.get('ghost'), undefined);
      assert.equal(await repo.get('ghost'), undefined);
      assert.deepEqual(db.loads, ['ghost'], 'a second lookup of a missing key must be answered from the cache');
      assert.equal(repo.stats().hits, 1, 'serving a cached "not found" counts as a hit');
      db.rows.set('ghost', 'now exists');
      clock.advance(50);
      assert.equal(await repo.get('ghost'), 'now exists', 'the negative entry must expire after negativeTtlMs, not ttlMs');
      assert.equal(db.loads.length, 2);
    });

    it('negativeTtlMs defaults to ttlMs, and 0 turns negative caching off', async () => {
      const clock = fakeClock();
      const db = fakeDb();
      const byDefault = createCachedRepo({ load: db.load, ttlMs: 100, now: clock.now });
      await byDefault.get('ghost');
      clock.advance(99);
      await byDefault.get('ghost');
      assert.equal(db.loads.length, 1, 'without negativeTtlMs a miss is cached for ttlMs');

      const noNegative = createCachedRepo({ load: db.load, ttlMs: 100, negativeTtlMs: 0, now: clock.now });
      await noNegative.get('ghost');
      await noNegative.get('ghost');
      assert.equal(db.loads.length, 3, 'with negativeTtlMs 0 every lookup of a missing key must call load');
      assert.deepEqual(noNegative.stats(), { hits: 0, misses: 2, stale: 0, loads: 2 });
    });
  });

  describe('single-flight', () => {
    it('concurrent gets for the same key call load once and share its result', async () => {
      const d = deferred();
      let calls = 0;
      const repo = createCachedRepo({
        load: () => {
          calls++;
          return d.promise;
        },
        ttlMs: 1000,
      });
      const readers = Array.from({ length: 5 }, () => repo.get('hot'));
      await flush();
      assert.equal(calls, 1, 'five concurrent misses must trigger exactly one load (no cache stampede)');
      d.resolve('value');
      assert.deepEqual(await Promise.all(readers), ['value', 'value', 'value', 'value', 'value']);
      assert.deepEqual(repo.stats(), { hits: 0, misses: 5, stale: 0, loads: 1 }, 'each get that found no entry counts as a miss');
      assert.equal(await repo.get('hot'), 'value');
      assert.equal(calls, 1, 'once the shared load has finished, its value is served from the cache');
    });

    it('concurrent gets for different keys load independently', async () => {
      const pending = new Map();
      const repo = createCachedRepo({
        load: (key) => {
          const d = deferred();
          pending.set(key, d);
          return d.promise;
        },
        ttlMs: 1000,
      });
      const a = repo.get('a');
      const b = repo.get('b');
      await flush();
      assert.deepEqual([...pending.keys()], ['a', 'b'], 'each key needs its own load, started right away');
      pending.get('b').resolve('B');
      assert.equal(await b, 'B', "'b' must not wait for the load of 'a'");
      pending.get('a').resolve('A');
      assert.equal(await a, 'A');
    });

    it('every caller waiting on a failed load is rejected with the same error', async () => {
      const d = deferred();
      let calls = 0;
      const repo = createCachedRepo({
        load: () => {
          calls++;
          return calls === 1 ? d.promise : Promise.resolve('recovered');
        },
        ttlMs: 1000,
      });
      const boom = new Error('timeout');
      const readers = [repo.get('k'), repo.get('k'), repo.get('k')];
      d.reject(boom);
      const outcomes = await Promise.allSettled(readers);
      for (const outcome of outcomes) {
        assert.equal(outcome.status, 'rejected');
        assert.equal(outcome.reason, boom, 'every waiting caller must see the original error');
      }
      assert.equal(await repo.get('k'), 'recovered', 'the failed load must not stay registered: the next get loads again');
      assert.equal(calls, 2);
    });
  });

  describe('writes', () => {
    it('update saves, then invalidates so the next get loads the new value', async () => {
      const db = fakeDb({ 'post:7': 'draft' });
      const cache = new Map();
      const repo = createCachedRepo({ load: db.load, save: db.save, cache, ttlMs: 60_000 });
      assert.equal(await repo.get('post:7'), 'draft');
      assert.equal(await repo.update('post:7', 'published'), undefined, 'update resolves to undefined');
      assert.deepEqual(db.saves, [['post:7', 'published']], 'update must write through to the source');
      assert.equal(cache.has('post:7'), false, 'after a successful save the cached entry must be deleted');
      assert.equal(await repo.get('post:7'), 'published', 'the next read must not serve the old value');
      assert.equal(db.loads.length, 2);
    });

    it('a failed save propagates and leaves the cached value in place', async () => {
      const db = fakeDb({ k: 'old' });
      const boom = new Error('constraint violation');
      const cache = new Map();
      const repo = createCachedRepo({
        load: db.load,
        save: async () => {
          throw boom;
        },
        cache,
        ttlMs: 1000,
      });
      await repo.get('k');
      await assert.rejects(repo.update('k', 'new'), (err) => err === boom, 'update must reject with the error from save');
      assert.equal(cache.has('k'), true, 'nothing was written, so the cached entry is still correct and must stay');
      assert.equal(await repo.get('k'), 'old');
      assert.equal(db.loads.length, 1);
    });

    it('a load that was in flight during an update does not put its stale result in the cache', async () => {
      const rows = new Map([['k', 'v1']]);
      const slow = [];
      const cache = new Map();
      const repo = createCachedRepo({
        // Reads the row now, but answers only when the test says so, like a slow replica.
        load: (key) => {
          const d = deferred();
          const snapshot = rows.get(key);
          slow.push(() => d.resolve(snapshot));
          return d.promise;
        },
        save: async (key, value) => {
          rows.set(key, value);
        },
        cache,
        ttlMs: 60_000,
      });
      const before = repo.get('k'); // starts a load that has already read 'v1'
      await flush();
      await repo.update('k', 'v2');
      const after = repo.get('k'); // must start a new load, not join the old one
      await flush();
      assert.equal(slow.length, 2, 'a get after the update must not join the load that started before it');
      slow[0]();
      assert.equal(await before, 'v1', 'the old load still answers the caller who asked before the update');
      assert.equal(cache.has('k'), false, 'but its result is older than the write and must not be cached');
      slow[1]();
      assert.equal(await after, 'v2');
      assert.equal(await repo.get('k'), 'v2', 'the cache must now hold the value written by the update');
      assert.equal(slow.length, 2);
    });

    it('invalidate drops the cached entry so the next get reloads', async () => {
      const db = fakeDb({ k: 1 });
      const cache = new Map();
      const repo = createCachedRepo({ load: db.load, cache, ttlMs: 1000 });
      await repo.get('k');
      db.rows.set('k', 2);
      assert.equal(repo.invalidate('k'), undefined);
      assert.equal(cache.has('k'), false);
      assert.equal(await repo.get('k'), 2, 'after invalidate the value must come from the source again');
      repo.invalidate('never-cached'); // must not throw
    });
  });

  describe('options', () => {
    it('rejects a missing load, a bad save, a bad ttlMs or a bad negativeTtlMs', async () => {
      const load = async () => 1;
      assert.throws(() => createCachedRepo({ ttlMs: 1000 }), TypeError, 'load is required');
      assert.throws(() => createCachedRepo({ load: 'select *', ttlMs: 1000 }), TypeError);
      assert.throws(() => createCachedRepo({ load, save: 42, ttlMs: 1000 }), TypeError, 'save, when given, must be a function');
      for (const ttlMs of [undefined, 0, -5, NaN, '1000']) {
        assert.throws(() => createCachedRepo({ load, ttlMs }), RangeError, `ttlMs ${String(ttlMs)} must be rejected`);
      }
      for (const negativeTtlMs of [-1, NaN, '10']) {
        assert.throws(
          () => createCachedRepo({ load, ttlMs: 1000, negativeTtlMs }),
          RangeError,
          `negativeTtlMs ${String(negativeTtlMs)} must be rejected`,
        );
      }
      assert.doesNotThrow(() => createCachedRepo({ load, ttlMs: Infinity, negativeTtlMs: 0 }));
      const readOnly = createCachedRepo({ load, ttlMs: 1000 });
      await assert.rejects(readOnly.update('k', 1), TypeError, 'update without a save function must reject with a TypeError');
    });
  });
});
