// Reference solution: stock reservations that cannot oversell.
//
// The on-hand count of each SKU lives in an async store (think: a database row). Every
// operation that reads or writes a SKU's numbers runs under a per-SKU lock, so each
// read-check-write sequence finishes before the next one on that SKU starts, even though
// it awaits the store in the middle. Reservations themselves live in memory, keyed by
// orderId, and expire lazily: an expired reservation is ignored from the moment it
// expires, and forgotten the next time its SKU's holdings are counted.

export class InventoryError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'InventoryError';
    this.code = code;
  }
}

export class Inventory {
  #store;
  #ttlMs;
  #now;
  /** orderId -> { orderId, sku, qty, expiresAt, status: 'active' | 'committed' } */
  #orders = new Map();
  /** sku -> the tail of that SKU's lock queue (a promise) */
  #locks = new Map();

  constructor({ store, ttlMs = 15 * 60_000, now = Date.now } = {}) {
    if (typeof store?.get !== 'function' || typeof store?.set !== 'function') {
      throw new TypeError('store must have get(sku) and set(sku, onHand) methods');
    }
    if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
      throw new RangeError(`ttlMs must be a number > 0, got ${String(ttlMs)}`);
    }
    this.#store = store;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Runs fn() once every earlier operation on `sku` has finished. */
  async #withLock(sku, fn) {
    const previous = this.#locks.get(sku) ?? Promise.resolve();
    let release;
    const mine = new Promise((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#locks.set(sku, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#locks.get(sku) === tail) this.#locks.delete(sku);
    }
  }

  #isExpired(record) {
    return record.status === 'active' && this.#now() >= record.expiresAt;
  }

  /** The order's reservation if it is committed, or active and not expired. */
  #current(orderId) {
    const record = this.#orders.get(orderId);
    if (record === undefined || this.#isExpired(record)) return undefined;
    return record;
  }

  /**
   * Units of `sku` held by live, uncommitted reservations. Called under the SKU's lock,
   * so it is also the safe place to forget that SKU's expired reservations.
   */
  #held(sku) {
    let held = 0;
    for (const [orderId, record] of this.#orders) {
      if (record.sku !== sku || record.status !== 'active') continue;
      if (this.#isExpired(record)) this.#orders.delete(orderId);
      else held += record.qty;
    }
    return held;
  }

  async #onHand(sku) {
    const onHand = await this.#store.get(sku);
    if (onHand === undefined) throw new InventoryError('UNKNOWN_SKU', `unknown SKU: ${String(sku)}`);
    return onHand;
  }

  async reserve(sku, qty, orderId) {
    if (!Number.isInteger(qty) || qty < 1) {
      throw new InventoryError('INVALID_QTY', `qty must be an integer >= 1, got ${String(qty)}`);
    }
    return this.#withLock(sku, async () => {
      const existing = this.#current(orderId);
      if (existing !== undefined) {
        // Idempotent retry: the same request gets the same answer and holds nothing more.
        if (existing.sku === sku && existing.qty === qty) return { ...existing };
        throw new InventoryError(
          'ORDER_CONFLICT',
          `order ${String(orderId)} already holds ${existing.qty} x ${existing.sku}`,
        );
      }
      // Read the store and decide under the lock: nothing else touches this SKU meanwhile.
      const available = (await this.#onHand(sku)) - this.#held(sku);
      if (available < qty) {
        throw new InventoryError('INSUFFICIENT_STOCK', `only ${available} of ${String(sku)} available`);
      }
      const record = { orderId, sku, qty, expiresAt: this.#now() + this.#ttlMs, status: 'active' };
      this.#orders.set(orderId, record);
      return { ...record };
    });
  }

  async available(sku) {
    return this.#withLock(sku, async () => (await this.#onHand(sku)) - this.#held(sku));
  }

  async release(orderId) {
    const record = this.#current(orderId);
    if (record?.status !== 'active') return false;
    return this.#withLock(record.sku, async () => {
      // Check again: a commit or release queued before us may have changed it.
      if (this.#current(orderId) !== record || record.status !== 'active') return false;
      this.#orders.delete(orderId);
      return true;
    });
  }

  async commit(orderId) {
    const record = this.#current(orderId);
    if (record === undefined) {
      throw new InventoryError('NO_RESERVATION', `no active reservation for order ${String(orderId)}`);
    }
    return this.#withLock(record.sku, async () => {
      if (this.#current(orderId) !== record) {
        throw new InventoryError('NO_RESERVATION', `no active reservation for order ${String(orderId)}`);
      }
      // Committing twice (a retried request, a duplicate webhook) is a no-op.
      if (record.status === 'committed') return { ...record };
      const onHand = await this.#onHand(record.sku);
      await this.#store.set(record.sku, onHand - record.qty);
      record.status = 'committed';
      return { ...record };
    });
  }
}
