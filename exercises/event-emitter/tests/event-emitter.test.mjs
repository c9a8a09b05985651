import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from './event-emitter.mjs';

describe('Emitter', () => {
  describe('registration and emit', () => {
    it('emit calls listeners synchronously in registration order', () => {
      const e = new Emitter();
      const calls = [];
      e.on('tick', () => calls.push('first'));
      e.on('tick', () => calls.push('second'));
      e.on('other', () => calls.push('wrong event'));
      e.emit('tick');
      assert.deepEqual(
        calls,
        ['first', 'second'],
        'both tick listeners must have run, in order, before emit() returned',
      );
    });

    it('emit passes every argument and calls listeners with this set to the emitter', () => {
      const e = new Emitter();
      let seenArgs;
      let seenThis;
      e.on('data', function (...args) {
        seenArgs = args;
        seenThis = this;
      });
      const payload = { id: 7 };
      e.emit('data', 1, 'two', payload);
      assert.deepEqual(seenArgs, [1, 'two', payload], 'all arguments after the name must be passed on');
      assert.equal(seenArgs[2], payload, 'objects must be passed as is, not copied');
      assert.equal(seenThis, e, 'a regular function listener must see the emitter as this');
    });

    it('emit returns true when the event had listeners and false otherwise', () => {
      const e = new Emitter();
      assert.equal(e.emit('nobody'), false, 'no listeners: emit must return false');
      const listener = () => {};
      e.on('somebody', listener);
      assert.equal(e.emit('somebody'), true, 'with a listener: emit must return true');
      e.off('somebody', listener);
      assert.equal(e.emit('somebody'), false, 'after off() the event has no listeners again');
    });

    it('on, once and off return the emitter, and on and once reject a non-function listener', () => {
      const e = new Emitter();
      const fn = () => {};
      assert.equal(e.on('a', fn), e, 'on() must return the emitter');
      assert.equal(e.once('a', fn), e, 'once() must return the emitter');
      assert.equal(e.off('a', fn), e, 'off() must return the emitter');
      assert.equal(e.off('never-registered', fn), e, 'off() of an unknown listener is a no-op');
      for (const bad of [undefined, null, 'handler', {}]) {
        assert.throws(() => e.on('a', bad), TypeError, `on() must reject ${String(bad)}`);
        assert.throws(() => e.once('a', bad), TypeError, `once() must reject ${String(bad)}`);
      }
    });

    it('a listener added twice runs twice, and off removes the most recent registration', () => {
      const e = new Emitter();
      const calls = [];
      const a = () => calls.push('a');
      const b = () => calls.push('b');
      e.on('x', a).on('x', b).on('x', a);
      e.emit('x');
      assert.deepEqual(calls, ['a', 'b', 'a'], 'the same function registered twice must run twice');
      calls.length = 0;
      e.off('x', a);
      assert.equal(e.listenerCount('x'), 2, 'off() must remove one registration, not all of them');
      e.emit('x');
      assert.deepEqual(calls, ['a', 'b'], 'off() must remove the last registration of the function');
    });

    it('listenerCount counts once listeners and works for any event name', () => {
      const e = new Emitter();
      const sym = Symbol('ready');
      e.on('a', () => {}).once('a', () => {});
      e.on(sym, () => {});
      assert.equal(e.listenerCount('a'), 2, 'on and once registrations both count');
      assert.equal(e.listenerCount(sym), 1, 'symbols must work as event names');
      assert.equal(e.listenerCount('missing'), 0);
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        assert.equal(e.listenerCount(name), 0, `'${name}' has no listeners; is storage a plain object?`);
        assert.equal(e.emit(name), false, `emit('${name}') must return false`);
      }
      let called = false;
      e.on('__proto__', () => {
        called = true;
      });
      assert.equal(e.emit('__proto__'), true);
      assert.equal(called, true, "'__proto__' must work like any other event name");
    });
  });

  describe('once', () => {
    it('a once listener runs for the first emit only', () => {
      const e = new Emitter();
      const seen = [];
      e.once('login', (user) => seen.push(user));
      assert.equal(e.emit('login', 'ada'), true);
      assert.equal(e.emit('login', 'bob'), false, 'after its single run nothing listens any more');
      assert.deepEqual(seen, ['ada'], 'the once listener must see only the first emit');
      assert.equal(e.listenerCount('login'), 0, 'a once listener is removed after it runs');
    });

    it('off with the original function removes a once listener before it fires', () => {
      const e = new Emitter();
      let calls = 0;
      const listener = () => calls++;
      e.once('ready', listener);
      e.off('ready', listener);
      assert.equal(e.listenerCount('ready'), 0, 'off(name, original) must find the once registration');
      e.emit('ready');
      assert.equal(calls, 0, 'a once listener removed with off() must never run');
    });

    it('a once listener is removed before it runs, so re-emitting from inside it does not call it again', () => {
      const e = new Emitter();
      let calls = 0;
      e.once('tick', () => {
        calls++;
        if (calls < 5) e.emit('tick'); // the guard only stops runaway recursion in a wrong solution
      });
      e.emit('tick');
      assert.equal(calls, 1, 'the nested emit must not find the once listener any more');
    });
  });

  describe('changes during emit', () => {
    it('a listener removed during emit still runs for that emit but not for the next', () => {
      const e = new Emitter();
      const calls = [];
      const second = () => calls.push('second');
      e.on('x', () => {
        calls.push('first');
        e.off('x', second);
      });
      e.on('x', second);
      e.emit('x');
      assert.deepEqual(calls, ['first', 'second'], 'emit must call the listeners it had when it started');
      calls.length = 0;
      e.emit('x');
      assert.deepEqual(calls, ['first'], 'the removed listener must be gone from the next emit');
    });

    it('a listener added during emit first runs on the next emit', () => {
      const e = new Emitter();
      const calls = [];
      let added = false;
      e.on('x', () => {
        calls.push('original');
        if (!added) {
          added = true;
          e.on('x', () => calls.push('late'));
        }
      });
      e.emit('x');
      assert.deepEqual(calls, ['original'], 'a listener added mid-emit must not run in that emit');
      calls.length = 0;
      e.emit('x');
      assert.deepEqual(calls, ['original', 'late']);
    });

    it('an exception from a listener propagates out of emit and skips the remaining listeners', () => {
      const e = new Emitter();
      const boom = new Error('listener failed');
      let laterRan = false;
      e.on('x', () => {
        throw boom;
      });
      e.on('x', () => {
        laterRan = true;
      });
      assert.throws(() => e.emit('x'), (err) => err === boom, 'emit must rethrow the listener error as is');
      assert.equal(laterRan, false, 'listeners after the failing one must not run');
    });
  });

  describe('error event', () => {
    it('without listeners, emitting error throws the Error, or a new Error wrapping any other value', () => {
      const e = new Emitter();
      const failure = new TypeError('bad input');
      assert.throws(() => e.emit('error', failure), (err) => err === failure, 'an Error must be thrown as is');
      assert.throws(
        () => e.emit('error', 'boom'),
        (err) => err instanceof Error && err.message === 'Unhandled error.' && err.cause === 'boom',
        "a non-Error must become new Error('Unhandled error.', { cause: value })",
      );
      assert.throws(
        () => e.emit('error'),
        (err) => err instanceof Error && err.cause === undefined,
        'emit("error") with no argument must still throw an Error',
      );
    });

    it('with a listener, the error is delivered and nothing is thrown', () => {
      const e = new Emitter();
      const failure = new Error('handled');
      let received;
      e.on('error', (err) => {
        received = err;
      });
      assert.equal(e.emit('error', failure), true);
      assert.equal(received, failure, 'the error listener must receive the emitted error');
    });
  });
});
