import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JobQueue } from './job-queue.mjs';

// Lets every pending promise callback run. setImmediate fires after the microtask
// queue is empty; it does not wait for any amount of time.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// Fails the test instead of hanging when `promise` has not settled once pending
// callbacks have run (a wrong solution could leave it pending forever).
const soon = (promise, message) =>
  Promise.race([promise, flush().then(() => assert.fail(`${message} (still pending)`))]);

// A fake scheduler: timers fire only when the test calls advance(ms).
function fakeScheduler(start = 0) {
  let t = start;
  let seq = 0;
  const timers = new Map();
  return {
    now: () => t,
    setTimeout(fn, ms) {
      const handle = ++seq;
      timers.set(handle, { at: t + ms, fn });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle);
    },
    get pendingTimers() {
      return timers.size;
    },
    // Moves time forward, firing due timers in time order and letting each one's
    // consequences (job runs) settle before the next.
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        let next;
        for (const [handle, timer] of timers) {
          if (timer.at <= end && (next === undefined || timer.at < next.timer.at)) next = { handle, timer };
        }
        if (next === undefined) break;
        timers.delete(next.handle);
        t = next.timer.at;
        next.timer.fn();
        await flush();
      }
      t = end;
      await flush();
    },
  };
}

// A handler whose runs stay pending until the test settles them. It records every call.
function heldHandler() {
  const h = { calls: [], running: 0, peak: 0, runs: {} };
  h.fn = (job) => {
    h.calls.push(`${job.name}#${job.attempt}`);
    h.running++;
    h.peak = Math.max(h.peak, h.running);
    return new Promise((resolve, reject) => {
      h.runs[job.name] = { resolve, reject };
    }).finally(() => h.running--);
  };
  return h;
}

// A handler that fails the first `failures[name]` attempts of each job, then returns a value.
function flakyHandler(failures = {}) {
  const h = { calls: [] };
  h.fn = async (job) => {
    h.calls.push(`${job.name}#${job.attempt}`);
    if (job.attempt <= (failures[job.name] ?? 0)) throw new Error(`${job.name} failed on attempt ${job.attempt}`);
    return `${job.name} done`;
  };
  return h;
}

describe('JobQueue', () => {
  describe('processing', () => {
    it('runs jobs in the order they were added and stores each result', async () => {
      const queue = new JobQueue({ scheduler: fakeScheduler() });
      const seen = [];
      queue.process(async (job) => {
        seen.push(job);
        return job.data.to.toUpperCase();
      });
      const a = queue.add('email', { to: 'ada' });
      const b = queue.add('email', { to: 'bob' });
      assert.equal(seen.length, 0, 'add() must not call the handler synchronously');
      assert.equal(typeof a, 'string', 'add() returns the job id as a string');
      assert.notEqual(a, b, 'every job gets its own id');
      await flush();
      assert.deepEqual(seen, [
        { id: a, name: 'email', data: { to: 'ada' }, attempt: 1 },
        { id: b, name: 'email', data: { to: 'bob' }, attempt: 1 },
      ]);
      assert.equal(queue.getJob(a).state, 'completed');
      assert.equal(queue.getJob(a).result, 'ADA');
      assert.equal(queue.getJob(b).result, 'BOB');
      assert.equal(queue.getJob('nope'), undefined, 'an unknown id gives undefined');
    });

    it('keeps jobs waiting until a handler is registered, and accepts only one handler', async () => {
      const queue = new JobQueue({ scheduler: fakeScheduler() });
      const id = queue.add('report', { month: 5 });
      await flush();
      assert.equal(queue.getJob(id).state, 'waiting', 'without a handler a job waits');
      assert.throws(() => queue.process('not a function'), TypeError);
      const h = flakyHandler();
      queue.process(h.fn);
      await flush();
      assert.equal(queue.getJob(id).state, 'completed', 'registering the handler starts waiting jobs');
      assert.throws(() => queue.process(h.fn), Error, 'a second process() call must throw');
    });

    it('never runs more than concurrency jobs at once and starts the next one as soon as a slot frees up', async () => {
      const queue = new JobQueue({ concurrency: 2, scheduler: fakeScheduler() });
      const h = heldHandler();
      queue.process(h.fn);
      for (const name of ['a', 'b', 'c', 'd']) queue.add(name, null);
      await flush();
      assert.deepEqual(h.calls, ['a#1', 'b#1'], 'only 2 jobs may run with concurrency 2');
      assert.deepEqual(queue.counts(), { waiting: 2, active: 2, delayed: 0, completed: 0, dead: 0 });
      h.runs.b.resolve();
      await flush();
      assert.deepEqual(h.calls, ['a#1', 'b#1', 'c#1'], 'c starts when b finishes, without waiting for a');
      h.runs.a.resolve();
      h.runs.c.resolve();
      await flush();
      h.runs.d.resolve();
      await flush();
      assert.equal(h.peak, 2, 'at most 2 jobs may ever run at the same time');
      assert.equal(queue.counts().completed, 4);
    });
  });

  describe('retries', () => {
    it('retries a failed job after backoffMs, doubling the delay after each failure', async () => {
      const scheduler = fakeScheduler();
      const queue = new JobQueue({ scheduler });
      const h = flakyHandler({ sync: 5 });
      queue.process(h.fn);
      const id = queue.add('sync', {}, { attempts: 4, backoffMs: 1000 });
      await flush();
      assert.deepEqual(h.calls, ['sync#1']);
      assert.equal(queue.getJob(id).state, 'delayed', 'a job waiting for its retry is delayed');
      await scheduler.advance(999);
      assert.deepEqual(h.calls, ['sync#1'], 'no retry before backoffMs has passed');
      await scheduler.advance(1);
      assert.deepEqual(h.calls, ['sync#1', 'sync#2'], 'the first retry comes exactly backoffMs after the failure');
      await scheduler.advance(1999);
      assert.equal(h.calls.length, 2, 'the second delay is 2 * backoffMs');
      await scheduler.advance(1);
      assert.deepEqual(h.calls, ['sync#1', 'sync#2', 'sync#3']);
      await scheduler.advance(4000);
      assert.deepEqual(h.calls, ['sync#1', 'sync#2', 'sync#3', 'sync#4'], 'the third delay is 4 * backoffMs');
    });

    it('a job that succeeds on a retry completes and keeps the errors of the earlier attempts', async () => {
      const scheduler = fakeScheduler(5_000);
      const queue = new JobQueue({ scheduler });
      queue.process(flakyHandler({ resize: 1 }).fn);
      const id = queue.add('resize', { w: 100 }, { attempts: 3, backoffMs: 50 });
      await flush();
      await scheduler.advance(50);
      const job = queue.getJob(id);
      assert.equal(job.state, 'completed');
      assert.equal(job.result, 'resize done');
      assert.equal(job.attemptsMade, 2);
      assert.deepEqual(job.errors, [{ attempt: 1, message: 'resize failed on attempt 1', at: 5_000 }]);
    });

    it('counts a synchronous throw as a failed attempt', async () => {
      const queue = new JobQueue({ scheduler: fakeScheduler() });
      let calls = 0;
      queue.process(() => {
        calls++;
        throw new TypeError('bad payload');
      });
      const id = queue.add('parse', '{', { attempts: 2 });
      await flush();
      await flush();
      assert.equal(calls, 2, 'the job must be retried after a synchronous throw');
      assert.equal(queue.getJob(id).state, 'dead');
      assert.deepEqual(
        queue.getJob(id).errors.map((e) => e.message),
        ['bad payload', 'bad payload'],
      );
    });

    it('a job waiting for its retry frees its worker slot for other jobs', async () => {
      const scheduler = fakeScheduler();
      const queue = new JobQueue({ concurrency: 1, scheduler });
      const h = flakyHandler({ a: 1 });
      queue.process(h.fn);
      queue.add('a', null, { attempts: 2, backoffMs: 1000 });
      queue.add('b', null);
      queue.add('c', null);
      await flush();
      assert.deepEqual(h.calls, ['a#1', 'b#1', 'c#1'], 'b and c must run while a waits out its backoff');
      await scheduler.advance(1000);
      assert.deepEqual(h.calls, ['a#1', 'b#1', 'c#1', 'a#2']);
    });

    it('with backoffMs 0 a failed job goes straight to the end of the waiting line, with no timer', async () => {
      const scheduler = fakeScheduler();
      const queue = new JobQueue({ concurrency: 1, scheduler });
      const h = heldHandler();
      queue.process(h.fn);
      queue.add('a', null, { attempts: 2 });
      queue.add('b', null);
      await flush();
      h.runs.a.reject(new Error('first try'));
      await flush();
      assert.equal(scheduler.pendingTimers, 0, 'a zero delay must not use a timer');
      assert.deepEqual(h.calls, ['a#1', 'b#1'], 'b was already waiting, so it runs before the retry of a');
      h.runs.b.resolve();
      await flush();
      assert.deepEqual(h.calls, ['a#1', 'b#1', 'a#2']);
      h.runs.a.resolve('ok');
      await flush();
    });
  });

  describe('dead-letter list', () => {
    it('moves a job to the dead-letter list after its last failed attempt, with its full error history', async () => {
      const scheduler = fakeScheduler(1_000);
      const queue = new JobQueue({ scheduler });
      queue.process(flakyHandler({ charge: Infinity }).fn);
      const id = queue.add('charge', { amount: 5 }, { attempts: 3, backoffMs: 100 });
      await flush();
      await scheduler.advance(100); // attempt 2 at t = 1100
      await scheduler.advance(200); // attempt 3 at t = 1300
      const job = queue.getJob(id);
      assert.equal(job.state, 'dead');
      assert.equal(job.attemptsMade, 3);
      assert.deepEqual(job.errors, [
        { attempt: 1, message: 'charge failed on attempt 1', at: 1_000 },
        { attempt: 2, message: 'charge failed on attempt 2', at: 1_100 },
        { attempt: 3, message: 'charge failed on attempt 3', at: 1_300 },
      ]);
      assert.deepEqual(queue.dead(), [job], 'dead() lists the job with the same details');
      assert.equal(scheduler.pendingTimers, 0, 'no retry may be scheduled after the last attempt');
    });

    it('with the default of one attempt a failing job goes straight to the dead-letter list', async () => {
      const scheduler = fakeScheduler();
      const queue = new JobQueue({ scheduler });
      queue.process(async (job) => {
        if (job.data.fail) throw new Error('nope');
      });
      const ok = queue.add('x', { fail: false });
      const bad = queue.add('y', { fail: true });
      const alsoBad = queue.add('z', { fail: true });
      await flush();
      assert.equal(queue.getJob(ok).state, 'completed');
      assert.deepEqual(
        queue.dead().map((job) => job.id),
        [bad, alsoBad],
        'dead() lists dead jobs in the order they died',
      );
      assert.equal(scheduler.pendingTimers, 0);
    });

    it('retryDead gives a dead job a fresh set of attempts and keeps its history; it returns false otherwise', async () => {
      const queue = new JobQueue({ scheduler: fakeScheduler() });
      let healthy = false;
      queue.process(async () => {
        if (!healthy) throw new Error('smtp down');
        return 'sent';
      });
      const id = queue.add('email', {}, { attempts: 2 });
      await flush();
      await flush();
      assert.equal(queue.getJob(id).state, 'dead', 'setup: both attempts failed');
      healthy = true;
      assert.equal(queue.retryDead('nope'), false, 'retryDead of an unknown id returns false');
      assert.equal(queue.retryDead(id), true, 'retryDead of a dead job returns true');
      assert.deepEqual(queue.dead(), [], 'the job must leave the dead-letter list');
      await flush();
      const job = queue.getJob(id);
      assert.equal(job.state, 'completed');
      assert.equal(job.result, 'sent');
      assert.equal(job.attemptsMade, 1, 'attempts start again from 1 after retryDead');
      assert.deepEqual(
        job.errors.map((e) => e.message),
        ['smtp down', 'smtp down'],
        'the error history must survive the retry',
      );
      assert.equal(queue.retryDead(id), false, 'a completed job is not dead');
    });
  });

  describe('bookkeeping', () => {
    it('counts reports how many jobs are in each state', async () => {
      const scheduler = fakeScheduler();
      const queue = new JobQueue({ concurrency: 1, scheduler });
      const h = heldHandler();
      queue.process(h.fn);
      for (const name of ['done', 'dead', 'delayed', 'active', 'waiting']) {
        queue.add(name, null, name === 'delayed' ? { attempts: 2, backoffMs: 500 } : {});
      }
      await flush();
      h.runs.done.resolve(1);
      await flush();
      h.runs.dead.reject(new Error('x'));
      await flush();
      h.runs.delayed.reject(new Error('y'));
      await flush();
      assert.deepEqual(queue.counts(), { waiting: 1, active: 1, delayed: 1, completed: 1, dead: 1 });
      h.runs.active.resolve();
      await flush();
      h.runs.waiting.resolve();
      await scheduler.advance(500);
      h.runs.delayed.resolve();
      await flush();
      assert.deepEqual(queue.counts(), { waiting: 0, active: 0, delayed: 0, completed: 4, dead: 1 });
    });

    it('add and the constructor reject invalid arguments', () => {
      const queue = new JobQueue({ scheduler: fakeScheduler() });
      for (const name of ['', undefined, 42]) {
        assert.throws(() => queue.add(name, {}), TypeError, `name ${String(name)} must throw a TypeError`);
      }
      for (const attempts of [0, -1, 1.5, '3']) {
        assert.throws(() => queue.add('x', {}, { attempts }), RangeError, `attempts ${String(attempts)}`);
      }
      for (const backoffMs of [-1, NaN, Infinity, '10']) {
        assert.throws(() => queue.add('x', {}, { backoffMs }), RangeError, `backoffMs ${String(backoffMs)}`);
      }
      for (const concurrency of [0, 1.5, '2']) {
        assert.throws(() => new JobQueue({ concurrency }), RangeError, `concurrency ${String(concurrency)}`);
      }
      assert.deepEqual(queue.counts(), { waiting: 0, active: 0, delayed: 0, completed: 0, dead: 0 }, 'nothing was added');
    });

    it('close cancels retry timers, starts no more jobs, refuses new ones and resolves when running jobs finish', async () => {
      const scheduler = fakeScheduler();
      const queue = new JobQueue({ concurrency: 1, scheduler });
      const h = heldHandler();
      queue.process(h.fn);
      queue.add('retrying', null, { attempts: 2, backoffMs: 1000 });
      const running = queue.add('running', null);
      queue.add('queued', null);
      await flush();
      h.runs.retrying.reject(new Error('later'));
      await flush();
      assert.equal(scheduler.pendingTimers, 1, 'setup: one retry is scheduled');
      let closed = false;
      const closing = queue.close().then(() => {
        closed = true;
      });
      assert.equal(scheduler.pendingTimers, 0, 'close() must clear pending retry timers');
      assert.throws(() => queue.add('late', null), { message: 'queue is closed' });
      await flush();
      assert.equal(closed, false, "close() must wait for the running job ('running') to finish");
      h.runs.running.resolve('ok');
      await soon(closing, 'close() must resolve once the running job has finished');
      assert.deepEqual(h.calls, ['retrying#1', 'running#1'], "'queued' must not start after close()");
      assert.equal(queue.getJob(running).state, 'completed', 'a job running during close() still completes');
    });
  });
});
