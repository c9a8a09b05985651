import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.mjs';

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

// A dependency the test controls. mode 'ok' resolves with the first argument (or 'ok'),
// 'fail' rejects, 'hold' returns a pending promise that the test settles through
// dep.held[i].resolve(value) / dep.held[i].reject(error).
function dependency() {
  const dep = {
    mode: 'ok',
    calls: 0,
    held: [],
    fn: async (value = 'ok') => {
      dep.calls++;
      if (dep.mode === 'fail') throw new Error('dependency down');
      if (dep.mode === 'hold') {
        return new Promise((resolve, reject) => dep.held.push({ resolve, reject }));
      }
      return value;
    },
  };
  return dep;
}

// Makes `n` calls that fail and swallows their errors.
async function failTimes(breaker, dep, n) {
  const mode = dep.mode;
  dep.mode = 'fail';
  for (let i = 0; i < n; i++) await breaker.call().catch(() => {});
  dep.mode = mode;
}

// A breaker (threshold 2, reset timeout 5000 ms) that has just opened at t = 1000.
async function openBreaker(options = {}) {
  const clock = fakeClock();
  const dep = dependency();
  const breaker = new CircuitBreaker(dep.fn, {
    failureThreshold: 2,
    resetTimeoutMs: 5_000,
    now: clock.now,
    ...options,
  });
  await failTimes(breaker, dep, 2);
  assert.equal(breaker.state, 'open', 'setup: two failures should open the circuit');
  return { clock, dep, breaker };
}

// Lets pending promise callbacks run; does not wait for any amount of time.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// Fails the test instead of hanging when `promise` has not settled once pending
// callbacks have run (a wrong solution could leave it pending forever).
const soon = (promise, message) =>
  Promise.race([promise, flush().then(() => assert.fail(`${message} (still pending)`))]);

describe('CircuitBreaker', () => {
  describe('closed', () => {
    it('passes the arguments to fn and resolves with its result', async () => {
      const breaker = new CircuitBreaker(async (a, b) => a + b);
      assert.equal(breaker.state, 'closed', 'a new breaker is closed');
      assert.equal(await breaker.call(2, 3), 5);
      assert.equal(breaker.failureCount, 0);
    });

    it("rejects with fn's own error and counts the failure, including a synchronous throw", async () => {
      const boom = new Error('boom');
      const breaker = new CircuitBreaker(
        () => {
          throw boom;
        },
        { failureThreshold: 5, now: fakeClock().now },
      );
      let result;
      assert.doesNotThrow(() => {
        result = breaker.call();
      }, 'call() must return a rejected promise, not throw synchronously');
      await assert.rejects(result, (err) => err === boom, 'the original error must reach the caller');
      assert.equal(breaker.failureCount, 1);
      assert.equal(breaker.state, 'closed', 'one failure out of 5 allowed keeps the circuit closed');
    });

    it('opens once failureThreshold failures happen within windowMs, and successes do not reset the count', async () => {
      const clock = fakeClock();
      const dep = dependency();
      const breaker = new CircuitBreaker(dep.fn, { failureThreshold: 3, windowMs: 10_000, now: clock.now });
      await failTimes(breaker, dep, 2);
      assert.equal(await breaker.call(), 'ok');
      assert.equal(breaker.failureCount, 2, 'a success in between must not erase recent failures');
      dep.mode = 'fail';
      await assert.rejects(
        breaker.call(),
        { message: 'dependency down' },
        'the call that trips the breaker still rejects with its own error',
      );
      assert.equal(breaker.state, 'open', 'the third failure within the window must open the circuit');
    });

    it('forgets a failure exactly windowMs after it happened', async () => {
      const clock = fakeClock();
      const dep = dependency();
      const breaker = new CircuitBreaker(dep.fn, { failureThreshold: 3, windowMs: 1_000, now: clock.now });
      await failTimes(breaker, dep, 1); // t = 1000
      clock.advance(500);
      await failTimes(breaker, dep, 1); // t = 1500
      clock.advance(499); // t = 1999
      assert.equal(breaker.failureCount, 2, 'at 999 ms the first failure still counts');
      clock.advance(1); // t = 2000
      assert.equal(breaker.failureCount, 1, 'at exactly windowMs the first failure has rolled out');
      await failTimes(breaker, dep, 1);
      assert.equal(breaker.state, 'closed', '2 failures in the last second is below the threshold of 3');
    });
  });

  describe('open', () => {
    it('fails fast with a CircuitOpenError carrying retryAfterMs, without calling fn', async () => {
      const { clock, dep, breaker } = await openBreaker();
      const callsBefore = dep.calls;
      clock.advance(1_500);
      const error = await breaker.call().then(
        () => assert.fail('an open circuit must reject'),
        (e) => e,
      );
      assert.ok(error instanceof CircuitOpenError, 'the rejection must be a CircuitOpenError');
      assert.ok(error instanceof Error, 'CircuitOpenError must extend Error');
      assert.equal(error.name, 'CircuitOpenError');
      assert.equal(error.message, 'Circuit is open');
      assert.equal(error.retryAfterMs, 3_500, 'opened 1500 ms ago with a 5000 ms reset timeout');
      assert.equal(dep.calls, callsBefore, 'fn must not be called while the circuit is open');
    });

    it('moves to half-open exactly resetTimeoutMs after opening and lets a trial call through', async () => {
      const { clock, breaker } = await openBreaker();
      clock.advance(4_999);
      assert.equal(breaker.state, 'open', '1 ms before the reset timeout the circuit is still open');
      await assert.rejects(breaker.call(), CircuitOpenError);
      clock.advance(1);
      assert.equal(breaker.state, 'half-open', 'at exactly resetTimeoutMs the circuit is half-open');
      assert.equal(await breaker.call('trial'), 'trial', 'the trial call must reach fn');
    });
  });

  describe('half-open', () => {
    it('admits at most halfOpenMax trial calls; other calls fail fast with retryAfterMs 0', async () => {
      const { clock, dep, breaker } = await openBreaker({ halfOpenMax: 2 });
      clock.advance(5_000);
      dep.mode = 'hold';
      const first = breaker.call('a');
      const second = breaker.call('b');
      await assert.rejects(
        soon(breaker.call('c'), 'a third call must fail fast'),
        (err) => err instanceof CircuitOpenError && err.retryAfterMs === 0,
        'a third call while 2 trials are in flight must fail fast with retryAfterMs 0',
      );
      await flush();
      assert.equal(dep.held.length, 2, 'exactly halfOpenMax calls must reach fn');
      dep.held[0].resolve('a');
      assert.equal(await first, 'a');
      assert.equal(breaker.state, 'half-open', 'one successful trial out of 2 does not close the circuit');
      await assert.rejects(
        soon(breaker.call('d'), 'a call after one finished trial must fail fast'),
        CircuitOpenError,
        'halfOpenMax counts trials admitted, not trials in flight',
      );
      dep.held[1].resolve('b');
      assert.equal(await second, 'b');
    });

    it('closes after halfOpenMax successful trials, with a clean failure count', async () => {
      const { clock, breaker } = await openBreaker({ halfOpenMax: 2 });
      clock.advance(5_000);
      assert.equal(await breaker.call(1), 1);
      assert.equal(await breaker.call(2), 2);
      assert.equal(breaker.state, 'closed', 'two successful trials out of 2 close the circuit');
      assert.equal(breaker.failureCount, 0, 'failures from before the circuit opened must be gone');
      assert.equal(await breaker.call(3), 3, 'a closed circuit lets every call through');
    });

    it('a failed trial reopens the circuit and restarts the reset timeout', async () => {
      const { clock, dep, breaker } = await openBreaker();
      clock.advance(5_000);
      dep.mode = 'fail';
      await assert.rejects(breaker.call(), { message: 'dependency down' }, 'the trial fails with its own error');
      assert.equal(breaker.state, 'open', 'a failed trial must reopen the circuit');
      await assert.rejects(
        breaker.call(),
        (err) => err instanceof CircuitOpenError && err.retryAfterMs === 5_000,
        'the reset timeout restarts at the failed trial',
      );
      clock.advance(5_000);
      assert.equal(breaker.state, 'half-open');
    });

    it('ignores the late result of a call admitted before the last state change', async () => {
      const clock = fakeClock();
      const dep = dependency();
      const breaker = new CircuitBreaker(dep.fn, { failureThreshold: 1, resetTimeoutMs: 1_000, now: clock.now });
      dep.mode = 'hold';
      const slow = breaker.call(); // admitted while closed
      await flush();
      await failTimes(breaker, dep, 1); // opens the circuit
      clock.advance(1_000);
      assert.equal(breaker.state, 'half-open');
      dep.held[0].reject(new Error('slow failure'));
      await assert.rejects(slow, { message: 'slow failure' }, 'the caller still gets its own error');
      assert.equal(breaker.state, 'half-open', 'a failure admitted while closed must not reopen the circuit');
      const trial = breaker.call('trial'); // the one trial call (halfOpenMax 1), still held
      await flush();
      dep.held[1].resolve('trial');
      assert.equal(await trial, 'trial');
      assert.equal(breaker.state, 'closed', 'the real trial decides: it succeeded, so the circuit closes');
    });
  });

  describe('events and validation', () => {
    it('emits stateChange with { from, to } for every transition, in order', async () => {
      const { clock, dep, breaker } = await openBreaker();
      const seen = [];
      breaker.on('stateChange', (change) => seen.push(change));
      clock.advance(5_000);
      dep.mode = 'fail';
      await breaker.call().catch(() => {}); // half-open, trial fails: open again
      clock.advance(5_000);
      dep.mode = 'ok';
      await breaker.call(); // half-open, trial succeeds: closed
      assert.deepEqual(seen, [
        { from: 'open', to: 'half-open' },
        { from: 'half-open', to: 'open' },
        { from: 'open', to: 'half-open' },
        { from: 'half-open', to: 'closed' },
      ]);
      const observed = [];
      const fresh = new CircuitBreaker(async () => {
        throw new Error('x');
      }, { failureThreshold: 1 });
      fresh.on('stateChange', ({ from, to }) => observed.push(`${from}->${to}:${fresh.state}`));
      await fresh.call().catch(() => {});
      assert.deepEqual(observed, ['closed->open:open'], 'the state must already be updated when the event fires');
    });

    it('rejects a non-function fn with a TypeError and invalid options with a RangeError', () => {
      const fn = async () => {};
      assert.throws(() => new CircuitBreaker('nope'), TypeError);
      const bad = [
        { failureThreshold: 0 },
        { failureThreshold: 1.5 },
        { windowMs: 0 },
        { windowMs: NaN },
        { resetTimeoutMs: -1 },
        { resetTimeoutMs: Infinity },
        { halfOpenMax: 0 },
        { halfOpenMax: '1' },
      ];
      for (const options of bad) {
        assert.throws(
          () => new CircuitBreaker(fn, options),
          RangeError,
          `${JSON.stringify(options)} must throw a RangeError`,
        );
      }
      assert.doesNotThrow(() => new CircuitBreaker(fn, { resetTimeoutMs: 0 }), 'resetTimeoutMs 0 is valid');
    });
  });
});
