import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { retry } from './retry-backoff.mjs';

// An operation that fails with the given errors in turn, then returns `value`.
// It records the argument of every call.
function flaky(errors, value = 'ok') {
  const calls = [];
  const fn = async (arg) => {
    calls.push(arg);
    if (calls.length <= errors.length) throw errors[calls.length - 1];
    return value;
  };
  return { fn, calls };
}

// An operation that always fails, with a new Error per attempt.
function alwaysFails() {
  const errors = [];
  const fn = async () => {
    const error = new Error(`failure ${errors.length + 1}`);
    errors.push(error);
    throw error;
  };
  return { fn, errors };
}

// A sleep that records each requested delay and resolves at once.
function instantSleep() {
  const delays = [];
  const sleep = async (ms) => {
    delays.push(ms);
  };
  return { sleep, delays };
}

// Returns the given numbers in turn, like a scripted Math.random.
const sequence = (...values) => {
  let i = 0;
  return () => values[i++];
};

// Lets pending promise callbacks run; does not wait for any amount of time.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// Checks that a rejection carries exactly this value (same object, not a look-alike).
const isExactly = (expected, message) => (actual) => {
  assert.equal(actual, expected, message);
  return true;
};

describe('retry', () => {
  describe('attempts', () => {
    it('resolves with the first result and never sleeps when the first attempt succeeds', async () => {
      const { fn, calls } = flaky([], 42);
      const { sleep, delays } = instantSleep();
      assert.equal(await retry(fn, { sleep }), 42);
      assert.equal(calls.length, 1);
      assert.deepEqual(calls[0], { attempt: 1, signal: undefined }, 'fn receives { attempt, signal }');
      assert.deepEqual(delays, [], 'no failure, no sleep');
    });

    it('retries failures and resolves with the value of the first attempt that succeeds', async () => {
      const { fn, calls } = flaky([new Error('a'), new Error('b')], 'third time lucky');
      const { sleep, delays } = instantSleep();
      assert.equal(await retry(fn, { retries: 3, sleep, random: () => 0.5 }), 'third time lucky');
      assert.deepEqual(
        calls.map((c) => c.attempt),
        [1, 2, 3],
        'attempt numbers start at 1 and go up by one',
      );
      assert.equal(delays.length, 2, 'one sleep between each pair of attempts');
    });

    it('after retries + 1 failed attempts rejects with the last error, with attempts set on it', async () => {
      const { fn, errors } = alwaysFails();
      const { sleep } = instantSleep();
      const error = await retry(fn, { retries: 2, sleep }).then(
        () => assert.fail('retry must reject when every attempt fails'),
        (e) => e,
      );
      assert.equal(errors.length, 3, 'retries: 2 means 3 attempts in total');
      assert.equal(error, errors[2], 'the rejection must be the last error itself');
      assert.equal(error.attempts, 3, 'the error must carry attempts = 3');
    });

    it('retries: 0 makes exactly one attempt', async () => {
      const { fn, errors } = alwaysFails();
      const { sleep, delays } = instantSleep();
      await assert.rejects(retry(fn, { retries: 0, sleep }), { message: 'failure 1', attempts: 1 });
      assert.equal(errors.length, 1);
      assert.deepEqual(delays, []);
    });
  });

  describe('backoff', () => {
    it("with jitter 'none' the delay doubles from baseMs and is capped at maxMs", async () => {
      const { fn } = alwaysFails();
      const { sleep, delays } = instantSleep();
      await assert.rejects(retry(fn, { retries: 5, baseMs: 100, maxMs: 1000, jitter: 'none', sleep }));
      assert.deepEqual(delays, [100, 200, 400, 800, 1000], 'baseMs * 2 ** (attempt - 1), at most maxMs');
    });

    it("with full jitter (the default) each delay is random() times the capped exponential delay", async () => {
      const { fn } = alwaysFails();
      const { sleep, delays } = instantSleep();
      const random = sequence(0.5, 0.25, 0, 0.75);
      await assert.rejects(retry(fn, { retries: 4, baseMs: 100, maxMs: 300, sleep, random }));
      assert.deepEqual(delays, [50, 50, 0, 225], 'ceilings 100, 200, 300 (capped), 300 (capped)');
    });
  });

  describe('retryable errors and hints', () => {
    it('stops at once when isRetryable returns false, passing it the error and the attempt number', async () => {
      const notFound = Object.assign(new Error('404'), { status: 404 });
      const { fn, calls } = flaky([new Error('503'), notFound]);
      const { sleep, delays } = instantSleep();
      const seen = [];
      const isRetryable = (error, attempt) => {
        seen.push([error.message, attempt]);
        return error.status !== 404;
      };
      await assert.rejects(
        retry(fn, { retries: 5, sleep, random: () => 1, isRetryable }),
        isExactly(notFound, 'a non-retryable error must be rethrown as is'),
      );
      assert.equal(calls.length, 2, 'no attempt may follow a non-retryable error');
      assert.equal(notFound.attempts, 2, 'attempts is set on a non-retryable error too');
      assert.deepEqual(seen, [['503', 1], ['404', 2]]);
      assert.equal(delays.length, 1, 'no sleep after the non-retryable error');
    });

    it('waits error.retryAfterMs instead of the backoff, without jitter', async () => {
      const limited = Object.assign(new Error('429'), { retryAfterMs: 700 });
      const { fn } = flaky([limited, new Error('500')]);
      const { sleep, delays } = instantSleep();
      await retry(fn, { retries: 3, baseMs: 100, maxMs: 1000, sleep, random: () => 0.5 });
      assert.deepEqual(delays, [700, 100], 'the hint replaces the first delay; the second is 0.5 * 200');
    });

    it('gives up when retryAfterMs is longer than maxMs', async () => {
      const limited = Object.assign(new Error('429'), { retryAfterMs: 5_000 });
      const { fn, calls } = flaky([limited]);
      const { sleep, delays } = instantSleep();
      await assert.rejects(
        retry(fn, { retries: 3, maxMs: 1000, sleep }),
        isExactly(limited, 'the rate-limit error must be rethrown'),
      );
      assert.equal(calls.length, 1, 'no second attempt');
      assert.equal(limited.attempts, 1);
      assert.deepEqual(delays, [], 'retry must not sleep longer than maxMs');
    });
  });

  describe('abort signal', () => {
    it('an already aborted signal rejects with signal.reason and never calls fn', async () => {
      const { fn, calls } = flaky([]);
      const reason = new Error('user went away');
      await assert.rejects(
        retry(fn, { signal: AbortSignal.abort(reason), sleep: instantSleep().sleep }),
        isExactly(reason, 'the rejection must be signal.reason'),
      );
      assert.equal(calls.length, 0);
    });

    it('aborting during a sleep rejects at once with signal.reason, even if sleep ignores the signal', async () => {
      const { fn, errors } = alwaysFails();
      const controller = new AbortController();
      const reason = new Error('shutting down');
      let sleeps = 0;
      const neverEndingSleep = () => {
        sleeps++;
        return new Promise(() => {}); // ignores the signal and never resolves
      };
      const result = retry(fn, { retries: 5, signal: controller.signal, sleep: neverEndingSleep });
      let outcome;
      result.then(
        () => (outcome = 'resolved'),
        (e) => (outcome = e),
      );
      await flush();
      assert.equal(sleeps, 1, 'retry should be sleeping after the first failure');
      controller.abort(reason);
      await flush();
      assert.equal(outcome, reason, 'retry must reject with signal.reason without waiting for the sleep');
      assert.equal(errors.length, 1, 'no attempt may start after the abort');
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'abort listener left behind');
    });

    it('passes the signal to fn, and a failure after an abort rejects with signal.reason', async () => {
      const controller = new AbortController();
      const reason = new Error('cancelled');
      const calls = [];
      const fn = async ({ attempt, signal }) => {
        calls.push(attempt);
        assert.equal(signal, controller.signal, 'fn must receive the same signal');
        controller.abort(reason);
        throw new Error('request aborted');
      };
      const { sleep, delays } = instantSleep();
      await assert.rejects(
        retry(fn, { retries: 3, signal: controller.signal, sleep }),
        isExactly(reason, 'after an abort the reason wins over the error from fn'),
      );
      assert.deepEqual(calls, [1], 'no retry after an abort');
      assert.deepEqual(delays, [], 'no sleep after an abort: check the signal as soon as fn fails');
    });

    it('removes its abort listeners once it settles', async () => {
      const controller = new AbortController();
      const { signal } = controller;
      const { sleep } = instantSleep();
      await retry(flaky([new Error('x'), new Error('y')]).fn, { signal, sleep });
      assert.equal(getEventListeners(signal, 'abort').length, 0, 'listener left behind after success');
      await assert.rejects(retry(alwaysFails().fn, { retries: 2, signal, sleep }));
      assert.equal(getEventListeners(signal, 'abort').length, 0, 'listener left behind after failure');
    });
  });

  describe('defaults and validation', () => {
    it('uses real timers when no sleep is given', async () => {
      const { fn, calls } = flaky([new Error('once')], 'done');
      const started = performance.now();
      assert.equal(await retry(fn, { baseMs: 5, jitter: 'none' }), 'done');
      const elapsed = performance.now() - started;
      assert.equal(calls.length, 2);
      assert.ok(elapsed >= 4, `the default sleep should wait about 5 ms, waited ${elapsed.toFixed(1)} ms`);
    });

    it('rejects invalid arguments with a TypeError or RangeError and never calls fn', async () => {
      await assert.rejects(retry('not a function'), TypeError);
      const { fn, calls } = flaky([]);
      const bad = [
        { retries: -1 },
        { retries: 1.5 },
        { retries: '3' },
        { baseMs: -5 },
        { baseMs: NaN },
        { maxMs: Infinity },
        { jitter: 'equal' },
      ];
      for (const options of bad) {
        let result;
        assert.doesNotThrow(() => {
          result = retry(fn, options);
        }, `${JSON.stringify(options)}: retry must return a rejected promise, not throw`);
        await assert.rejects(result, RangeError, `${JSON.stringify(options)} must reject with a RangeError`);
      }
      assert.equal(calls.length, 0, 'fn must not run with invalid options');
    });
  });
});
