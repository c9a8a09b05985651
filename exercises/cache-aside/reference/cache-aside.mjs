// Reference solution: a cache-aside repository with negative caching, single-flight
// loads and invalidation after writes.
//
// The cache holds { value, expiresAt } entries. Loads in progress live in a separate
// Map of promises (`inflight`), so every caller that misses while a load is running
// waits on that one promise instead of starting its own. A load writes its result to
// the cache only if it is still the registered load for its key: invalidate() removes
// the registration, so a load that started before a write can never put the old value
// back into the cache.

export function createCachedRepo({
  load,
  save,
  cache = new Map(),
  ttlMs,
  negativeTtlMs = ttlMs,
  now = Date.now,
} = {}) {
  if (typeof load !== 'function') {
    throw new TypeError('load must be a function');
  }
  if (save !== undefined && typeof save !== 'function') {
    throw new TypeError('save must be a function when given');
  }
  if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
    throw new RangeError(`ttlMs must be a number > 0, got ${String(ttlMs)}`);
  }
  if (typeof negativeTtlMs !== 'number' || !(negativeTtlMs >= 0)) {
    throw new RangeError(`negativeTtlMs must be a number >= 0, got ${String(negativeTtlMs)}`);
  }

  const counters = { hits: 0, misses: 0, stale: 0, loads: 0 };
  /** key -> the promise of the load currently running for that key */
  const inflight = new Map();

  function startLoad(key) {
    counters.loads++;
    let result;
    try {
      result = Promise.resolve(load(key));
    } catch (error) {
      // A load that throws synchronously fails exactly like one that rejects.
      result = Promise.reject(error);
    }
    const flight = result.then(
      (value) => {
        // Only the registered load may fill the cache. If the key was invalidated
        // meanwhile, the value may be older than the last write: return it to the
        // callers who asked before the write, but do not cache it.
        if (inflight.get(key) === flight) {
          inflight.delete(key);
          const ttl = value === undefined ? negativeTtlMs : ttlMs;
          if (ttl > 0) cache.set(key, { value, expiresAt: now() + ttl });
        }
        return value;
      },
      (error) => {
        // Failures are never cached: the next get tries the source again.
        if (inflight.get(key) === flight) inflight.delete(key);
        throw error;
      },
    );
    inflight.set(key, flight);
    return flight;
  }

  function invalidate(key) {
    // Detach any running load (it will not write) and drop the cached entry.
    inflight.delete(key);
    cache.delete(key);
  }

  return {
    async get(key) {
      const entry = cache.get(key);
      if (entry !== undefined) {
        if (now() < entry.expiresAt) {
          counters.hits++;
          return entry.value;
        }
        counters.stale++;
        cache.delete(key); // never serve an expired value, even if the reload fails
      } else {
        counters.misses++;
      }
      // Single flight: join the running load for this key, or start one.
      return inflight.get(key) ?? startLoad(key);
    },

    async update(key, value) {
      if (save === undefined) {
        throw new TypeError('update() needs a save function');
      }
      // Write to the source of truth first. If that fails, the cache is untouched.
      await save(key, value);
      // Then delete rather than overwrite: the next read loads whatever the source
      // now holds, so two racing updates cannot leave the older value cached.
      invalidate(key);
    },

    invalidate,

    stats() {
      return { ...counters };
    },
  };
}
