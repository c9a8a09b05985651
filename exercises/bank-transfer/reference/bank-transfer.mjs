// Reference solution: an in-memory ledger with snapshot transactions and
// all-or-nothing transfers serialised by per-account locks.
//
// Copy-on-write: the committed balances live in a Map that is never modified after it
// is published. commit() builds a new Map (a copy plus the transaction's writes) and
// swaps it in. So begin() can take a snapshot in O(1) by keeping a reference to the
// current Map, and nothing a later commit does can change what that snapshot sees.

export class LedgerError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
  }
}

const isBalance = (n) => Number.isInteger(n) && n >= 0;

class Transaction {
  #snapshot;
  #publish;
  #writes = new Map();
  #open = true;

  /**
   * @param {Map<string, number>} snapshot  the committed state when the transaction began
   * @param {(writes: Map<string, number>) => void} publish  applies writes to the ledger
   */
  constructor(snapshot, publish) {
    this.#snapshot = snapshot;
    this.#publish = publish;
  }

  #ensureOpen() {
    if (!this.#open) throw new LedgerError('TX_CLOSED', 'transaction is already committed or rolled back');
  }

  #ensureAccount(id) {
    if (!this.#snapshot.has(id)) throw new LedgerError('UNKNOWN_ACCOUNT', `unknown account: ${String(id)}`);
  }

  get(id) {
    this.#ensureOpen();
    this.#ensureAccount(id);
    // Our own writes win over the snapshot.
    return this.#writes.has(id) ? this.#writes.get(id) : this.#snapshot.get(id);
  }

  set(id, balance) {
    this.#ensureOpen();
    this.#ensureAccount(id);
    if (!isBalance(balance)) throw new RangeError(`balance must be an integer >= 0, got ${String(balance)}`);
    this.#writes.set(id, balance);
  }

  commit() {
    this.#ensureOpen();
    this.#open = false;
    this.#publish(this.#writes);
  }

  rollback() {
    this.#ensureOpen();
    this.#open = false;
    this.#writes.clear();
  }
}

export class Ledger {
  /** The committed balances: id -> integer. Replaced on commit, never mutated. */
  #state;
  /** id -> the tail of that account's lock queue (a promise) */
  #locks = new Map();
  #midTransfer;

  constructor(balances, { midTransfer = async () => {} } = {}) {
    const state = new Map();
    for (const [id, balance] of Object.entries(balances ?? {})) {
      if (!isBalance(balance)) {
        throw new RangeError(`balance of ${id} must be an integer >= 0, got ${String(balance)}`);
      }
      state.set(id, balance);
    }
    this.#state = state;
    this.#midTransfer = midTransfer;
  }

  balance(id) {
    if (!this.#state.has(id)) throw new LedgerError('UNKNOWN_ACCOUNT', `unknown account: ${String(id)}`);
    return this.#state.get(id);
  }

  total() {
    let sum = 0;
    for (const balance of this.#state.values()) sum += balance;
    return sum;
  }

  begin() {
    return new Transaction(this.#state, (writes) => this.#publish(writes));
  }

  /** Publishes a new committed state: a copy of the current one with the writes applied. */
  #publish(writes) {
    if (writes.size === 0) return;
    const next = new Map(this.#state);
    for (const [id, balance] of writes) next.set(id, balance);
    this.#state = next;
  }

  /** Waits for the lock on one account; resolves to a function that releases it. */
  async #lock(id) {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    let release;
    const mine = new Promise((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#locks.set(id, tail);
    await previous;
    return () => {
      release();
      // Forget the queue when nobody queued behind us, so the Map does not grow forever.
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    };
  }

  async transfer(from, to, amount) {
    if (!Number.isInteger(amount) || amount <= 0) {
      throw new LedgerError('INVALID_AMOUNT', `amount must be an integer > 0, got ${String(amount)}`);
    }
    if (from === to) throw new LedgerError('SAME_ACCOUNT', 'cannot transfer to the same account');
    for (const id of [from, to]) {
      if (!this.#state.has(id)) throw new LedgerError('UNKNOWN_ACCOUNT', `unknown account: ${String(id)}`);
    }

    // Every transfer takes its two locks in the same global order (ascending id), so
    // two transfers can never each hold one lock while waiting for the other.
    const releases = [];
    try {
      for (const id of [from, to].sort()) releases.push(await this.#lock(id));

      const tx = this.begin(); // after the locks: the snapshot is the latest state
      try {
        const available = tx.get(from);
        if (available < amount) {
          throw new LedgerError('INSUFFICIENT_FUNDS', `${from} has ${available}, needs ${amount}`);
        }
        tx.set(from, available - amount);
        await this.#midTransfer(from, to, amount);
        tx.set(to, tx.get(to) + amount);
        tx.commit();
      } catch (error) {
        tx.rollback();
        throw error;
      }
    } finally {
      for (const release of releases.reverse()) release();
    }
  }
}
