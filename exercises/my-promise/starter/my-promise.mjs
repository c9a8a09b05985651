// A Promises/A+ style promise, built from scratch. Replace every `throw` below.
// See README.md for the exact behaviour the tests expect.
//
// Plan: a state ('pending' | 'fulfilled' | 'rejected'), a value, and a list of reactions
// waiting for the promise to settle. Run every callback with queueMicrotask.

export class MyPromise {
  /**
   * @param {(resolve: (value?: unknown) => void, reject: (reason?: unknown) => void) => void} executor
   */
  constructor(executor) {
    // TODO: TypeError for a non-function executor; call it synchronously with a resolve
    // and a reject function that share an "already resolved" flag; a throw rejects.
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} a new promise for what the matching callback returns */
  then(onFulfilled, onRejected) {
    // TODO: register a reaction (or schedule it, if already settled) and return a new MyPromise.
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} */
  catch(onRejected) {
    // TODO: one line, on top of then.
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} settles like this promise, after onFinally (and what it returns) */
  finally(onFinally) {
    // TODO: run onFinally() with no arguments; keep the outcome unless onFinally fails.
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} value itself if it is a MyPromise, else a promise resolved with it */
  static resolve(value) {
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} a promise rejected with reason */
  static reject(reason) {
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} the values in input order, or the first rejection */
  static all(iterable) {
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} settles like the first input to settle */
  static race(iterable) {
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} an array of { status, value } / { status, reason } objects */
  static allSettled(iterable) {
    throw new Error('not implemented');
  }

  /** @returns {MyPromise} the first fulfilment, or an AggregateError of all reasons */
  static any(iterable) {
    throw new Error('not implemented');
  }
}
