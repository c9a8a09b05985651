// Reference solution: run promise-returning tasks with at most `limit` in flight.
//
// This is a sliding window, not batching: each time a task settles, the next one
// starts right away, so a single slow task never holds up the others.

export async function pool(tasks, limit, { signal } = {}) {
  if (!Number.isInteger(limit) || limit < 1) {
    // Thrown inside an async function, so the caller sees a rejected promise.
    throw new RangeError(`limit must be an integer >= 1, got ${String(limit)}`);
  }
  signal?.throwIfAborted();

  const results = new Array(tasks.length);
  if (tasks.length === 0) return results;

  return new Promise((resolve, reject) => {
    let nextIndex = 0;
    let running = 0;
    let completed = 0;
    let settled = false;

    const finish = (settle, value) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      settle(value);
    };
    const onAbort = () => finish(reject, signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const onFulfilled = (index, value) => {
      running--;
      results[index] = value;
      completed++;
      if (completed === tasks.length) finish(resolve, results);
      else launch();
    };
    // Every task promise gets this handler, even after the pool has settled, so a
    // late failure is handled here and never becomes an unhandled rejection.
    const onRejected = (error) => {
      running--;
      finish(reject, error);
    };

    const launch = () => {
      while (!settled && running < limit && nextIndex < tasks.length) {
        const index = nextIndex++;
        running++;
        let promise;
        try {
          // Promise.resolve also accepts a task that returns a plain value.
          promise = Promise.resolve(tasks[index]());
        } catch (error) {
          promise = Promise.reject(error);
        }
        promise.then((value) => onFulfilled(index, value), onRejected);
      }
    };

    launch();
  });
}
