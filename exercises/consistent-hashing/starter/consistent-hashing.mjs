// A consistent-hash ring with virtual nodes. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import { createHash } from 'node:crypto';

/** The first 4 bytes of SHA-1(str) as an unsigned big-endian integer. */
export function hash32(str) {
  // TODO: createHash('sha1').update(str).digest() gives a Buffer; read its first 4 bytes.
  throw new Error('not implemented');
}

export class HashRing {
  /**
   * @param {{ vnodes?: number, hash?: (s: string) => number }} [options]
   *   vnodes: points per node (default 100); hash: string -> integer in [0, 2^32) (default hash32)
   */
  constructor({ vnodes = 100, hash = hash32 } = {}) {
    // TODO: validate, then keep the node ids and a sorted array of ring points.
    throw new Error('not implemented');
  }

  /** Adds `vnodes` points labelled `${id}#${i}`. Returns false if already present. */
  addNode(id) {
    throw new Error('not implemented');
  }

  /** Removes every point of `id`. Returns false if it was not on the ring. */
  removeNode(id) {
    throw new Error('not implemented');
  }

  /** Node ids in the order they were added. */
  nodes() {
    throw new Error('not implemented');
  }

  /** Owner of `key`: the first point at or after hash(String(key)), wrapping around. */
  getNode(key) {
    throw new Error('not implemented');
  }

  /** Up to `count` distinct nodes walking clockwise from the key, owner first. */
  getNodes(key, count) {
    throw new Error('not implemented');
  }
}
