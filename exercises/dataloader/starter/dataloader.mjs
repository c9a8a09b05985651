// A DataLoader-style batcher. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export class Loader {
  /**
   * @param {(keys: any[]) => Array<any | Error> | Promise<Array<any | Error>>} batchFn
   *   gets unique keys, returns one value (or Error) per key, in the same order
   * @param {{ maxBatchSize?: number }} [options]  most keys per batchFn call (default Infinity)
   */
  constructor(batchFn, { maxBatchSize = Infinity } = {}) {
    // TODO: validate, then keep a cache (key -> promise) and a queue of keys waiting for
    // the next dispatch.
    throw new Error('not implemented');
  }

  /** A promise of the value for key. Batches with every other load of this tick. */
  load(key) {
    throw new Error('not implemented');
  }

  /** Forgets one cached key. Returns this. */
  clear(key) {
    throw new Error('not implemented');
  }

  /** Forgets every cached key. Returns this. */
  clearAll() {
    throw new Error('not implemented');
  }
}
