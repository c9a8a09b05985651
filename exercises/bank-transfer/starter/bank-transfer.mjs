// An in-memory ledger with transactions and safe concurrent transfers.
// Replace every `throw new Error('not implemented')`. See README.md for the exact
// behaviour the tests expect.

export class LedgerError extends Error {
  /**
   * @param {'UNKNOWN_ACCOUNT' | 'INVALID_AMOUNT' | 'SAME_ACCOUNT' | 'INSUFFICIENT_FUNDS' | 'TX_CLOSED'} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
  }
}

// TODO: a transaction class. begin() returns one; it needs get, set, commit and rollback.
// It reads from a snapshot (the committed state when it began) plus its own writes.

export class Ledger {
  /**
   * @param {Record<string, number>} balances  account id -> integer balance >= 0
   * @param {{ midTransfer?: (from: string, to: string, amount: number) => Promise<void> }} [options]
   */
  constructor(balances, { midTransfer = async () => {} } = {}) {
    throw new Error('not implemented');
  }

  /** The committed balance of `id`. Throws LedgerError UNKNOWN_ACCOUNT. */
  balance(id) {
    throw new Error('not implemented');
  }

  /** The sum of all committed balances. */
  total() {
    throw new Error('not implemented');
  }

  /** Starts a transaction over a copy-on-write snapshot of the committed state. */
  begin() {
    throw new Error('not implemented');
  }

  /**
   * Moves `amount` from `from` to `to`, all or nothing.
   * TODO: validate; lock both accounts in id order; begin; check funds; debit;
   * await midTransfer; credit; commit (roll back on any error); always release the locks.
   */
  async transfer(from, to, amount) {
    throw new Error('not implemented');
  }
}
