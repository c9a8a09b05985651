import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket, SlidingWindowLog, SlidingWindowCounter } from './rate-limiters.mjs';

// A fake clock: tests set and move time by hand instead of waiting.
function fakeClock(start = 0) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
    set(ms) {
      t = ms;
    },
  };
}

// Calls allow(key) `count` times and returns how many calls were allowed.
function allowMany(limiter, key, count) {
  let allowed = 0;
  for (let i = 0; i < count; i++) if (limiter.allow(key)) allowed++;
  return allowed;
}

describe('TokenBucket', () => {
  it('starts full: allows capacity single removals in a burst, then refuses', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSec: 1, now: clock.now });
    assert.equal(bucket.tokens, 3, 'a new bucket must start with capacity tokens');
    assert.equal(bucket.tryRemove(), true, 'tryRemove() with no argument removes 1 token');
    assert.equal(bucket.tryRemove(1), true);
    assert.equal(bucket.tryRemove(1), true);
    assert.equal(bucket.tryRemove(1), false, 'the fourth request of a burst must be refused');
    assert.equal(bucket.tokens, 0);
  });

  it('tryRemove(n) takes n tokens at once, or none at all when fewer than n are left', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSec: 1, now: clock.now });
    assert.equal(bucket.tryRemove(4), true);
    assert.equal(bucket.tokens, 1);
    assert.equal(bucket.tryRemove(2), false, 'only 1 token is left, so 2 cannot be removed');
    assert.equal(bucket.tokens, 1, 'a refused tryRemove must not take any tokens');
    assert.equal(bucket.tryRemove(6), false, 'n above capacity can never succeed and returns false');
    assert.equal(bucket.tryRemove(1), true, 'the remaining token is still there');
  });

  it('refills continuously at refillPerSec, including fractions of a token', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 4, refillPerSec: 2, now: clock.now });
    assert.equal(bucket.tryRemove(4), true);
    clock.advance(250);
    assert.equal(bucket.tokens, 0.5, '250 ms at 2 tokens/s earns half a token');
    assert.equal(bucket.tryRemove(), false, 'half a token is not enough for one request');
    clock.advance(250);
    assert.equal(bucket.tryRemove(), true, 'after 500 ms one whole token has been earned');
    assert.equal(bucket.tokens, 0);
    clock.advance(1000);
    assert.equal(bucket.tokens, 2, 'one more second at 2 tokens/s earns 2 tokens');
  });

  it('never holds more than capacity, so the burst after a long idle period is capacity', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSec: 10, now: clock.now });
    bucket.tryRemove(3);
    clock.advance(60_000); // a minute idle would earn 600 tokens without the cap
    assert.equal(bucket.tokens, 3, 'refill must stop at capacity');
    let allowed = 0;
    while (bucket.tryRemove()) allowed++;
    assert.equal(allowed, 3, 'a burst after idling may use at most capacity tokens');
  });

  it('rejects invalid options and an invalid n with a RangeError', () => {
    for (const capacity of [0, -1, 1.5, NaN, Infinity, '3', undefined]) {
      assert.throws(
        () => new TokenBucket({ capacity, refillPerSec: 1 }),
        RangeError,
        `capacity ${String(capacity)} must throw a RangeError`,
      );
    }
    for (const refillPerSec of [0, -1, NaN, Infinity, '1', undefined]) {
      assert.throws(
        () => new TokenBucket({ capacity: 1, refillPerSec }),
        RangeError,
        `refillPerSec ${String(refillPerSec)} must throw a RangeError`,
      );
    }
    assert.doesNotThrow(() => new TokenBucket({ capacity: 1, refillPerSec: 0.5 }), 'fractional rates are valid');
    const bucket = new TokenBucket({ capacity: 2, refillPerSec: 1, now: () => 0 });
    for (const n of [0, -1, 1.5, NaN, '1']) {
      assert.throws(() => bucket.tryRemove(n), RangeError, `tryRemove(${String(n)}) must throw a RangeError`);
    }
    assert.equal(bucket.tokens, 2, 'an invalid call must not take tokens');
  });
});

describe('SlidingWindowLog', () => {
  it('allows limit requests within the window and refuses the next one', () => {
    const clock = fakeClock(5_000);
    const limiter = new SlidingWindowLog({ limit: 3, windowMs: 1000, now: clock.now });
    assert.equal(limiter.allow('ip-1'), true);
    clock.advance(100);
    assert.equal(limiter.allow('ip-1'), true);
    clock.advance(100);
    assert.equal(limiter.allow('ip-1'), true);
    clock.advance(100);
    assert.equal(limiter.allow('ip-1'), false, 'a 4th request 300 ms after the 1st exceeds limit 3');
  });

  it('frees a slot exactly windowMs after the request that used it', () => {
    const clock = fakeClock(5_000);
    const limiter = new SlidingWindowLog({ limit: 2, windowMs: 1000, now: clock.now });
    limiter.allow('k'); // t = 5000
    clock.set(5_400);
    limiter.allow('k'); // t = 5400
    clock.set(5_999);
    assert.equal(limiter.allow('k'), false, 'at 999 ms the request from t=5000 is still in the window');
    clock.set(6_000);
    assert.equal(limiter.allow('k'), true, 'at exactly 1000 ms the request from t=5000 has left the window');
    assert.equal(limiter.allow('k'), false, 'only one slot was freed: t=5400 and t=6000 fill the window');
    clock.set(6_400);
    assert.equal(limiter.allow('k'), true, 'the slot of t=5400 frees at exactly t=6400');
  });

  it('does not record refused requests, so retrying while blocked does not extend the block', () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLog({ limit: 1, windowMs: 1000, now: clock.now });
    assert.equal(limiter.allow('k'), true);
    for (let t = 100; t < 1000; t += 100) {
      clock.set(t);
      assert.equal(limiter.allow('k'), false, `t=${t}: still blocked`);
    }
    clock.set(1000);
    assert.equal(limiter.allow('k'), true, 'the refused requests must not have been logged');
  });

  it('keeps separate state per key', () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLog({ limit: 2, windowMs: 1000, now: clock.now });
    assert.equal(allowMany(limiter, 'alice', 5), 2, 'alice gets her own 2 requests');
    assert.equal(allowMany(limiter, 'bob', 5), 2, "alice's traffic must not use up bob's limit");
    assert.equal(limiter.allow('alice'), false);
  });
});

describe('SlidingWindowCounter', () => {
  it('allows limit requests in one window and starts fresh when the last request is two windows old', () => {
    const clock = fakeClock(10_000);
    const limiter = new SlidingWindowCounter({ limit: 4, windowMs: 1000, now: clock.now });
    assert.equal(allowMany(limiter, 'k', 6), 4, 'only limit requests fit in the first window');
    clock.set(12_000); // window [12000, 13000); the previous window [11000, 12000) saw nothing
    assert.equal(allowMany(limiter, 'k', 6), 4, 'a window with an empty previous window allows limit again');
  });

  it("weights the previous window's count by how much of it the sliding window still covers", () => {
    const clock = fakeClock(10_000);
    const limiter = new SlidingWindowCounter({ limit: 10, windowMs: 1000, now: clock.now });
    assert.equal(allowMany(limiter, 'k', 8), 8, 'window [10000, 11000) records 8 requests');
    clock.set(11_250); // 25% into the next window: 75% of the previous one still counts
    // estimate = 8 * 0.75 + current = 6 + current; allowed while the estimate is below 10
    assert.equal(allowMany(limiter, 'k', 10), 4, 'estimates 6, 7, 8, 9 are allowed; 10 is not');
    clock.set(11_750); // 25% of the previous window still counts: 8 * 0.25 + 4 = 6
    assert.equal(allowMany(limiter, 'k', 10), 4, 'estimates 6, 7, 8, 9 are allowed; 10 is not');
  });

  it('counts the whole previous window at the exact start of a new window, so a burst at the edge is refused', () => {
    const clock = fakeClock(10_000);
    const limiter = new SlidingWindowCounter({ limit: 5, windowMs: 1000, now: clock.now });
    clock.set(10_999);
    assert.equal(allowMany(limiter, 'k', 5), 5, 'a burst at the end of a window is allowed');
    clock.set(11_000);
    assert.equal(
      limiter.allow('k'),
      false,
      'a fixed-window counter would allow 5 more here; the sliding estimate is still 5',
    );
    clock.set(11_200); // estimate 5 * 0.8 = 4
    assert.equal(allowMany(limiter, 'k', 5), 1, 'with 80% of the previous window left, 1 request fits');
  });

  it('keeps separate state per key', () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowCounter({ limit: 3, windowMs: 1000, now: clock.now });
    assert.equal(allowMany(limiter, 'alice', 5), 3);
    assert.equal(allowMany(limiter, 'bob', 5), 3, "alice's traffic must not use up bob's limit");
  });

  it('both window limiters reject a limit or windowMs that is not valid with a RangeError', () => {
    for (const Limiter of [SlidingWindowLog, SlidingWindowCounter]) {
      for (const limit of [0, -1, 1.5, NaN, '3', undefined]) {
        assert.throws(
          () => new Limiter({ limit, windowMs: 1000 }),
          RangeError,
          `${Limiter.name}: limit ${String(limit)} must throw a RangeError`,
        );
      }
      for (const windowMs of [0, -1, NaN, Infinity, '1000', undefined]) {
        assert.throws(
          () => new Limiter({ limit: 1, windowMs }),
          RangeError,
          `${Limiter.name}: windowMs ${String(windowMs)} must throw a RangeError`,
        );
      }
    }
  });
});
