// A cache-aside repository. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

/**
 * @param {object} options
 * @param {(key: any) => Promise<any>} options.load  reads one record from the source of
 *   truth; resolves to undefined when the record does not exist
 * @param {(key: any, value: any) => Promise<void>} [options.save]  writes one record
 * @param {{ get(key: any): any, set(key: any, entry: any): any, delete(key: any): any }} [options.cache=new Map()]
 * @param {number} options.ttlMs  how long a found value stays cached, > 0
 * @param {number} [options.negativeTtlMs=ttlMs]  how long a "not found" stays cached, >= 0 (0 = never)
 * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
 */
export function createCachedRepo({
  load,
  save,
  cache = new Map(),
  ttlMs,
  negativeTtlMs = ttlMs,
  now = Date.now,
} = {}) {
  // TODO: validate the options (TypeError for functions, RangeError for the TTLs).
  // TODO: keep hit/miss/stale/load counters and a Map of loads in progress.
  throw new Error('not implemented');

  // The object to return has this shape:
  // return {
  //   async get(key) {},          // cached value, or the result of one shared load
  //   async update(key, value) {}, // save, then invalidate
  //   invalidate(key) {},         // drop the entry and forget any load in progress
  //   stats() {},                 // { hits, misses, stale, loads }, a copy
  // };
}
