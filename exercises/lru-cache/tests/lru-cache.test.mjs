import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LRUCache } from './lru-cache.mjs';

// A fake clock: tests move time forward by hand instead of waiting.
function fakeClock(start = 1_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

describe('LRUCache', () => {
  describe('basics', () => {
    it('get returns undefined for a missing key', () => {
      const cache = new LRUCache({ capacity: 2 });
      assert.equal(cache.get('nope'), undefined, 'a key that was never set must read as undefined');
      assert.equal(cache.has('nope'), false, 'has() must be false for a key that was never set');
      assert.equal(cache.size, 0, 'a new cache must be empty');
    });

    it('set stores a value that get returns, and returns the cache itself', () => {
      const cache = new LRUCache({ capacity: 2 });
      const returned = cache.set('a', 1);
      assert.equal(returned, cache, 'set() must return the cache so calls can be chained');
      cache.set('b', { nested: true });
      assert.equal(cache.get('a'), 1);
      assert.deepEqual(cache.get('b'), { nested: true });
      assert.equal(cache.size, 2);
    });

    it('falsy values, including undefined, count as present', () => {
      const cache = new LRUCache({ capacity: 4 });
      cache.set('zero', 0).set('empty', '').set('null', null).set('undef', undefined);
      assert.equal(cache.get('zero'), 0);
      assert.equal(cache.get('empty'), '');
      assert.equal(cache.get('null'), null);
      assert.equal(cache.has('undef'), true, 'a key stored with the value undefined is still present');
      assert.equal(cache.size, 4, 'all four falsy entries must be stored');
    });

    it('set on an existing key replaces the value without growing the cache', () => {
      const cache = new LRUCache({ capacity: 2 });
      cache.set('a', 1).set('b', 2).set('a', 3);
      assert.equal(cache.get('a'), 3, 'the second set must overwrite the first value');
      assert.equal(cache.size, 2, 'updating a key must not add a second entry');
      assert.equal(cache.get('b'), 2, 'updating a key in a full cache must not evict another key');
    });

    it('delete removes an entry and reports whether it was present', () => {
      const cache = new LRUCache({ capacity: 2 });
      cache.set('a', 1);
      assert.equal(cache.delete('a'), true, 'deleting a present key must return true');
      assert.equal(cache.has('a'), false, 'a deleted key must be gone');
      assert.equal(cache.size, 0);
      assert.equal(cache.delete('a'), false, 'deleting an absent key must return false');
    });

    it('the constructor rejects a capacity that is not a positive integer', () => {
      for (const capacity of [0, -1, 1.5, NaN, Infinity, '3', undefined]) {
        assert.throws(
          () => new LRUCache({ capacity }),
          RangeError,
          `capacity ${String(capacity)} must throw a RangeError`,
        );
      }
      assert.doesNotThrow(() => new LRUCache({ capacity: 1 }), 'capacity 1 is valid');
    });
  });

  describe('recency and eviction', () => {
    it('evicts the least recently used entry when a new key would exceed capacity', () => {
      const cache = new LRUCache({ capacity: 2 });
      cache.set('a', 1).set('b', 2).set('c', 3);
      assert.equal(cache.has('a'), false, "'a' was used least recently and must be evicted");
      assert.equal(cache.size, 2, 'size must never exceed capacity');
      assert.deepEqual(cache.keys(), ['c', 'b'], 'keys() must list the most recently used key first');
    });

    it('get marks an entry as most recently used', () => {
      const cache = new LRUCache({ capacity: 2 });
      cache.set('a', 1).set('b', 2);
      cache.get('a');
      cache.set('c', 3);
      assert.equal(cache.has('a'), true, "'a' was read after 'b' was written, so it must survive");
      assert.equal(cache.has('b'), false, "'b' became the least recently used and must be evicted");
      assert.deepEqual(cache.keys(), ['c', 'a']);
    });

    it('set on an existing key marks it as most recently used', () => {
      const cache = new LRUCache({ capacity: 3 });
      cache.set('a', 1).set('b', 2).set('c', 3).set('a', 10);
      assert.deepEqual(cache.keys(), ['a', 'c', 'b'], 'rewriting a key must move it to the front');
      cache.set('d', 4);
      assert.equal(cache.has('b'), false, "'b' is now the least recently used and must be evicted");
      assert.equal(cache.get('a'), 10);
    });

    it('has does not change recency', () => {
      const cache = new LRUCache({ capacity: 2 });
      cache.set('a', 1).set('b', 2);
      assert.equal(cache.has('a'), true);
      assert.deepEqual(cache.keys(), ['b', 'a'], 'has() must not move a key to the front');
      cache.set('c', 3);
      assert.equal(cache.has('a'), false, "'a' must still be evicted first: has() is only a peek");
    });
  });

  describe('ttl', () => {
    it('an entry expires exactly ttlMs after it was written', () => {
      const clock = fakeClock();
      const cache = new LRUCache({ capacity: 2, ttlMs: 100, now: clock.now });
      cache.set('a', 1);
      clock.advance(99);
      assert.equal(cache.get('a'), 1, 'after 99 ms of a 100 ms TTL the entry is still live');
      clock.advance(1);
      assert.equal(cache.has('a'), false, 'at exactly 100 ms the entry must count as expired');
      assert.equal(cache.get('a'), undefined, 'an expired entry must read as undefined');
    });

    it('expired entries are left out of size and keys', () => {
      const clock = fakeClock();
      const cache = new LRUCache({ capacity: 3, ttlMs: 100, now: clock.now });
      cache.set('old', 1);
      clock.advance(60);
      cache.set('new', 2);
      clock.advance(60); // 'old' is 120 ms old, 'new' is 60 ms old
      assert.equal(cache.size, 1, 'size must count only entries that have not expired');
      assert.deepEqual(cache.keys(), ['new'], 'keys() must skip expired entries');
      assert.equal(cache.delete('old'), false, 'deleting an expired entry must return false');
    });

    it('get does not extend the lifetime of an entry', () => {
      const clock = fakeClock();
      const cache = new LRUCache({ capacity: 2, ttlMs: 100, now: clock.now });
      cache.set('a', 1);
      clock.advance(50);
      assert.equal(cache.get('a'), 1);
      clock.advance(50);
      assert.equal(cache.get('a'), undefined, 'the TTL counts from the last set, not the last get');
    });

    it('set on an existing key restarts its lifetime', () => {
      const clock = fakeClock();
      const cache = new LRUCache({ capacity: 2, ttlMs: 100, now: clock.now });
      cache.set('a', 1);
      clock.advance(80);
      cache.set('a', 2);
      clock.advance(80); // 160 ms after the first write, 80 ms after the second
      assert.equal(cache.get('a'), 2, 'rewriting a key must give it a fresh ttlMs');
      clock.advance(20);
      assert.equal(cache.get('a'), undefined, '100 ms after the rewrite the entry must expire');
    });
  });
});
