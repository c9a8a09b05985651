// Three rate limiters with an injected clock. Replace each `throw` below.
// See README.md for the exact behaviour the tests expect.
//
// Use the `now` option for every reading of the time (never Date.now() directly),
// and set no timers: bring the state up to date when a request arrives.

export class TokenBucket {
  /**
   * @param {{ capacity: number, refillPerSec: number, now?: () => number }} options
   *   capacity: integer >= 1; refillPerSec: finite number > 0; now: milliseconds
   */
  constructor({ capacity, refillPerSec, now = Date.now } = {}) {
    // TODO: validate (RangeError), store the options, start with a full bucket.
    throw new Error('not implemented');
  }

  /** The tokens available right now (after refilling), possibly fractional. */
  get tokens() {
    // TODO: refill for the time elapsed since the last refill, capped at capacity.
    throw new Error('not implemented');
  }

  /**
   * Takes n tokens if at least n are available.
   * @param {number} [n=1] an integer >= 1
   * @returns {boolean} true if the tokens were taken, false (taking none) otherwise
   */
  tryRemove(n = 1) {
    // TODO: validate n (RangeError), refill, then all-or-nothing removal.
    throw new Error('not implemented');
  }
}

export class SlidingWindowLog {
  /**
   * @param {{ limit: number, windowMs: number, now?: () => number }} options
   *   limit: integer >= 1; windowMs: finite number > 0
   */
  constructor({ limit, windowMs, now = Date.now } = {}) {
    // TODO: validate (RangeError) and store; keep one log of timestamps per key.
    throw new Error('not implemented');
  }

  /**
   * @param {unknown} key  a client identity (IP, user id, API key)
   * @returns {boolean} whether this request is allowed; only allowed ones are recorded
   */
  allow(key) {
    // TODO: drop timestamps that have left the window, then compare with limit.
    throw new Error('not implemented');
  }
}

export class SlidingWindowCounter {
  /**
   * @param {{ limit: number, windowMs: number, now?: () => number }} options
   *   limit: integer >= 1; windowMs: finite number > 0
   */
  constructor({ limit, windowMs, now = Date.now } = {}) {
    // TODO: validate (RangeError) and store; keep { start, current, previous } per key.
    throw new Error('not implemented');
  }

  /**
   * @param {unknown} key
   * @returns {boolean} whether this request is allowed; only allowed ones are counted
   */
  allow(key) {
    // TODO: roll the fixed windows forward, weight the previous count, compare with limit.
    throw new Error('not implemented');
  }
}
