// Reference solution: a small synchronous event emitter with Node's semantics.
//
// Each event name maps to an array of registration records. A record remembers the
// original function, so off(name, fn) finds `once` registrations without wrapper tricks.
// A Map (not a plain object) holds the arrays, so names such as 'constructor' or
// '__proto__' and Symbol names behave like any other name.

export class Emitter {
  /** name -> Array<{ listener, once, fired }>, in registration order */
  #events = new Map();

  #add(name, listener, once) {
    if (typeof listener !== 'function') {
      throw new TypeError(`listener must be a function, got ${typeof listener}`);
    }
    const list = this.#events.get(name);
    const record = { listener, once, fired: false };
    if (list) list.push(record);
    else this.#events.set(name, [record]);
    return this;
  }

  #removeRecord(name, record) {
    const list = this.#events.get(name);
    if (!list) return;
    const i = list.indexOf(record);
    if (i === -1) return;
    list.splice(i, 1);
    if (list.length === 0) this.#events.delete(name);
  }

  on(name, listener) {
    return this.#add(name, listener, false);
  }

  once(name, listener) {
    return this.#add(name, listener, true);
  }

  off(name, listener) {
    const list = this.#events.get(name);
    if (!list) return this;
    // Remove one registration: the most recently added one, as Node does.
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].listener === listener) {
        this.#removeRecord(name, list[i]);
        break;
      }
    }
    return this;
  }

  emit(name, ...args) {
    const list = this.#events.get(name);
    if (!list || list.length === 0) {
      if (name === 'error') {
        const [error] = args;
        if (error instanceof Error) throw error;
        throw new Error('Unhandled error.', { cause: error });
      }
      return false;
    }
    // Copy first: listeners added or removed from now on do not change this emit.
    for (const record of [...list]) {
      if (record.once) {
        // A nested emit may already have run this once listener.
        if (record.fired) continue;
        record.fired = true;
        // Remove before calling, so a re-entrant emit cannot call it again.
        this.#removeRecord(name, record);
      }
      record.listener.apply(this, args);
    }
    return true;
  }

  listenerCount(name) {
    return this.#events.get(name)?.length ?? 0;
  }
}
