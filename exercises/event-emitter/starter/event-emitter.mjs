// EventEmitter from scratch. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export class Emitter {
  /** Adds listener for name. Returns this. */
  on(name, listener) {
    throw new Error('not implemented');
  }

  /** Adds listener for name that runs at most once. Returns this. */
  once(name, listener) {
    throw new Error('not implemented');
  }

  /** Removes one registration of listener (also one added with once). Returns this. */
  off(name, listener) {
    throw new Error('not implemented');
  }

  /** Calls the listeners for name with args. Returns true if there were any. */
  emit(name, ...args) {
    throw new Error('not implemented');
  }

  /** How many listeners are registered for name. */
  listenerCount(name) {
    throw new Error('not implemented');
  }
}
