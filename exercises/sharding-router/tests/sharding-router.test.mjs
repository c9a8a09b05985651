import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ShardRouter, fnv1a } from './sharding-router.mjs';

// A promise plus the functions that settle it, so a test decides when a shard answers.
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

// Three fake database clients, each holding a few posts.
function fakeShards() {
  return {
    'db-a': { posts: [{ id: 'a1', likes: 5 }, { id: 'a2', likes: 50 }] },
    'db-b': { posts: [{ id: 'b1', likes: 30 }] },
    'db-c': { posts: [{ id: 'c1', likes: 10 }, { id: 'c2', likes: 40 }, { id: 'c3', likes: 1 }] },
  };
}

const keys = Array.from({ length: 2000 }, (_, i) => `user:${i}`);

describe('ShardRouter', () => {
  describe('hashing and routing', () => {
    it('fnv1a matches the published FNV-1a 32-bit test vectors and hashes UTF-8 bytes', () => {
      assert.equal(fnv1a(''), 0x811c9dc5, 'the empty string hashes to the offset basis');
      assert.equal(fnv1a('a'), 0xe40c292c);
      assert.equal(fnv1a('foobar'), 0xbf9cf968);
      assert.equal(fnv1a('é'), 0x1e9de8c1, "'é' is the two UTF-8 bytes c3 a9, not the UTF-16 code unit 0xe9");
      assert.ok(fnv1a('user:42') >= 0, 'the result must be unsigned (use >>> 0)');
    });

    it('buckets start assigned round-robin over the shards, in the order given', () => {
      const router = new ShardRouter({ shards: fakeShards(), bucketCount: 7 });
      const table = router.table();
      assert.deepEqual(table, ['db-a', 'db-b', 'db-c', 'db-a', 'db-b', 'db-c', 'db-a']);
      table[0] = 'db-c';
      assert.equal(router.table()[0], 'db-a', 'table() must return a copy, not the internal array');
      assert.deepEqual(router.bucketsOf('db-a'), [0, 3, 6]);
      assert.equal(new ShardRouter({ shards: fakeShards() }).table().length, 64, 'bucketCount defaults to 64');
    });

    it('route sends a key to bucket fnv1a(String(key)) % bucketCount and to the shard that owns it', () => {
      const shards = fakeShards();
      const router = new ShardRouter({ shards, bucketCount: 16 });
      for (const key of ['user:1', 'user:2', 'order:99', 42]) {
        const bucket = fnv1a(String(key)) % 16;
        assert.equal(router.bucketOf(key), bucket, `bucketOf(${String(key)})`);
        const { bucket: routedBucket, shardId, shard } = router.route(key);
        assert.equal(routedBucket, bucket);
        assert.equal(shardId, router.table()[bucket], 'the table, not the hash, decides the shard');
        assert.equal(shard, shards[shardId], 'route must return the shard object itself');
      }
      assert.deepEqual(router.route(42), router.route('42'), 'keys are turned into strings before hashing');
    });

    it('the constructor rejects an empty shard list and a bucketCount that is not an integer >= 1', () => {
      assert.throws(() => new ShardRouter({ shards: {} }), RangeError, 'a router needs at least one shard');
      assert.throws(() => new ShardRouter({}), RangeError);
      for (const bucketCount of [0, -4, 2.5, NaN, '16']) {
        assert.throws(() => new ShardRouter({ shards: fakeShards(), bucketCount }), RangeError, `bucketCount ${String(bucketCount)}`);
      }
    });
  });

  describe('rebalancing', () => {
    it('moveBucket reassigns one bucket, returns its previous shard, and moves only that bucket\'s keys', () => {
      const router = new ShardRouter({ shards: fakeShards(), bucketCount: 16 });
      const before = new Map(keys.map((k) => [k, router.route(k).shardId]));
      assert.equal(router.moveBucket(4, 'db-c'), 'db-b', 'bucket 4 started on db-b (4 mod 3 = 1)');
      assert.equal(router.table()[4], 'db-c');
      assert.equal(router.moveBucket(4, 'db-c'), 'db-c', 'moving a bucket to its current owner is a no-op');
      for (const key of keys) {
        const { bucket, shardId } = router.route(key);
        const expected = bucket === 4 ? 'db-c' : before.get(key);
        assert.equal(shardId, expected, `${key} (bucket ${bucket}) is on the wrong shard after moving bucket 4`);
      }
    });

    it('moveBucket rejects a bucket out of range and an unknown shard', () => {
      const router = new ShardRouter({ shards: fakeShards(), bucketCount: 8 });
      for (const bucket of [-1, 8, 1.5, '2']) {
        assert.throws(() => router.moveBucket(bucket, 'db-a'), RangeError, `bucket ${String(bucket)}`);
      }
      assert.throws(() => router.moveBucket(0, 'db-z'), /unknown shard/);
      assert.throws(() => router.bucketsOf('db-z'), /unknown shard/);
      assert.deepEqual(router.table(), new ShardRouter({ shards: fakeShards(), bucketCount: 8 }).table(), 'a failed move changes nothing');
    });

    it('adding a shard and moving a quarter of the buckets to it moves only the keys in those buckets', () => {
      const shards = { s0: {}, s1: {}, s2: {} };
      const router = new ShardRouter({ shards, bucketCount: 64 });
      const before = new Map(keys.map((k) => [k, router.route(k).shardId]));
      router.addShard('s3', {});
      assert.deepEqual(router.bucketsOf('s3'), [], 'a new shard starts with no buckets');
      for (let b = 0; b < 64; b += 4) router.moveBucket(b, 's3'); // 16 of 64 buckets
      const moved = keys.filter((k) => router.route(k).shardId !== before.get(k));
      assert.ok(
        moved.every((k) => router.route(k).shardId === 's3' && router.bucketOf(k) % 4 === 0),
        'only keys in the moved buckets may change shard, and they must all land on s3',
      );
      const fraction = moved.length / keys.length;
      assert.ok(fraction > 0.18 && fraction < 0.32, `about 1/4 of the keys should move, got ${fraction.toFixed(3)}`);
      // For comparison, hash % shardCount going from 3 to 4 shards moves about 3/4 of the keys.
      const modMoved = keys.filter((k) => fnv1a(k) % 3 !== fnv1a(k) % 4).length / keys.length;
      assert.ok(modMoved > 0.6, `sanity check: hash % N would have moved ${modMoved.toFixed(3)} of the keys`);
    });

    it('removeShard refuses while the shard owns buckets, and addShard refuses a duplicate id', () => {
      const router = new ShardRouter({ shards: { s0: {}, s1: {} }, bucketCount: 4 });
      assert.throws(() => router.addShard('s1', {}), /already exists/);
      assert.throws(() => router.removeShard('s1'), /still owns/, 's1 owns buckets 1 and 3');
      assert.throws(() => router.removeShard('nope'), /unknown shard/);
      router.moveBucket(1, 's0');
      router.moveBucket(3, 's0');
      router.removeShard('s1');
      assert.throws(() => router.bucketsOf('s1'), /unknown shard/, 'a removed shard is gone');
      assert.deepEqual(router.table(), ['s0', 's0', 's0', 's0']);
    });
  });

  describe('scatter-gather', () => {
    it('queryAll calls fn once per shard, all at once, and concatenates results in shard order', async () => {
      const shards = fakeShards();
      const router = new ShardRouter({ shards, bucketCount: 8 });
      const calls = [];
      const answers = {};
      const pending = router.queryAll((shard, shardId) => {
        calls.push([shard, shardId]);
        answers[shardId] = deferred();
        return answers[shardId].promise;
      });
      await flush();
      assert.deepEqual(
        calls.map(([, id]) => id),
        ['db-a', 'db-b', 'db-c'],
        'every shard must be asked before any has answered (scatter in parallel, not one by one)',
      );
      assert.equal(calls[0][0], shards['db-a'], 'fn receives the shard object and its id');
      answers['db-c'].resolve(['c']);
      answers['db-a'].resolve(['a1', 'a2']);
      answers['db-b'].resolve([]);
      assert.deepEqual(await pending, { results: ['a1', 'a2', 'c'], failed: [] });
    });

    it('compare and limit merge the shards\' results into a global top N', async () => {
      const router = new ShardRouter({ shards: fakeShards(), bucketCount: 8 });
      const byLikes = (a, b) => b.likes - a.likes;
      const { results } = await router.queryAll(async (shard) => shard.posts, { compare: byLikes, limit: 3 });
      assert.deepEqual(
        results.map((p) => p.id),
        ['a2', 'c2', 'b1'],
        'the 3 most liked posts across all shards, not the first 3 found',
      );
      const none = await router.queryAll(async (shard) => shard.posts, { limit: 0 });
      assert.deepEqual(none.results, []);
      await assert.rejects(router.queryAll(async () => [], { limit: -1 }), RangeError);
      await assert.rejects(router.queryAll(async () => [], { limit: 1.5 }), RangeError);
    });

    it('a failing shard is reported in failed while the others still answer', async () => {
      const shards = { ok: {}, rejects: {}, throws: {}, 'not-array': {} };
      const router = new ShardRouter({ shards, bucketCount: 8 });
      const boom = new Error('connection refused');
      const { results, failed } = await router.queryAll(async (shard, id) => {
        if (id === 'rejects') throw boom;
        if (id === 'not-array') return { rows: [1] };
        return [id];
      });
      assert.deepEqual(results, ['ok', 'throws'], 'healthy shards still contribute their rows');
      assert.deepEqual(failed.map((f) => f.shardId), ['rejects', 'not-array'], 'failed lists the broken shards, in shard order');
      assert.equal(failed[0].error, boom, 'the original error is reported');
      assert.ok(failed[1].error instanceof TypeError, 'a shard that answers with a non-array has failed with a TypeError');

      const syncThrow = await router.queryAll((shard, id) => {
        if (id === 'throws') throw boom;
        return [];
      });
      assert.deepEqual(syncThrow.failed, [{ shardId: 'throws', error: boom }], 'a synchronous throw is a failure too');
    });

    it('when every shard fails, queryAll still resolves, with no results', async () => {
      const router = new ShardRouter({ shards: fakeShards(), bucketCount: 8 });
      const outcome = await router.queryAll(() => Promise.reject(new Error('network partition')));
      assert.deepEqual(outcome.results, []);
      assert.deepEqual(outcome.failed.map((f) => f.shardId), ['db-a', 'db-b', 'db-c']);
    });

    it('timeoutMs reports a shard that does not answer in time as failed', async (t) => {
      t.mock.timers.enable({ apis: ['setTimeout'] });
      const router = new ShardRouter({ shards: fakeShards(), bucketCount: 8 });
      const slow = deferred();
      const pending = router.queryAll((shard, id) => (id === 'db-b' ? slow.promise : Promise.resolve([id])), {
        timeoutMs: 200,
      });
      let settled = false;
      pending.finally(() => (settled = true));
      await flush();
      t.mock.timers.tick(199);
      await flush();
      assert.equal(settled, false, 'after 199 ms of a 200 ms timeout queryAll must still wait for db-b');
      t.mock.timers.tick(1);
      const { results, failed } = await pending;
      assert.deepEqual(results, ['db-a', 'db-c'], 'the answers that arrived in time are returned');
      assert.equal(failed.length, 1);
      assert.equal(failed[0].shardId, 'db-b');
      assert.equal(failed[0].error.name, 'TimeoutError', 'a timed-out shard fails with an Error named TimeoutError');
      slow.reject(new Error('too late')); // a late failure must be ignored, not unhandled
      await flush();
      await assert.rejects(router.queryAll(async () => [], { timeoutMs: 0 }), RangeError);
    });
  });
});
