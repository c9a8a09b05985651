import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MyPromise } from './my-promise.mjs';

// Lets every queued microtask run: setImmediate fires only once the microtask queue is empty.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// The state of a MyPromise once all pending microtasks have run, observed through then.
async function stateOf(promise) {
  let state = { state: 'pending' };
  promise.then(
    (value) => {
      state = { state: 'fulfilled', value };
    },
    (reason) => {
      state = { state: 'rejected', reason };
    },
  );
  await flush();
  return state;
}

// A MyPromise plus the functions that settle it, so a test decides when it settles.
function deferred() {
  let resolve;
  let reject;
  const promise = new MyPromise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const fulfilled = (value) => ({ state: 'fulfilled', value });
const rejected = (reason) => ({ state: 'rejected', reason });
const pending = { state: 'pending' };

describe('MyPromise', () => {
  describe('constructor', () => {
    it('runs the executor synchronously and rejects a non-function executor with a TypeError', async () => {
      const log = [];
      const p = new MyPromise((resolve) => {
        log.push('executor');
        resolve('v');
      });
      log.push('after new');
      assert.deepEqual(log, ['executor', 'after new'], 'the executor must run inside the constructor');
      assert.deepEqual(await stateOf(p), fulfilled('v'));
      for (const bad of [undefined, null, 42, 'resolve', {}]) {
        assert.throws(() => new MyPromise(bad), TypeError, `new MyPromise(${String(bad)}) must throw a TypeError`);
      }
    });

    it('settles once: later resolve and reject calls are ignored', async () => {
      const p = new MyPromise((resolve, reject) => {
        resolve(1);
        resolve(2);
        reject(new Error('ignored'));
      });
      assert.deepEqual(await stateOf(p), fulfilled(1), 'the first resolve wins');
      const boom = new Error('boom');
      const q = new MyPromise((resolve, reject) => {
        reject(boom);
        resolve('ignored');
      });
      assert.deepEqual(await stateOf(q), rejected(boom), 'the first reject wins');

      const inner = deferred();
      const outer = new MyPromise((resolve, reject) => {
        resolve(inner.promise);
        reject(new Error('too late: outer is already locked in to inner'));
      });
      assert.deepEqual(await stateOf(outer), pending, 'resolving with a pending promise keeps outer pending');
      inner.resolve('from inner');
      assert.deepEqual(await stateOf(outer), fulfilled('from inner'), 'outer follows inner; the reject was ignored');
    });

    it('an executor that throws rejects the promise, unless it already resolved', async () => {
      const boom = new Error('boom');
      let p;
      assert.doesNotThrow(() => {
        p = new MyPromise(() => {
          throw boom;
        });
      }, 'an exception in the executor must not escape from the constructor');
      assert.deepEqual(await stateOf(p), rejected(boom));
      const q = new MyPromise((resolve) => {
        resolve('ok');
        throw boom;
      });
      assert.deepEqual(await stateOf(q), fulfilled('ok'), 'a throw after resolve is ignored');
    });
  });

  describe('then', () => {
    it('calls callbacks asynchronously as microtasks, in registration order, also on a settled promise', async () => {
      const log = [];
      setTimeout(() => log.push('timeout'), 0);
      const p = MyPromise.resolve('v');
      p.then((v) => log.push(`first ${v}`));
      p.then((v) => log.push(`second ${v}`));
      queueMicrotask(() => log.push('microtask queued after then'));
      log.push('sync');
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.deepEqual(
        log,
        ['sync', 'first v', 'second v', 'microtask queued after then', 'timeout'],
        'callbacks never run synchronously; they run as microtasks (queueMicrotask), not as timers',
      );

      const d = deferred();
      const order = [];
      d.promise.then(() => order.push(1));
      d.promise.then(() => order.push(2));
      d.resolve();
      assert.deepEqual(order, [], 'callbacks must not run synchronously inside resolve()');
      await flush();
      assert.deepEqual(order, [1, 2], 'callbacks registered while pending run in registration order');
    });

    it('returns a new promise for the result of the callback, and passes values and reasons through missing callbacks', async () => {
      const p = MyPromise.resolve(2);
      const q = p.then((x) => x + 1);
      assert.ok(q instanceof MyPromise, 'then must return a MyPromise');
      assert.notEqual(q, p, 'then must return a new promise');
      assert.deepEqual(await stateOf(q.then((x) => x * 10)), fulfilled(30));
      assert.deepEqual(await stateOf(p.then()), fulfilled(2), 'then() with no callbacks passes the value on');
      assert.deepEqual(await stateOf(p.then(null, 'not a function')), fulfilled(2), 'non-functions are ignored');
      const boom = new Error('boom');
      const chain = MyPromise.reject(boom)
        .then(() => 'never')
        .then(undefined, undefined);
      assert.deepEqual(await stateOf(chain), rejected(boom), 'a reason skips fulfilment callbacks down the chain');
    });

    it('a callback that throws rejects the returned promise, and catch recovers from it', async () => {
      const boom = new Error('boom');
      const failed = MyPromise.resolve(1).then(() => {
        throw boom;
      });
      assert.deepEqual(await stateOf(failed), rejected(boom));
      const recovered = failed.catch((error) => `recovered from ${error.message}`).then((v) => v.toUpperCase());
      assert.deepEqual(await stateOf(recovered), fulfilled('RECOVERED FROM BOOM'));
      const rethrown = MyPromise.reject(new Error('first')).catch(() => {
        throw boom;
      });
      assert.deepEqual(await stateOf(rethrown), rejected(boom), 'a throwing rejection handler rejects too');
    });

    it('a callback that returns a promise or thenable makes the chain wait for it', async () => {
      const later = deferred();
      const chained = MyPromise.resolve().then(() => later.promise);
      assert.deepEqual(await stateOf(chained), pending, 'the chain must wait for the returned promise');
      later.resolve('late');
      assert.deepEqual(await stateOf(chained), fulfilled('late'), 'the value of the returned promise, not the promise');
      const fromNative = MyPromise.resolve().then(() => Promise.resolve('native'));
      assert.deepEqual(await stateOf(fromNative), fulfilled('native'), 'native promises are thenables too');
      const boom = new Error('native rejection');
      assert.deepEqual(await stateOf(MyPromise.resolve().then(() => Promise.reject(boom))), rejected(boom));
    });

    it('adopts a thenable: reads then once, calls it with the thenable as this, and honours only the first call', async () => {
      let reads = 0;
      let seenThis;
      const thenable = {
        get then() {
          reads++;
          return function (resolve, reject) {
            seenThis = this;
            resolve('first');
            resolve('second');
            reject(new Error('ignored'));
            throw new Error('ignored as well');
          };
        },
      };
      assert.deepEqual(await stateOf(MyPromise.resolve(thenable)), fulfilled('first'));
      assert.equal(reads, 1, 'the then property must be read exactly once (it may be a getter)');
      assert.equal(seenThis, thenable, 'then must be called with the thenable as this');
      const nested = {
        then(resolve) {
          resolve({ then: (inner) => inner('deep') });
        },
      };
      assert.deepEqual(await stateOf(MyPromise.resolve(nested)), fulfilled('deep'), 'adoption is recursive');
      const plain = { then: 42 };
      assert.deepEqual(await stateOf(MyPromise.resolve(plain)), fulfilled(plain), 'a non-callable then is just data');
    });

    it('rejects with a TypeError when resolved with itself, and with the error when reading or calling then throws', async () => {
      const self = MyPromise.resolve(1).then(() => self);
      const state = await stateOf(self);
      assert.equal(state.state, 'rejected', 'a promise resolved with itself can never settle otherwise');
      assert.ok(state.reason instanceof TypeError, 'the reason must be a TypeError');
      const getterError = new Error('then getter');
      const hostile = {
        get then() {
          throw getterError;
        },
      };
      assert.deepEqual(await stateOf(MyPromise.resolve(hostile)), rejected(getterError));
      const callError = new Error('then threw');
      const throwing = {
        then() {
          throw callError;
        },
      };
      assert.deepEqual(await stateOf(MyPromise.resolve(throwing)), rejected(callError));
    });
  });

  describe('finally', () => {
    it('runs the callback with no arguments and keeps the original value or reason', async () => {
      const calls = [];
      const a = MyPromise.resolve('value').finally((...args) => {
        calls.push(args);
        return 'ignored';
      });
      assert.deepEqual(await stateOf(a), fulfilled('value'), 'the return value of the callback is ignored');
      const boom = new Error('boom');
      const b = MyPromise.reject(boom).finally((...args) => {
        calls.push(args);
      });
      assert.deepEqual(await stateOf(b), rejected(boom), 'finally does not recover from a rejection');
      assert.deepEqual(calls, [[], []], 'the callback runs once per promise, with no arguments');
    });

    it('waits for a promise returned by the callback, and a throw or rejection inside it replaces the outcome', async () => {
      const gate = deferred();
      const waited = MyPromise.resolve('kept').finally(() => gate.promise);
      assert.deepEqual(await stateOf(waited), pending, 'finally must wait for the returned promise');
      gate.resolve('not used');
      assert.deepEqual(await stateOf(waited), fulfilled('kept'));
      const cleanupFailed = new Error('cleanup failed');
      const thrown = MyPromise.resolve('v').finally(() => {
        throw cleanupFailed;
      });
      assert.deepEqual(await stateOf(thrown), rejected(cleanupFailed));
      const replaced = MyPromise.reject(new Error('original')).finally(() => MyPromise.reject(cleanupFailed));
      assert.deepEqual(await stateOf(replaced), rejected(cleanupFailed));
    });
  });

  describe('static methods', () => {
    it('resolve returns a MyPromise unchanged and adopts other thenables, and reject always wraps', async () => {
      const p = MyPromise.resolve(1);
      assert.equal(MyPromise.resolve(p), p, 'MyPromise.resolve(aMyPromise) must return it as is');
      const fromNative = MyPromise.resolve(Promise.resolve('native'));
      assert.ok(fromNative instanceof MyPromise);
      assert.deepEqual(await stateOf(fromNative), fulfilled('native'));
      const r = MyPromise.reject(p);
      assert.ok(r instanceof MyPromise);
      assert.deepEqual(await stateOf(r), rejected(p), 'reject does not unwrap: the reason is the promise itself');
      assert.equal(await MyPromise.resolve(5), 5, 'await works on a MyPromise because it is a thenable');
    });

    it('all resolves to the values in input order from any iterable, and rejects with the first rejection', async () => {
      const slow = deferred();
      const all = MyPromise.all([slow.promise, MyPromise.resolve('b'), 'c', Promise.resolve('d')]);
      assert.deepEqual(await stateOf(all), pending, 'all must wait for every input');
      slow.resolve('a');
      assert.deepEqual(await stateOf(all), fulfilled(['a', 'b', 'c', 'd']), 'input order, not completion order');
      assert.deepEqual(await stateOf(MyPromise.all(new Set([1, 2]))), fulfilled([1, 2]), 'any iterable works');
      assert.deepEqual(await stateOf(MyPromise.all([])), fulfilled([]), 'an empty input resolves to []');

      const [d1, d2] = [deferred(), deferred()];
      const first = new Error('first to fail');
      const failing = MyPromise.all([d1.promise, d2.promise, deferred().promise]);
      d2.reject(first);
      d1.reject(new Error('later'));
      assert.deepEqual(await stateOf(failing), rejected(first), 'the first rejection in time wins, without waiting');

      let result;
      assert.doesNotThrow(() => {
        result = MyPromise.all(42);
      }, 'a non-iterable must give a rejected promise, not a throw');
      const state = await stateOf(result);
      assert.ok(state.state === 'rejected' && state.reason instanceof TypeError, 'MyPromise.all(42) rejects with a TypeError');
    });

    it('race settles like the first input to settle, and allSettled reports every outcome', async () => {
      const [a, b] = [deferred(), deferred()];
      const race = MyPromise.race([a.promise, b.promise]);
      b.resolve('b');
      a.reject(new Error('too late'));
      assert.deepEqual(await stateOf(race), fulfilled('b'));
      const boom = new Error('boom');
      assert.deepEqual(await stateOf(MyPromise.race([MyPromise.reject(boom), deferred().promise])), rejected(boom));
      assert.deepEqual(await stateOf(MyPromise.race([])), pending, 'race([]) stays pending forever, like Promise.race');

      const settled = MyPromise.allSettled([MyPromise.resolve(1), MyPromise.reject(boom), 3]);
      assert.deepEqual(
        await stateOf(settled),
        fulfilled([
          { status: 'fulfilled', value: 1 },
          { status: 'rejected', reason: boom },
          { status: 'fulfilled', value: 3 },
        ]),
      );
      assert.deepEqual(await stateOf(MyPromise.allSettled([])), fulfilled([]));
    });

    it('any resolves with the first fulfilment, or rejects with an AggregateError of every reason in input order', async () => {
      const later = deferred();
      const any = MyPromise.any([MyPromise.reject(new Error('no')), later.promise]);
      assert.deepEqual(await stateOf(any), pending, 'one rejection is not enough to give up');
      later.resolve('yes');
      assert.deepEqual(await stateOf(any), fulfilled('yes'));

      const [d1, d2] = [deferred(), deferred()];
      const [e1, e2] = [new Error('e1'), new Error('e2')];
      const none = MyPromise.any([d1.promise, d2.promise]);
      d2.reject(e2);
      d1.reject(e1);
      const state = await stateOf(none);
      assert.equal(state.state, 'rejected');
      assert.ok(state.reason instanceof AggregateError, 'the reason must be an AggregateError');
      assert.equal(state.reason.errors.length, 2);
      assert.ok(state.reason.errors[0] === e1 && state.reason.errors[1] === e2, 'errors follow input order, not timing');

      const empty = await stateOf(MyPromise.any([]));
      assert.ok(empty.state === 'rejected' && empty.reason instanceof AggregateError, 'any([]) rejects at once');
      assert.deepEqual(empty.reason.errors, []);
    });
  });
});
