// Reference solution: a DataLoader-style batcher with a per-loader promise cache.
//
// load() never calls batchFn itself. It records the key in a queue and, for the first
// key of a tick, schedules one dispatch with setImmediate. setImmediate callbacks run
// only after the current synchronous code, every process.nextTick callback and every
// promise callback have finished, so all loads made "in the same tick", including from
// resolved promises, are waiting in the queue when dispatch runs.

export class Loader {
  #batchFn;
  #maxBatchSize;
  /** key -> promise of its value; also what deduplicates repeated loads */
  #cache = new Map();
  /** key -> callers waiting for the next dispatch, or null when nothing is queued */
  #queue = null;

  constructor(batchFn, { maxBatchSize = Infinity } = {}) {
    if (typeof batchFn !== 'function') {
      throw new TypeError('batchFn must be a function that takes an array of keys');
    }
    const validSize = maxBatchSize === Infinity || (Number.isInteger(maxBatchSize) && maxBatchSize >= 1);
    if (!validSize) {
      throw new RangeError(`maxBatchSize must be an integer >= 1 or Infinity, got ${String(maxBatchSize)}`);
    }
    this.#batchFn = batchFn;
    this.#maxBatchSize = maxBatchSize;
  }

  load(key) {
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;

    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#cache.set(key, promise);

    if (this.#queue === null) {
      this.#queue = new Map();
      setImmediate(() => this.#dispatch());
    }
    // A key can be queued twice only if it was cleared and loaded again within the
    // tick; keep one entry per key so batchFn still sees unique keys.
    const waiting = this.#queue.get(key);
    const caller = { resolve, reject, promise };
    if (waiting) waiting.push(caller);
    else this.#queue.set(key, [caller]);
    return promise;
  }

  clear(key) {
    this.#cache.delete(key);
    return this;
  }

  clearAll() {
    this.#cache.clear();
    return this;
  }

  #dispatch() {
    const queue = this.#queue;
    this.#queue = null;
    const keys = [...queue.keys()];
    for (let start = 0; start < keys.length; start += this.#maxBatchSize) {
      const batch = keys.slice(start, start + this.#maxBatchSize);
      // Not awaited: every batch of this tick starts now, in order.
      this.#runBatch(batch, queue);
    }
  }

  async #runBatch(keys, queue) {
    let values;
    try {
      // Inside try, so a synchronous throw is handled like a rejection.
      values = await this.#batchFn(keys);
    } catch (error) {
      for (const key of keys) this.#fail(key, queue.get(key), error);
      return;
    }
    if (!Array.isArray(values) || values.length !== keys.length) {
      const got = Array.isArray(values) ? `an array of length ${values.length}` : typeof values;
      const error = new TypeError(
        `batchFn must return an array with one value per key: expected length ${keys.length}, got ${got}`,
      );
      for (const key of keys) this.#fail(key, queue.get(key), error);
      return;
    }
    keys.forEach((key, i) => {
      const value = values[i];
      if (value instanceof Error) this.#fail(key, queue.get(key), value);
      else for (const caller of queue.get(key)) caller.resolve(value);
    });
  }

  #fail(key, callers, error) {
    for (const caller of callers) {
      // Do not cache failures; but leave a newer promise for this key alone.
      if (this.#cache.get(key) === caller.promise) this.#cache.delete(key);
      caller.reject(error);
    }
  }
}
