// Reference solution: retry an async operation with capped exponential backoff.
//
// Everything that touches time or chance (sleep, random) is injected, so the tests
// run instantly and deterministically. The defaults are the real thing.

import { setTimeout as delay } from 'node:timers/promises';

const defaultSleep = (ms, { signal } = {}) => delay(ms, undefined, { signal });

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
  // Validation happens inside an async function, so it becomes a rejected promise.
  if (typeof fn !== 'function') throw new TypeError('fn must be a function');
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RangeError(`retries must be an integer >= 0, got ${String(retries)}`);
  }
  for (const [name, value] of [['baseMs', baseMs], ['maxMs', maxMs]]) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be a finite number >= 0, got ${String(value)}`);
    }
  }
  if (jitter !== 'full' && jitter !== 'none') {
    throw new RangeError(`jitter must be 'full' or 'none', got ${String(jitter)}`);
  }

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn({ attempt, signal });
    } catch (error) {
      // A failure after an abort is most likely caused by the abort: report the reason.
      signal?.throwIfAborted();

      let wait;
      let giveUp = attempt > retries || !isRetryable(error, attempt);
      if (!giveUp) {
        const hint = error?.retryAfterMs;
        if (typeof hint === 'number' && Number.isFinite(hint) && hint >= 0) {
          // The server said when to come back. Waiting longer than maxMs is not
          // allowed and retrying sooner is pointless, so a hint above maxMs ends it.
          if (hint > maxMs) giveUp = true;
          else wait = hint;
        } else {
          // Capped exponential backoff: baseMs, 2 * baseMs, 4 * baseMs, ... <= maxMs.
          const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
          // Full jitter spreads clients uniformly over [0, ceiling), so a crowd of
          // clients that failed together does not retry together.
          wait = jitter === 'full' ? random() * ceiling : ceiling;
        }
      }

      if (giveUp) {
        if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
          error.attempts = attempt;
        }
        throw error;
      }
      await pause(sleep, wait, signal);
    }
  }
}

// Calls sleep(ms, { signal }) but settles as soon as the signal aborts, even if the
// injected sleep ignores the signal. Rejects with signal.reason on abort.
function pause(sleep, ms, signal) {
  if (!signal) return sleep(ms, {});
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(() => sleep(ms, { signal }))
      .then(resolve, (error) => reject(signal.aborted ? signal.reason : error))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
