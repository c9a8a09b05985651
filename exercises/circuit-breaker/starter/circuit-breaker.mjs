// A circuit breaker with closed / open / half-open states. Replace each `throw` below.
// See README.md for the exact behaviour the tests expect.
//
// Read the time only through the `now` option and set no timers: the move from open to
// half-open happens lazily, the next time the breaker is called or its state is read.

import { EventEmitter } from 'node:events';

export class CircuitOpenError extends Error {
  /** @param {number} retryAfterMs  how long until the breaker will try the dependency again */
  constructor(retryAfterMs) {
    // TODO: call super('Circuit is open'), set this.name and this.retryAfterMs.
    throw new Error('not implemented');
  }
}

export class CircuitBreaker extends EventEmitter {
  /**
   * @param {(...args: any[]) => any} fn  the protected operation
   * @param {{
   *   failureThreshold?: number, // failures within windowMs that open the circuit (default 5)
   *   windowMs?: number,         // how long a failure counts (default 10_000)
   *   resetTimeoutMs?: number,   // how long the circuit stays open (default 30_000)
   *   halfOpenMax?: number,      // trial calls admitted when half-open (default 1)
   *   now?: () => number,        // the clock, in milliseconds (default Date.now)
   * }} [options]
   */
  constructor(
    fn,
    { failureThreshold = 5, windowMs = 10_000, resetTimeoutMs = 30_000, halfOpenMax = 1, now = Date.now } = {},
  ) {
    super();
    // TODO: validate (TypeError for fn, RangeError for options) and set up the state.
    throw new Error('not implemented');
  }

  /** @returns {'closed' | 'open' | 'half-open'} */
  get state() {
    // TODO: first apply the open -> half-open move if resetTimeoutMs has passed.
    throw new Error('not implemented');
  }

  /** Failures recorded within the last windowMs while closed; 0 in the other states. */
  get failureCount() {
    throw new Error('not implemented');
  }

  /**
   * Calls fn(...args) if the state allows it.
   * @returns {Promise<any>} fn's result; rejects with fn's error or a CircuitOpenError
   */
  async call(...args) {
    // TODO: open -> reject with CircuitOpenError; half-open -> admit up to halfOpenMax trials;
    //       record the outcome only if no state change happened while fn was running.
    throw new Error('not implemented');
  }
}
