import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HashRing, hash32 } from './consistent-hashing.mjs';

const keys = Array.from({ length: 10_000 }, (_, i) => `key:${i}`);
const nodeIds = (n) => Array.from({ length: n }, (_, i) => `node-${i}`);

function ringWith(ids, options) {
  const ring = new HashRing(options);
  for (const id of ids) ring.addNode(id);
  return ring;
}

// A hash function given as a lookup table, so a test can place points and keys exactly.
function tableHash(positions) {
  const seen = [];
  const hash = (s) => {
    seen.push(s);
    if (!(s in positions)) throw new Error(`test table has no position for ${JSON.stringify(s)}`);
    return positions[s];
  };
  return { hash, seen };
}

function countPerNode(ring) {
  const counts = new Map();
  for (const key of keys) {
    const node = ring.getNode(key);
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return counts;
}

describe('HashRing', () => {
  describe('hashing', () => {
    it('hash32 is the first 4 bytes of SHA-1, read as an unsigned big-endian integer', () => {
      assert.equal(hash32(''), 0xda39a3ee, 'SHA-1("") starts with da39a3ee');
      assert.equal(hash32('abc'), 0xa9993e36, 'SHA-1("abc") starts with a9993e36');
      assert.equal(hash32('node-1#0'), hash32('node-1#0'), 'the hash must be deterministic');
    });

    it('addNode places vnodes points on the ring, hashing the labels "id#0" to "id#(vnodes-1)"', () => {
      const { hash, seen } = tableHash({ 'a#0': 10, 'a#1': 20, 'a#2': 30 });
      const ring = new HashRing({ vnodes: 3, hash });
      ring.addNode('a');
      assert.deepEqual([...seen].sort(), ['a#0', 'a#1', 'a#2']);
    });
  });

  describe('lookup', () => {
    it('an empty ring returns undefined, and a single node owns every key', () => {
      const ring = new HashRing();
      assert.equal(ring.getNode('anything'), undefined);
      assert.deepEqual(ring.getNodes('anything', 3), []);
      ring.addNode('only');
      assert.ok(keys.slice(0, 500).every((k) => ring.getNode(k) === 'only'), 'with one node, every key maps to it');
    });

    it('getNode walks clockwise to the first point at or after the key\'s hash, wrapping around', () => {
      const { hash } = tableHash({
        'a#0': 100,
        'b#0': 200,
        'c#0': 300,
        k0: 0,
        k100: 100,
        k150: 150,
        k200: 200,
        k250: 250,
        k301: 301,
        kmax: 0xffffffff,
      });
      const ring = ringWith(['c', 'a', 'b'], { vnodes: 1, hash });
      assert.equal(ring.getNode('k150'), 'b', '150 lies between a (100) and b (200): the next point clockwise is b');
      assert.equal(ring.getNode('k250'), 'c');
      assert.equal(ring.getNode('k200'), 'b', 'a key exactly on a point belongs to that point');
      assert.equal(ring.getNode('k100'), 'a');
      assert.equal(ring.getNode('k0'), 'a', 'a key before the first point belongs to the first point');
      assert.equal(ring.getNode('k301'), 'a', 'past the last point, wrap around to the first one');
      assert.equal(ring.getNode('kmax'), 'a');
    });

    it('getNodes returns distinct nodes clockwise, starting with getNode(key)', () => {
      const { hash } = tableHash({
        'a#0': 100,
        'a#1': 150,
        'b#0': 200,
        'b#1': 250,
        'c#0': 300,
        'c#1': 50,
        k120: 120,
        k260: 260,
      });
      const ring = ringWith(['a', 'b', 'c'], { vnodes: 2, hash });
      assert.deepEqual(ring.getNodes('k120', 3), ['a', 'b', 'c'], 'b#1 at 250 must be skipped: b is already chosen');
      assert.deepEqual(ring.getNodes('k260', 2), ['c', 'a'], 'the walk wraps around the end of the ring');
      assert.deepEqual(ring.getNodes('k120', 10), ['a', 'b', 'c'], 'never more nodes than the ring has');
      assert.deepEqual(ring.getNodes('k120', 0), []);
      assert.throws(() => ring.getNodes('k120', -1), RangeError);
      assert.throws(() => ring.getNodes('k120', 1.5), RangeError);
      const real = ringWith(nodeIds(5));
      for (const key of keys.slice(0, 200)) {
        const replicas = real.getNodes(key, 3);
        assert.equal(replicas[0], real.getNode(key), `the first replica of ${key} is its owner`);
        assert.equal(new Set(replicas).size, 3, `the replicas of ${key} must be three different nodes`);
      }
    });

    it('results are deterministic and do not depend on the order nodes were added', () => {
      const ids = nodeIds(6);
      const forward = ringWith(ids);
      const backward = ringWith([...ids].reverse());
      for (const key of keys.slice(0, 2000)) {
        assert.equal(forward.getNode(key), backward.getNode(key), `${key} must map to the same node in both rings`);
      }
      assert.deepEqual(forward.getNodes('key:1', 6), backward.getNodes('key:1', 6));
      assert.deepEqual(forward.nodes(), ids, 'nodes() lists the node ids in the order they were added');
    });
  });

  describe('membership', () => {
    it('addNode and removeNode report whether they changed the ring, and reject bad ids', () => {
      const ring = new HashRing({ vnodes: 10 });
      assert.equal(ring.addNode('a'), true);
      assert.equal(ring.addNode('a'), false, 'adding a node twice must not add its points twice');
      assert.equal(ring.removeNode('b'), false, 'removing an unknown node changes nothing');
      assert.equal(ring.removeNode('a'), true);
      assert.equal(ring.getNode('k'), undefined, 'after removing the last node the ring is empty');
      assert.deepEqual(ring.nodes(), []);
      for (const bad of ['', 42, null, undefined]) {
        assert.throws(() => ring.addNode(bad), TypeError, `node id ${JSON.stringify(bad)} must be rejected`);
      }
    });

    it('the constructor rejects a bad vnodes count and a hash that is not a function', () => {
      for (const vnodes of [0, -1, 2.5, NaN, '100']) {
        assert.throws(() => new HashRing({ vnodes }), RangeError, `vnodes ${String(vnodes)}`);
      }
      assert.throws(() => new HashRing({ hash: 'sha1' }), TypeError);
    });
  });

  describe('distribution', () => {
    it('removing one of N nodes moves only that node\'s keys, about 1/N of all keys', () => {
      const ring = ringWith(nodeIds(10));
      const before = keys.map((k) => ring.getNode(k));
      ring.removeNode('node-3');
      const movedFrom = [];
      keys.forEach((k, i) => {
        if (ring.getNode(k) !== before[i]) movedFrom.push(before[i]);
      });
      assert.ok(
        movedFrom.every((n) => n === 'node-3'),
        'only keys that lived on the removed node may move; everything else must stay put',
      );
      assert.equal(movedFrom.length, before.filter((n) => n === 'node-3').length, 'every key of the removed node must move');
      const moved = movedFrom;
      const fraction = moved.length / keys.length;
      assert.ok(fraction > 0.05 && fraction < 0.15, `about 1/10 of the keys should move, got ${fraction.toFixed(3)}`);
    });

    it('adding a node moves about 1/(N+1) of the keys, all of them to the new node', () => {
      const ring = ringWith(nodeIds(9));
      const before = keys.map((k) => ring.getNode(k));
      ring.addNode('node-new');
      const moved = keys.filter((k, i) => ring.getNode(k) !== before[i]);
      assert.ok(moved.every((k) => ring.getNode(k) === 'node-new'), 'a key may only move to the node that joined');
      const fraction = moved.length / keys.length;
      assert.ok(fraction > 0.05 && fraction < 0.15, `about 1/10 of the keys should move, got ${fraction.toFixed(3)}`);
    });

    it('virtual nodes even out the load within a tolerance', () => {
      const mean = keys.length / 10;
      const single = [...countPerNode(ringWith(nodeIds(10), { vnodes: 1 })).values()];
      assert.ok(
        Math.max(...single) > 2 * mean,
        'with one point per node some node should own far more than its share (this checks the test setup)',
      );
      const counts = countPerNode(ringWith(nodeIds(10), { vnodes: 100 }));
      assert.equal(counts.size, 10, 'with 100 vnodes every node must own some keys');
      for (const [node, count] of counts) {
        assert.ok(
          count > 0.75 * mean && count < 1.25 * mean,
          `${node} owns ${count} keys; with 100 vnodes each node should be within 25% of ${mean}`,
        );
      }
    });
  });
});
