import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { pool } from './promise-pool.mjs';

// A promise plus the functions that settle it, so a test decides when each task ends.
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// n tasks that record when they start and stay pending until the test settles them.
function trackedTasks(n) {
  const state = { started: [], running: 0, peak: 0, deferreds: [] };
  const tasks = Array.from({ length: n }, (_, i) => () => {
    state.started.push(i);
    state.running++;
    state.peak = Math.max(state.peak, state.running);
    const d = deferred();
    state.deferreds[i] = d;
    return d.promise.finally(() => {
      state.running--;
    });
  });
  return { tasks, state };
}

// Lets every pending promise callback run. setImmediate fires after the microtask
// queue is empty; it does not wait for any amount of time.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// Checks that a rejection carries exactly this value (same object, not a look-alike).
const isExactly = (expected) => (actual) => {
  assert.equal(actual, expected, 'the pool must reject with the original value');
  return true;
};

describe('pool', () => {
  describe('results', () => {
    it('resolves to an empty array when there are no tasks', async () => {
      assert.deepEqual(await pool([], 3), []);
    });

    it('resolves to the results in input order, not completion order', async () => {
      const { tasks, state } = trackedTasks(3);
      const result = pool(tasks, 3);
      await flush();
      state.deferreds[2].resolve('c');
      await flush();
      state.deferreds[0].resolve('a');
      await flush();
      state.deferreds[1].resolve('b');
      assert.deepEqual(await result, ['a', 'b', 'c'], 'result[i] must be the value of tasks[i]');
      assert.deepEqual(state.started, [0, 1, 2], 'each task must be called exactly once, in order');
    });

    it('accepts tasks that return plain values instead of promises', async () => {
      const tasks = [() => 1, async () => 2, () => Promise.resolve(3), () => undefined];
      assert.deepEqual(await pool(tasks, 2), [1, 2, 3, undefined]);
    });
  });

  describe('concurrency', () => {
    it('never runs more than limit tasks at once', async () => {
      const { tasks, state } = trackedTasks(6);
      const result = pool(tasks, 2);
      const done = new Set();
      for (let step = 0; step < 6; step++) {
        await flush();
        assert.ok(state.running <= 2, `step ${step}: ${state.running} tasks running, limit is 2`);
        // Finish the newest unfinished task, so tasks complete out of order.
        const i = state.started.findLast((index) => !done.has(index));
        done.add(i);
        state.deferreds[i].resolve(i * 10);
      }
      assert.deepEqual(await result, [0, 10, 20, 30, 40, 50]);
      assert.equal(state.peak, 2, 'with 6 tasks and limit 2 the pool should keep 2 tasks busy');
    });

    it('starts the next task as soon as any running task settles', async () => {
      const { tasks, state } = trackedTasks(3);
      const result = pool(tasks, 2);
      await flush();
      assert.deepEqual(state.started, [0, 1], 'the first two tasks must start right away');
      state.deferreds[1].resolve('b');
      await flush();
      assert.deepEqual(
        state.started,
        [0, 1, 2],
        'task 2 must start when task 1 finishes, without waiting for task 0 (no batching)',
      );
      state.deferreds[0].resolve('a');
      state.deferreds[2].resolve('c');
      assert.deepEqual(await result, ['a', 'b', 'c']);
    });

    it('starts every task at once when limit is at least the number of tasks', async () => {
      const { tasks, state } = trackedTasks(3);
      const result = pool(tasks, 10);
      await flush();
      assert.equal(state.running, 3, 'all 3 tasks fit under a limit of 10');
      state.deferreds.forEach((d, i) => d.resolve(i));
      assert.deepEqual(await result, [0, 1, 2]);
    });

    it('rejects with a RangeError and calls no task when limit is not an integer >= 1', async () => {
      for (const limit of [0, -1, 1.5, NaN, Infinity, '2', undefined]) {
        let calls = 0;
        let result;
        assert.doesNotThrow(() => {
          result = pool([() => calls++], limit);
        }, `limit ${String(limit)}: pool must return a rejected promise, not throw synchronously`);
        await assert.rejects(result, RangeError, `limit ${String(limit)} must reject with a RangeError`);
        assert.equal(calls, 0, `limit ${String(limit)}: no task may run`);
      }
    });
  });

  describe('errors', () => {
    it('rejects with the first error as soon as it happens and starts no further tasks', async () => {
      const { tasks, state } = trackedTasks(5);
      const boom = new Error('boom');
      const result = pool(tasks, 2);
      let rejected = false;
      const outcome = assert.rejects(result, isExactly(boom)).then(() => {
        rejected = true;
      });
      await flush();
      state.deferreds[1].reject(boom);
      await flush();
      assert.equal(rejected, true, 'the pool must reject without waiting for task 0 to finish');
      state.deferreds[0].resolve('late');
      await flush();
      assert.deepEqual(state.started, [0, 1], 'no task may start after a failure');
      await outcome;
    });

    it('treats a task that throws synchronously like a rejected task', async () => {
      const boom = new Error('sync boom');
      let laterCalls = 0;
      const tasks = [
        () => {
          throw boom;
        },
        () => laterCalls++,
      ];
      let result;
      assert.doesNotThrow(() => {
        result = pool(tasks, 1);
      }, 'a throwing task must turn into a rejection, not escape from pool()');
      await assert.rejects(result, isExactly(boom));
      assert.equal(laterCalls, 0, 'the task after the failing one must not run');
    });

    it('does not cause an unhandled rejection when a task fails after the pool has rejected', async () => {
      const unhandled = [];
      const onUnhandled = (reason) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const { tasks, state } = trackedTasks(2);
        const first = new Error('first');
        const result = pool(tasks, 2);
        const outcome = assert.rejects(result, isExactly(first));
        await flush();
        state.deferreds[0].reject(first);
        await outcome;
        state.deferreds[1].reject(new Error('second'));
        await flush();
        await flush();
        assert.deepEqual(
          unhandled.map((e) => e?.message),
          [],
          'later failures must still be handled (attach a rejection handler to every task promise)',
        );
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });

  describe('abort signal', () => {
    it('an already aborted signal rejects with signal.reason and calls no task', async () => {
      const { tasks, state } = trackedTasks(2);
      const reason = new Error('cancelled by caller');
      await assert.rejects(pool(tasks, 2, { signal: AbortSignal.abort(reason) }), isExactly(reason));
      await assert.rejects(
        pool(tasks, 2, { signal: AbortSignal.abort() }),
        { name: 'AbortError' },
        'with no explicit reason, signal.reason is a DOMException named AbortError',
      );
      assert.deepEqual(state.started, [], 'no task may be called when the signal is already aborted');
    });

    it('aborting mid-run rejects with signal.reason right away and starts no further tasks', async () => {
      const { tasks, state } = trackedTasks(4);
      const controller = new AbortController();
      const reason = new Error('stop');
      const result = pool(tasks, 2, { signal: controller.signal });
      let rejected = false;
      const outcome = assert.rejects(result, isExactly(reason)).then(() => {
        rejected = true;
      });
      await flush();
      assert.deepEqual(state.started, [0, 1]);
      controller.abort(reason);
      await flush();
      assert.equal(rejected, true, 'the pool must reject on abort without waiting for running tasks');
      state.deferreds[0].resolve('a');
      state.deferreds[1].resolve('b');
      await flush();
      assert.deepEqual(state.started, [0, 1], 'no task may start after the abort');
      await outcome;
    });

    it('removes its abort listener once it settles', async () => {
      const controller = new AbortController();
      const { signal } = controller;
      assert.deepEqual(await pool([() => 1, () => 2], 1, { signal }), [1, 2]);
      assert.equal(getEventListeners(signal, 'abort').length, 0, 'listener left behind after success');
      const boom = new Error('boom');
      await assert.rejects(pool([() => Promise.reject(boom)], 1, { signal }), isExactly(boom));
      assert.equal(getEventListeners(signal, 'abort').length, 0, 'listener left behind after failure');
    });
  });
});
