// Reference solution: a consistent-hash ring with virtual nodes.
//
// Every node is placed on a ring of 2^32 positions many times (its virtual nodes). A key
// belongs to the first point at or after the key's own position, wrapping around at the
// end. Adding or removing a node only changes ownership of the arcs next to that node's
// points, so only about 1/N of the keys move.

import { createHash } from 'node:crypto';

/** The first 4 bytes of the SHA-1 digest of str (UTF-8), as an unsigned big-endian integer. */
export function hash32(str) {
  return createHash('sha1').update(str, 'utf8').digest().readUInt32BE(0);
}

export class HashRing {
  #vnodes;
  #hash;
  /** node ids in the order they were added */
  #nodes = new Set();
  /** ring points sorted by position (ties: by node id), each { position, node } */
  #points = [];

  constructor({ vnodes = 100, hash = hash32 } = {}) {
    if (!Number.isInteger(vnodes) || vnodes < 1) {
      throw new RangeError(`vnodes must be an integer >= 1, got ${String(vnodes)}`);
    }
    if (typeof hash !== 'function') throw new TypeError('hash must be a function');
    this.#vnodes = vnodes;
    this.#hash = hash;
  }

  static #checkId(id) {
    if (typeof id !== 'string' || id === '') {
      throw new TypeError(`node id must be a non-empty string, got ${String(id)}`);
    }
  }

  addNode(id) {
    HashRing.#checkId(id);
    if (this.#nodes.has(id)) return false;
    this.#nodes.add(id);
    for (let i = 0; i < this.#vnodes; i++) {
      this.#points.push({ position: this.#hash(`${id}#${i}`), node: id });
    }
    // Sorting by (position, node id) makes the ring independent of insertion order,
    // even in the rare case of two points on the same position.
    this.#points.sort((a, b) => a.position - b.position || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
    return true;
  }

  removeNode(id) {
    if (!this.#nodes.delete(id)) return false;
    this.#points = this.#points.filter((point) => point.node !== id);
    return true;
  }

  nodes() {
    return [...this.#nodes];
  }

  /** Index of the first point with position >= h, or 0 past the end (the wrap-around). */
  #firstPointAtOrAfter(h) {
    let lo = 0;
    let hi = this.#points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#points[mid].position < h) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.#points.length ? 0 : lo;
  }

  getNode(key) {
    if (this.#points.length === 0) return undefined;
    return this.#points[this.#firstPointAtOrAfter(this.#hash(String(key)))].node;
  }

  getNodes(key, count) {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`count must be an integer >= 0, got ${String(count)}`);
    }
    const wanted = Math.min(count, this.#nodes.size);
    const found = [];
    if (wanted === 0) return found;
    // Walk clockwise, skipping further points of nodes already chosen.
    const start = this.#firstPointAtOrAfter(this.#hash(String(key)));
    for (let i = 0; found.length < wanted; i++) {
      const { node } = this.#points[(start + i) % this.#points.length];
      if (!found.includes(node)) found.push(node);
    }
    return found;
  }
}
