// Reference solution: a Promises/A+ style promise with the ES static helpers.
//
// The core is small: a state, a value, and a list of waiting reactions. Everything else is
// built on `then`. Two details carry most of the subtlety:
//   - the "resolution procedure" (#resolve): a value with a callable `then` is adopted,
//     not used as the result;
//   - each pair of resolve/reject functions shares one `alreadyResolved` flag, so only the
//     first call counts, even when a thenable misbehaves.

const PENDING = 'pending';
const FULFILLED = 'fulfilled';
const REJECTED = 'rejected';

// Turns any iterable into an array; anything else is a TypeError (like the built-ins).
function toArray(iterable, method) {
  if (iterable == null || typeof iterable[Symbol.iterator] !== 'function') {
    throw new TypeError(`MyPromise.${method} expects an iterable`);
  }
  return [...iterable];
}

export class MyPromise {
  #state = PENDING;
  #value = undefined;
  /** reactions registered while pending; each runs once the promise settles */
  #reactions = [];

  constructor(executor) {
    if (typeof executor !== 'function') {
      throw new TypeError('MyPromise executor must be a function');
    }
    const { resolve, reject } = this.#resolvingFunctions();
    try {
      executor(resolve, reject);
    } catch (error) {
      reject(error); // ignored if resolve or reject was already called
    }
  }

  // A fresh resolve/reject pair; whichever is called first wins, later calls do nothing.
  #resolvingFunctions() {
    let alreadyResolved = false;
    return {
      resolve: (value) => {
        if (alreadyResolved) return;
        alreadyResolved = true;
        this.#resolve(value);
      },
      reject: (reason) => {
        if (alreadyResolved) return;
        alreadyResolved = true;
        this.#settle(REJECTED, reason);
      },
    };
  }

  // The Promise Resolution Procedure (Promises/A+ 2.3).
  #resolve(value) {
    if (value === this) {
      this.#settle(REJECTED, new TypeError('Chaining cycle: a promise cannot resolve to itself'));
      return;
    }
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      let then;
      try {
        then = value.then; // read exactly once: it may be a getter
      } catch (error) {
        this.#settle(REJECTED, error);
        return;
      }
      if (typeof then === 'function') {
        // Adopt the thenable's eventual state. Like native promises, call its `then` in a
        // microtask, so a thenable's code never runs inside our caller's stack.
        const { resolve, reject } = this.#resolvingFunctions();
        queueMicrotask(() => {
          try {
            then.call(value, resolve, reject);
          } catch (error) {
            reject(error); // ignored if the thenable already called resolve or reject
          }
        });
        return;
      }
    }
    this.#settle(FULFILLED, value);
  }

  #settle(state, value) {
    if (this.#state !== PENDING) return;
    this.#state = state;
    this.#value = value;
    const reactions = this.#reactions;
    this.#reactions = [];
    for (const reaction of reactions) this.#runLater(reaction);
  }

  // Runs one reaction in a microtask, once this promise is settled.
  #runLater({ onFulfilled, onRejected, resolve, reject }) {
    queueMicrotask(() => {
      const fulfilled = this.#state === FULFILLED;
      const handler = fulfilled ? onFulfilled : onRejected;
      if (typeof handler !== 'function') {
        // No handler for this outcome: pass the value or reason down the chain.
        (fulfilled ? resolve : reject)(this.#value);
        return;
      }
      try {
        resolve(handler(this.#value));
      } catch (error) {
        reject(error);
      }
    });
  }

  then(onFulfilled, onRejected) {
    return new MyPromise((resolve, reject) => {
      const reaction = { onFulfilled, onRejected, resolve, reject };
      if (this.#state === PENDING) this.#reactions.push(reaction);
      else this.#runLater(reaction);
    });
  }

  catch(onRejected) {
    return this.then(undefined, onRejected);
  }

  finally(onFinally) {
    if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
    return this.then(
      (value) => MyPromise.resolve(onFinally()).then(() => value),
      (reason) =>
        MyPromise.resolve(onFinally()).then(() => {
          throw reason;
        }),
    );
  }

  static resolve(value) {
    if (value instanceof MyPromise) return value;
    return new MyPromise((resolve) => resolve(value));
  }

  static reject(reason) {
    return new MyPromise((_, reject) => reject(reason));
  }

  static all(iterable) {
    return new MyPromise((resolve, reject) => {
      const items = toArray(iterable, 'all'); // a throw here rejects, via the executor
      const values = new Array(items.length);
      let remaining = items.length;
      if (remaining === 0) {
        resolve(values);
        return;
      }
      items.forEach((item, index) => {
        MyPromise.resolve(item).then((value) => {
          values[index] = value;
          remaining -= 1;
          if (remaining === 0) resolve(values);
        }, reject); // the first rejection wins; later calls to reject are ignored
      });
    });
  }

  static race(iterable) {
    return new MyPromise((resolve, reject) => {
      // An empty iterable never settles, exactly like Promise.race([]).
      for (const item of toArray(iterable, 'race')) MyPromise.resolve(item).then(resolve, reject);
    });
  }

  static allSettled(iterable) {
    return new MyPromise((resolve) => {
      const outcomes = toArray(iterable, 'allSettled').map((item) =>
        MyPromise.resolve(item).then(
          (value) => ({ status: 'fulfilled', value }),
          (reason) => ({ status: 'rejected', reason }),
        ),
      );
      // None of these can reject, so `all` waits for every input.
      resolve(MyPromise.all(outcomes));
    });
  }

  static any(iterable) {
    return new MyPromise((resolve, reject) => {
      const items = toArray(iterable, 'any');
      const reasons = new Array(items.length);
      let remaining = items.length;
      const fail = () => reject(new AggregateError(reasons, 'All promises were rejected'));
      if (remaining === 0) {
        fail();
        return;
      }
      items.forEach((item, index) => {
        MyPromise.resolve(item).then(resolve, (reason) => {
          reasons[index] = reason;
          remaining -= 1;
          if (remaining === 0) fail();
        });
      });
    });
  }
}
