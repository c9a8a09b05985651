// Stock reservations that cannot oversell. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export class InventoryError extends Error {
  /**
   * @param {'INVALID_QTY' | 'UNKNOWN_SKU' | 'INSUFFICIENT_STOCK' | 'ORDER_CONFLICT' | 'NO_RESERVATION'} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'InventoryError';
    this.code = code;
  }
}

export class Inventory {
  /**
   * @param {object} options
   * @param {{ get(sku: string): Promise<number | undefined>, set(sku: string, onHand: number): Promise<void> }} options.store
   * @param {number} [options.ttlMs=900000]  how long a reservation holds stock
   * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
   */
  constructor({ store, ttlMs = 15 * 60_000, now = Date.now } = {}) {
    throw new Error('not implemented');
  }

  /** Holds `qty` units of `sku` for `orderId`. Idempotent per orderId. */
  async reserve(sku, qty, orderId) {
    throw new Error('not implemented');
  }

  /** On-hand count minus the units held by live active reservations. */
  async available(sku) {
    throw new Error('not implemented');
  }

  /** Gives the held units back. Resolves to true if an active reservation was released. */
  async release(orderId) {
    throw new Error('not implemented');
  }

  /** Turns the hold into a sale: deducts the units in the store. Idempotent. */
  async commit(orderId) {
    throw new Error('not implemented');
  }
}
