// LRU cache with TTL. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export class LRUCache {
  /**
   * @param {object} options
   * @param {number} options.capacity  maximum number of entries, an integer >= 1
   * @param {number} [options.ttlMs=Infinity]  how long an entry stays live after `set`
   * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
   */
  constructor({ capacity, ttlMs = Infinity, now = Date.now } = {}) {
    throw new Error('not implemented');
  }

  /** The value for key, or undefined if absent or expired. Marks key as most recently used. */
  get(key) {
    throw new Error('not implemented');
  }

  /** Stores value under key, evicting the least recently used entry if full. Returns this. */
  set(key, value) {
    throw new Error('not implemented');
  }

  /** Whether key holds a live entry. Does not change recency. */
  has(key) {
    throw new Error('not implemented');
  }

  /** Removes key. Returns true if a live entry was removed. */
  delete(key) {
    throw new Error('not implemented');
  }

  /** Number of live entries. */
  get size() {
    throw new Error('not implemented');
  }

  /** Live keys as an array, most recently used first. */
  keys() {
    throw new Error('not implemented');
  }
}
