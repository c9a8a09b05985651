// A shard router with logical buckets and scatter-gather queries.
// Replace every `throw new Error('not implemented')`. See README.md for the exact
// behaviour the tests expect.

/** FNV-1a, 32 bits, over the UTF-8 bytes of str. Returns an unsigned integer. */
export function fnv1a(str) {
  // TODO: offset basis 0x811c9dc5, prime 0x01000193; use Math.imul and >>> 0.
  throw new Error('not implemented');
}

export class ShardRouter {
  /**
   * @param {object} options
   * @param {Record<string, any>} options.shards  shard id -> shard (client, pool...)
   * @param {number} [options.bucketCount=64]  the fixed number of logical buckets
   */
  constructor({ shards, bucketCount = 64 } = {}) {
    throw new Error('not implemented');
  }

  /** fnv1a(String(key)) % bucketCount */
  bucketOf(key) {
    throw new Error('not implemented');
  }

  /** { bucket, shardId, shard } for the shard that owns the key's bucket. */
  route(key) {
    throw new Error('not implemented');
  }

  /** A copy of the table: index = bucket, value = shard id. */
  table() {
    throw new Error('not implemented');
  }

  /** The buckets a shard owns, ascending. */
  bucketsOf(shardId) {
    throw new Error('not implemented');
  }

  /** Registers a new shard that owns no buckets yet. */
  addShard(id, shard) {
    throw new Error('not implemented');
  }

  /** Removes a shard that owns no buckets. */
  removeShard(id) {
    throw new Error('not implemented');
  }

  /** Gives `bucket` to `toShardId`; returns the previous owner. */
  moveBucket(bucket, toShardId) {
    throw new Error('not implemented');
  }

  /** Asks every shard at once; resolves to { results, failed }. */
  async queryAll(fn, { compare, limit = Infinity, timeoutMs = Infinity } = {}) {
    throw new Error('not implemented');
  }
}
