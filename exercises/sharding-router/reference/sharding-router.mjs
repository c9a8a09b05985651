// Reference solution: a shard router with logical buckets and scatter-gather queries.
//
// Keys hash to one of a FIXED number of buckets; a table says which physical shard owns
// each bucket. Rebalancing edits the table one bucket at a time, so only the keys of the
// moved bucket change shard. (With `hash % shardCount`, adding a shard would move most keys.)

const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of str. Returns an unsigned integer. */
export function fnv1a(str) {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(str)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193); // multiply modulo 2^32
  }
  return hash >>> 0;
}

export class ShardRouter {
  #bucketCount;
  /** bucket number -> shard id */
  #table;
  /** shard id -> shard object, in registration order */
  #shards = new Map();

  constructor({ shards, bucketCount = 64 } = {}) {
    if (!Number.isInteger(bucketCount) || bucketCount < 1) {
      throw new RangeError(`bucketCount must be an integer >= 1, got ${String(bucketCount)}`);
    }
    const entries = Object.entries(shards ?? {});
    if (entries.length === 0) throw new RangeError('at least one shard is required');
    for (const [id, shard] of entries) this.#shards.set(id, shard);
    this.#bucketCount = bucketCount;
    // Round-robin start: bucket b belongs to the (b mod n)-th shard.
    this.#table = Array.from({ length: bucketCount }, (_, b) => entries[b % entries.length][0]);
  }

  #knownShard(id) {
    if (!this.#shards.has(id)) throw new Error(`unknown shard: ${String(id)}`);
  }

  bucketOf(key) {
    return fnv1a(String(key)) % this.#bucketCount;
  }

  route(key) {
    const bucket = this.bucketOf(key);
    const shardId = this.#table[bucket];
    return { bucket, shardId, shard: this.#shards.get(shardId) };
  }

  table() {
    return [...this.#table];
  }

  bucketsOf(shardId) {
    this.#knownShard(shardId);
    const owned = [];
    this.#table.forEach((id, bucket) => {
      if (id === shardId) owned.push(bucket);
    });
    return owned;
  }

  addShard(id, shard) {
    if (this.#shards.has(id)) throw new Error(`shard already exists: ${String(id)}`);
    this.#shards.set(id, shard);
  }

  removeShard(id) {
    this.#knownShard(id);
    const owned = this.bucketsOf(id);
    if (owned.length > 0) {
      throw new Error(`shard ${id} still owns ${owned.length} bucket(s); move them first`);
    }
    this.#shards.delete(id);
  }

  moveBucket(bucket, toShardId) {
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= this.#bucketCount) {
      throw new RangeError(`bucket must be an integer in [0, ${this.#bucketCount}), got ${String(bucket)}`);
    }
    this.#knownShard(toShardId);
    const previous = this.#table[bucket];
    this.#table[bucket] = toShardId;
    return previous;
  }

  async queryAll(fn, { compare, limit = Infinity, timeoutMs = Infinity } = {}) {
    if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 0)) {
      throw new RangeError(`limit must be an integer >= 0 or Infinity, got ${String(limit)}`);
    }
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
      throw new RangeError(`timeoutMs must be a number > 0, got ${String(timeoutMs)}`);
    }
    // Scatter: ask every shard at once. Gather: wait for every answer or failure.
    const answers = await Promise.all(
      [...this.#shards].map(([shardId, shard]) => askShard(fn, shard, shardId, timeoutMs)),
    );
    const results = [];
    const failed = [];
    for (const answer of answers) {
      if (answer.ok) results.push(...answer.rows);
      else failed.push({ shardId: answer.shardId, error: answer.error });
    }
    if (compare) results.sort(compare); // Array#sort is stable
    return { results: results.slice(0, limit), failed };
  }
}

/** Asks one shard. Never rejects: resolves to { ok, shardId, rows } or { ok, shardId, error }. */
function askShard(fn, shard, shardId, timeoutMs) {
  let call;
  try {
    call = Promise.resolve(fn(shard, shardId));
  } catch (error) {
    call = Promise.reject(error);
  }
  let timer;
  if (timeoutMs !== Infinity) {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`shard ${shardId} did not answer within ${timeoutMs} ms`);
        error.name = 'TimeoutError';
        reject(error);
      }, timeoutMs);
    });
    // race() also handles a late rejection of `call`, so it never goes unhandled.
    call = Promise.race([call, timeout]);
  }
  return call
    .then((rows) => {
      if (!Array.isArray(rows)) throw new TypeError(`shard ${shardId} answered with a non-array`);
      return { ok: true, shardId, rows };
    })
    .catch((error) => ({ ok: false, shardId, error }))
    .finally(() => clearTimeout(timer)); // a slow timer must not keep the process alive
}
