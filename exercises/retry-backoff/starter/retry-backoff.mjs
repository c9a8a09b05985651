// Retry an async operation with capped exponential backoff and jitter.
// Replace the `throw` below. See README.md for the exact behaviour the tests expect.

import { setTimeout as delay } from 'node:timers/promises';

// The default sleep: resolves after ms milliseconds (rejects early if the signal aborts).
const defaultSleep = (ms, { signal } = {}) => delay(ms, undefined, { signal });

/**
 * @template T
 * @param {(context: { attempt: number, signal?: AbortSignal }) => Promise<T> | T} fn
 * @param {{
 *   retries?: number,        // retries after the first attempt, integer >= 0 (default 3)
 *   baseMs?: number,         // delay before the first retry, before jitter (default 100)
 *   maxMs?: number,          // cap on any single delay (default 10_000)
 *   jitter?: 'full' | 'none',                               // default 'full'
 *   isRetryable?: (error: unknown, attempt: number) => boolean, // default: always true
 *   signal?: AbortSignal,
 *   sleep?: (ms: number, options: { signal?: AbortSignal }) => Promise<void>,
 *   random?: () => number,   // returns a number in [0, 1) (default Math.random)
 * }} [options]
 * @returns {Promise<T>}
 */
export async function retry(
  fn,
  {
    retries = 3,
    baseMs = 100,
    maxMs = 10_000,
    jitter = 'full',
    isRetryable = () => true,
    signal,
    sleep = defaultSleep,
    random = Math.random,
  } = {},
) {
  // TODO: validate the arguments (TypeError for fn, RangeError for the options).
  // TODO: loop: check the signal, call fn({ attempt, signal }), return on success.
  // TODO: on failure decide: give up (set error.attempts, rethrow) or compute the delay
  //       (retryAfterMs hint, else capped exponential with jitter) and sleep, racing
  //       the sleep against the signal.
  throw new Error('not implemented');
}
