import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { observeOrder } from './event-loop-order.mjs';

// Builds a task: task('a', 'promise') or task('a', 'fs', ...nestedTasks).
const task = (name, via, ...then) => (then.length > 0 ? { name, via, then } : { name, via });

// The names from `order` that are in `names`, keeping their order.
const only = (order, names) => order.filter((name) => names.includes(name));

describe('observeOrder', () => {
  describe('one queue at a time', () => {
    it('resolves to an empty array for an empty scenario and records sync tasks at once, in order', async () => {
      assert.deepEqual(await observeOrder([]), []);
      const order = await observeOrder([task('a', 'sync'), task('b', 'sync', task('c', 'sync')), task('d', 'sync')]);
      assert.deepEqual(order, ['a', 'b', 'c', 'd'], "a 'sync' task runs right away, so do its sync children");
    });

    it('setTimeout callbacks keep their order, and so do setImmediate callbacks', async () => {
      const order = await observeOrder([
        task('T1', 'setTimeout'),
        task('I1', 'setImmediate'),
        task('T2', 'setTimeout'),
        task('I2', 'setImmediate'),
      ]);
      assert.equal(order.length, 4, `every task must run once, got ${JSON.stringify(order)}`);
      // Which comes first, a timer or an immediate scheduled together, depends on timing
      // here, so only the order within each queue is checked.
      assert.deepEqual(only(order, ['T1', 'T2']), ['T1', 'T2'], 'timers with equal delays run in order');
      assert.deepEqual(only(order, ['I1', 'I2']), ['I1', 'I2'], 'immediates run in order');
    });
  });

  describe('nextTick and microtasks', () => {
    it('process.nextTick callbacks run before promise and queueMicrotask callbacks', async () => {
      const order = await observeOrder([
        task('promise', 'promise'),
        task('microtask', 'queueMicrotask'),
        task('tick', 'nextTick'),
      ]);
      assert.deepEqual(
        order,
        ['tick', 'promise', 'microtask'],
        'the nextTick queue is drained first; if promise came first, the scenario did not start from a clean macrotask (see the README)',
      );
    });

    it('promise reactions and queueMicrotask callbacks share one first-in, first-out queue', async () => {
      const order = await observeOrder([
        task('p1', 'promise'),
        task('m1', 'queueMicrotask'),
        task('p2', 'promise'),
        task('m2', 'queueMicrotask'),
      ]);
      assert.deepEqual(order, ['p1', 'm1', 'p2', 'm2'], 'both APIs add to the same V8 microtask queue');
    });

    it('a nextTick added inside a nextTick still runs before the promise queue', async () => {
      const order = await observeOrder([
        task('t1', 'nextTick', task('t1-inner', 'nextTick'), task('p-inner', 'promise')),
        task('p', 'promise'),
        task('t2', 'nextTick'),
      ]);
      assert.deepEqual(
        order,
        ['t1', 't2', 't1-inner', 'p', 'p-inner'],
        'Node empties the whole nextTick queue, including ticks added meanwhile, before running microtasks',
      );
    });

    it('a nextTick added inside a microtask waits until the microtask queue is empty', async () => {
      const order = await observeOrder([
        task('p1', 'promise', task('t-inner', 'nextTick'), task('p-inner', 'promise')),
        task('p2', 'promise'),
      ]);
      assert.deepEqual(
        order,
        ['p1', 'p2', 'p-inner', 't-inner'],
        'V8 runs microtasks until its queue is empty; only then does Node look at the nextTick queue again',
      );
    });

    it('every nextTick and microtask runs before any timer, immediate or fs callback', async () => {
      const order = await observeOrder([
        task('timeout', 'setTimeout'),
        task('immediate', 'setImmediate'),
        task('fs', 'fs'),
        task('promise', 'promise'),
        task('tick', 'nextTick'),
        task('microtask', 'queueMicrotask'),
      ]);
      assert.deepEqual(order.slice(0, 3), ['tick', 'promise', 'microtask'], 'the microtask side comes first');
      assert.deepEqual(
        [...order.slice(3)].sort(),
        ['fs', 'immediate', 'timeout'],
        'then the three macrotasks, each once (their order depends on timing here)',
      );
    });
  });

  describe('between and inside macrotasks', () => {
    it('the nextTick and microtask queues are drained between two timers', async () => {
      const order = await observeOrder([
        task('T1', 'setTimeout', task('p', 'promise'), task('t', 'nextTick')),
        task('T2', 'setTimeout'),
      ]);
      assert.deepEqual(order, ['T1', 't', 'p', 'T2'], 'since Node 11, queues are drained after each timer callback');
    });

    it('the nextTick and microtask queues are drained between two immediates', async () => {
      const order = await observeOrder([
        task('I1', 'setImmediate', task('m', 'queueMicrotask'), task('t', 'nextTick')),
        task('I2', 'setImmediate'),
      ]);
      assert.deepEqual(order, ['I1', 't', 'm', 'I2']);
    });

    it('inside an fs callback, setImmediate runs before setTimeout(0)', async () => {
      for (let run = 1; run <= 5; run++) {
        const order = await observeOrder([
          task('read', 'fs', task('timeout', 'setTimeout'), task('immediate', 'setImmediate')),
        ]);
        assert.deepEqual(
          order,
          ['read', 'immediate', 'timeout'],
          `run ${run}: fs callbacks run in the poll phase, and the check phase (setImmediate) comes next`,
        );
      }
    });

    it('inside an fs callback, nextTick and microtasks still run before both', async () => {
      const order = await observeOrder([
        task('read', 'fs', task('timeout', 'setTimeout'), task('immediate', 'setImmediate'), task('promise', 'promise'), task('tick', 'nextTick')),
      ]);
      assert.deepEqual(order, ['read', 'tick', 'promise', 'immediate', 'timeout']);
    });

    it('inside a timer callback, setImmediate runs before a new setTimeout(0)', async () => {
      const order = await observeOrder([
        task('outer', 'setTimeout', task('timeout', 'setTimeout'), task('immediate', 'setImmediate')),
      ]);
      assert.deepEqual(
        order,
        ['outer', 'immediate', 'timeout'],
        'the new timer can only fire in the next timers phase; the check phase of this loop turn comes first',
      );
    });

    it('resolves only after deeply nested tasks have run', async () => {
      const order = await observeOrder([
        task('a', 'setImmediate', task('b', 'setTimeout', task('c', 'fs', task('d', 'nextTick', task('e', 'sync'))))),
      ]);
      assert.deepEqual(order, ['a', 'b', 'c', 'd', 'e'], 'the promise must wait for every task at every depth');
    });
  });

  describe('invalid scenarios', () => {
    it('rejects with a TypeError when a task, even a nested one, has an unknown via', async () => {
      const bad = [
        [task('x', 'later')],
        [task('x', 'toString')],
        [{ name: 'x' }],
        [task('ok', 'setImmediate', task('inner', 'setInterval'))],
      ];
      for (const scenario of bad) {
        let result;
        assert.doesNotThrow(() => {
          result = observeOrder(scenario);
        }, 'observeOrder must return a rejected promise, not throw synchronously');
        await assert.rejects(result, TypeError, `${JSON.stringify(scenario)} must be rejected`);
      }
    });
  });
});
