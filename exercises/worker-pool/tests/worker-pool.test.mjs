import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';
import { FIRST_GATE, PEAK, RUNNING, SPINS, STARTED } from './pool-worker.mjs';
import { WorkerPool } from './worker-pool.mjs';

const WORKER = new URL('./pool-worker.mjs', import.meta.url);

// Every Worker created during a test, so the tests can count them and check that they have
// all exited (a Worker's threadId becomes -1 once its thread has stopped).
let created = [];
const OriginalWorker = workerThreads.Worker;

before(() => {
  workerThreads.Worker = class RecordedWorker extends OriginalWorker {
    constructor(...args) {
      super(...args);
      created.push(this);
    }
  };
  // Makes `import { Worker } from 'node:worker_threads'` see the recording class as well.
  syncBuiltinESMExports();
});

after(() => {
  workerThreads.Worker = OriginalWorker;
  syncBuiltinESMExports();
});

let pool;
let shared;

// Shared memory for the 'hold' and 'spin' tasks of pool-worker.mjs.
const newShared = () => new Int32Array(new SharedArrayBuffer(4 * (FIRST_GATE + 8)));
const openGate = (gate) => {
  Atomics.store(shared, FIRST_GATE + gate, 1);
  Atomics.notify(shared, FIRST_GATE + gate);
};

// Waits, without sleeping, until shared[slot] >= atLeast (the worker notifies on change).
async function waitUntil(slot, atLeast, what) {
  for (;;) {
    const value = Atomics.load(shared, slot);
    if (value >= atLeast) return;
    const wait = Atomics.waitAsync(shared, slot, value, 3000);
    if (wait.async && (await wait.value) === 'timed-out') {
      assert.fail(`timed out waiting for ${what} (got ${Atomics.load(shared, slot)})`);
    }
  }
}

// A promise's outcome without waiting for it, to compare orders.
const outcome = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );

afterEach(async () => {
  if (shared) for (let gate = 0; gate < 8; gate++) openGate(gate); // release blocked workers
  try {
    await pool?.close();
  } catch {
    // an unfinished close(); the workers are terminated below anyway
  }
  // Whatever the pool did, no worker may outlive its test.
  await Promise.all(created.filter((w) => w.threadId !== -1).map((w) => w.terminate()));
  created = [];
  pool = undefined;
  shared = undefined;
});

const isClosedError = (error) => {
  assert.ok(error instanceof Error, 'expected an Error');
  assert.equal(error.message, 'WorkerPool is closed');
  return true;
};

describe('WorkerPool', () => {
  describe('running tasks', () => {
    it('run resolves with the message the worker posts back', async () => {
      pool = new WorkerPool(WORKER, { size: 2 });
      assert.equal(created.length, 2, 'the constructor must start size workers');
      const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ op: 'square', value })));
      assert.deepEqual(results, [1, 4, 9, 16, 25], 'each promise gets the reply to its own task');
      assert.equal(created.length, 2, 'workers are reused, not started per task');
    });

    it('runs at most size tasks at the same time, in parallel', async () => {
      shared = newShared();
      pool = new WorkerPool(WORKER, { size: 2 });
      const results = [0, 1, 2].map((gate) => pool.run({ op: 'hold', shared, gate, result: `task ${gate}` }));
      await waitUntil(STARTED, 2, 'two tasks to start');
      assert.equal(Atomics.load(shared, RUNNING), 2, 'both workers must be busy at the same time');
      assert.equal(Atomics.load(shared, STARTED), 2, 'the third task must wait for a free worker');
      openGate(0);
      await waitUntil(STARTED, 3, 'the third task to start once a worker is free');
      openGate(1);
      openGate(2);
      assert.deepEqual(await Promise.all(results), ['task 0', 'task 1', 'task 2']);
      assert.equal(Atomics.load(shared, PEAK), 2, 'never more than size tasks at once');
    });

    it('queues tasks in FIFO order when every worker is busy', async () => {
      shared = newShared();
      pool = new WorkerPool(WORKER, { size: 1 });
      const finished = [];
      const track = (promise) => promise.then((value) => finished.push(value));
      const all = [
        track(pool.run({ op: 'hold', shared, gate: 0, result: 'held' })),
        track(pool.run({ op: 'square', value: 2 })),
        track(pool.run({ op: 'square', value: 3 })),
        track(pool.run({ op: 'square', value: 4 })),
      ];
      await waitUntil(STARTED, 1, 'the first task to start');
      openGate(0);
      await Promise.all(all);
      assert.deepEqual(finished, ['held', 4, 9, 16], 'queued tasks must run oldest first');
    });

    it('the constructor rejects a size that is not a positive integer with a RangeError', () => {
      for (const size of [0, -1, 1.5, '2', NaN, null]) {
        assert.throws(() => new WorkerPool(WORKER, { size }), RangeError, `size ${String(size)} must be rejected`);
      }
      assert.equal(created.length, 0, 'no worker may be started for an invalid size');
    });

    it('a value that cannot be cloned rejects its task without breaking the pool', async () => {
      pool = new WorkerPool(WORKER, { size: 1 });
      await assert.rejects(
        pool.run({ op: 'square', value: 2, callback() {} }),
        { name: 'DataCloneError' },
        'postMessage cannot copy a function: run must reject with its DataCloneError, not throw',
      );
      assert.equal(await pool.run({ op: 'square', value: 3 }), 9, 'the worker is still free for the next task');
      assert.equal(created.length, 1, 'nothing crashed, so no worker was replaced');
    });
  });

  describe('crashes', () => {
    it('a worker that throws rejects only its own task, while other workers carry on', async () => {
      shared = newShared();
      pool = new WorkerPool(WORKER, { size: 2 });
      const held = outcome(pool.run({ op: 'hold', shared, gate: 0, result: 'survived' }));
      await waitUntil(STARTED, 1, 'the held task to start');
      await assert.rejects(pool.run({ op: 'throw', message: 'kaboom' }), { message: 'kaboom' });
      openGate(0);
      assert.deepEqual(await held, { value: 'survived' }, 'the task on the other worker must still succeed');
    });

    it('a crashed worker is replaced, and queued tasks still run', async () => {
      pool = new WorkerPool(WORKER, { size: 1 });
      const firstThread = await pool.run({ op: 'whoami' });
      const crash = outcome(pool.run({ op: 'throw', message: 'kaboom' }));
      const after = pool.run({ op: 'whoami' });
      const later = pool.run({ op: 'square', value: 5 });
      assert.equal((await crash).error?.message, 'kaboom', 'the crashing task must reject with the thrown error');
      const newThread = await after;
      assert.notEqual(newThread, firstThread, 'the queued task must run on a new worker');
      assert.equal(await later, 25);
      assert.equal(created.length, 2, 'exactly one replacement worker');
    });

    it('a worker that exits with a non-zero code rejects its task with an Error that names the code', async () => {
      pool = new WorkerPool(WORKER, { size: 1 });
      await assert.rejects(pool.run({ op: 'exit', code: 3 }), (error) => {
        assert.ok(error instanceof Error, 'reject with an Error');
        assert.match(error.message, /\b3\b/, 'the message must mention the exit code');
        return true;
      });
      assert.equal(await pool.run({ op: 'square', value: 6 }), 36, 'the pool must keep working');
    });
  });

  describe('close', () => {
    it('close terminates every worker, even a busy one, and rejects running and queued tasks', async () => {
      shared = newShared();
      pool = new WorkerPool(WORKER, { size: 2 });
      const tasks = [
        pool.run({ op: 'spin', shared }),
        pool.run({ op: 'spin', shared }),
        pool.run({ op: 'square', value: 2 }), // queued: both workers are busy
      ].map(outcome);
      await waitUntil(STARTED, 2, 'both workers to start spinning');
      await pool.close();
      for (const [i, result] of (await Promise.all(tasks)).entries()) {
        assert.ok(result.error, `task ${i} must be rejected by close()`);
        isClosedError(result.error);
      }
      assert.equal(created.length, 2, 'close must not start replacement workers');
      assert.ok(
        created.every((worker) => worker.threadId === -1),
        'once close() has resolved, every worker must have exited',
      );
      const spins = Atomics.load(shared, SPINS);
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(Atomics.load(shared, SPINS), spins, 'the busy loops must have stopped');
    });

    it('run after close rejects, and close can be called again', async () => {
      pool = new WorkerPool(WORKER, { size: 1 });
      await pool.close();
      let result;
      assert.doesNotThrow(() => {
        result = pool.run({ op: 'square', value: 2 });
      }, 'run must return a rejected promise, not throw');
      await assert.rejects(result, isClosedError);
      await pool.close();
      assert.ok(created.every((worker) => worker.threadId === -1));
    });
  });
});
