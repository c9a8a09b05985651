// Reference solution: an LRU cache with a per-entry time to live.
//
// A Map iterates in insertion order, and deleting then re-inserting a key moves it
// to the end. So the first key is the least recently used and the last key is the
// most recently used, and every operation below is a constant number of Map calls.

export class LRUCache {
  #capacity;
  #ttlMs;
  #now;
  /** key -> { value, expiresAt }, least recently used first */
  #entries = new Map();

  constructor({ capacity, ttlMs = Infinity, now = Date.now } = {}) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be an integer >= 1, got ${String(capacity)}`);
    }
    if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
      throw new RangeError(`ttlMs must be a number > 0, got ${String(ttlMs)}`);
    }
    if (typeof now !== 'function') {
      throw new TypeError('now must be a function that returns milliseconds');
    }
    this.#capacity = capacity;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Returns the live entry for key, or undefined. Drops the entry if it has expired. */
  #live(key) {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #purgeExpired() {
    const t = this.#now();
    for (const [key, entry] of this.#entries) {
      if (t >= entry.expiresAt) this.#entries.delete(key);
    }
  }

  get(key) {
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    // Move to the most recently used end. The expiry time is kept as it is.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key, value) {
    const entry = { value, expiresAt: this.#now() + this.#ttlMs };
    if (this.#entries.has(key)) {
      this.#entries.delete(key);
    } else if (this.#entries.size >= this.#capacity) {
      // The first key in iteration order is the least recently used one.
      const oldest = this.#entries.keys().next().value;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, entry);
    return this;
  }

  has(key) {
    return this.#live(key) !== undefined;
  }

  delete(key) {
    const wasLive = this.#live(key) !== undefined;
    this.#entries.delete(key);
    return wasLive;
  }

  get size() {
    this.#purgeExpired();
    return this.#entries.size;
  }

  keys() {
    this.#purgeExpired();
    return [...this.#entries.keys()].reverse();
  }
}
