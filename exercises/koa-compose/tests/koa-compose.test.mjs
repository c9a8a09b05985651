import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compose } from './koa-compose.mjs';

// Lets pending promise callbacks run; setImmediate fires once the microtask queue is empty.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// Checks that a rejection carries exactly this value (same object, not a look-alike).
const isExactly = (expected) => (actual) => {
  assert.equal(actual, expected, 'the composed function must reject with the original error');
  return true;
};

describe('compose', () => {
  describe('validation', () => {
    it('throws a TypeError at compose time when the stack is not an array', () => {
      for (const bad of [undefined, null, 'mw', {}, () => {}]) {
        assert.throws(() => compose(bad), TypeError, `compose(${String(bad)}) must throw a TypeError`);
      }
    });

    it('throws a TypeError at compose time when any entry is not a function', () => {
      for (const bad of [undefined, null, 42, 'next', {}]) {
        assert.throws(
          () => compose([async (ctx, next) => next(), bad]),
          TypeError,
          `a stack containing ${String(bad)} must be rejected by compose() itself, not on first use`,
        );
      }
    });
  });

  describe('onion model', () => {
    it('code after await next() runs once everything downstream has finished, in reverse order', async () => {
      const calls = [];
      const fn = compose([
        async (ctx, next) => {
          calls.push('a:before');
          await next();
          calls.push('a:after');
        },
        async (ctx, next) => {
          calls.push('b:before');
          await flush(); // downstream work that really is asynchronous
          await next();
          calls.push('b:after');
        },
        async () => {
          calls.push('c');
        },
      ]);
      await fn({});
      assert.deepEqual(calls, ['a:before', 'b:before', 'c', 'b:after', 'a:after']);
    });

    it('passes the same ctx object to every middleware', async () => {
      const ctx = { state: {} };
      const seen = [];
      const fn = compose([
        async (c, next) => {
          seen.push(c);
          c.state.user = 'ada';
          await next();
        },
        (c) => {
          seen.push(c);
          c.body = `hello ${c.state.user}`;
        },
      ]);
      await fn(ctx);
      assert.equal(seen[0], ctx, 'the first middleware must receive the ctx passed in');
      assert.equal(seen[1], ctx, 'the second middleware must receive the very same object');
      assert.equal(ctx.body, 'hello ada', 'changes made upstream must be visible downstream');
    });

    it('a middleware that does not call next stops the chain', async () => {
      const calls = [];
      const fn = compose([
        async (ctx, next) => {
          calls.push('auth');
          if (ctx.user) await next(); // short-circuit like a failed auth check
        },
        async () => {
          calls.push('handler');
        },
      ]);
      await fn({ user: null });
      assert.deepEqual(calls, ['auth'], 'the handler must not run when next() is never called');
    });

    it('returns a promise, and next() resolves to the value the downstream middleware returns', async () => {
      let downstreamValue;
      const fn = compose([
        async (ctx, next) => {
          downstreamValue = await next();
          return 'from first';
        },
        () => 'from second', // a plain synchronous middleware
      ]);
      const result = fn({});
      assert.ok(result instanceof Promise, 'the composed function must return a Promise');
      assert.equal(await result, 'from first', 'the composed promise resolves to the first middleware result');
      assert.equal(downstreamValue, 'from second', 'next() must resolve to what the next middleware returned');
    });

    it('an empty stack resolves, and next() of the last middleware resolves to undefined', async () => {
      assert.equal(await compose([])({}), undefined, 'an empty stack must resolve to undefined');
      let nextResult = 'not called';
      await compose([
        async (ctx, next) => {
          nextResult = await next();
        },
      ])({});
      assert.equal(nextResult, undefined, 'calling next() from the last middleware must resolve to undefined');
    });

    it("calls the caller's next after the last middleware, so composed stacks can be nested", async () => {
      const calls = [];
      const inner = compose([
        async (ctx, next) => {
          calls.push('inner:before');
          await next();
          calls.push('inner:after');
        },
      ]);
      const outer = compose([
        async (ctx, next) => {
          calls.push('outer:before');
          await next();
          calls.push('outer:after');
        },
        inner,
        async () => {
          calls.push('handler');
        },
      ]);
      await outer({});
      assert.deepEqual(calls, ['outer:before', 'inner:before', 'handler', 'inner:after', 'outer:after']);
      let finalCalled = false;
      await compose([(ctx, next) => next()])({}, async () => {
        finalCalled = true;
      });
      assert.equal(finalCalled, true, 'the next passed to the composed function must run after the stack');
    });

    it('each call of the composed function is independent, so one stack can serve many requests', async () => {
      const fn = compose([
        async (ctx, next) => {
          await next();
          ctx.log.push('done');
        },
        async (ctx) => {
          await flush();
          ctx.log.push(`handled ${ctx.id}`);
        },
      ]);
      const a = { id: 1, log: [] };
      const b = { id: 2, log: [] };
      await Promise.all([fn(a), fn(b)]); // two requests in flight at once
      await fn(a); // and the same stack used again afterwards
      assert.deepEqual(b.log, ['handled 2', 'done']);
      assert.deepEqual(a.log, ['handled 1', 'done', 'handled 1', 'done'], 'per-call state must not leak between calls');
    });
  });

  describe('errors', () => {
    it('a synchronous throw becomes a rejected promise, not an exception from the call', async () => {
      const boom = new Error('sync boom');
      const fn = compose([
        (ctx, next) => next(),
        () => {
          throw boom;
        },
      ]);
      let result;
      assert.doesNotThrow(() => {
        result = fn({});
      }, 'a throwing middleware must not make the composed function throw synchronously');
      await assert.rejects(result, isExactly(boom));
      const first = new Error('first throws');
      await assert.rejects(
        compose([
          () => {
            throw first;
          },
        ])({}),
        isExactly(first),
        'a throw from the very first middleware must also become a rejection',
      );
    });

    it('an async rejection propagates out through every upstream middleware', async () => {
      const boom = new Error('db down');
      const after = [];
      const fn = compose([
        async (ctx, next) => {
          await next();
          after.push('outer after'); // must be skipped: the await above throws
        },
        async () => {
          await flush();
          throw boom;
        },
      ]);
      await assert.rejects(fn({}), isExactly(boom));
      assert.deepEqual(after, [], 'code after await next() must not run when downstream fails');
    });

    it('an upstream middleware can catch a downstream error with try/catch', async () => {
      const ctx = {};
      const fn = compose([
        async (c, next) => {
          try {
            await next();
          } catch (error) {
            c.status = 500;
            c.body = { error: error.message };
          }
        },
        async () => {
          throw new Error('handler failed');
        },
      ]);
      await fn(ctx); // must resolve: the error handler swallowed the error
      assert.deepEqual(ctx, { status: 500, body: { error: 'handler failed' } });
    });

    it("calling next() twice rejects with 'next() called multiple times' and runs downstream once", async () => {
      let downstreamRuns = 0;
      const fn = compose([
        async (ctx, next) => {
          await next();
          await next();
        },
        async () => {
          downstreamRuns++;
        },
      ]);
      await assert.rejects(fn({}), (error) => {
        assert.ok(error instanceof Error, 'the rejection must be an Error');
        assert.equal(error.message, 'next() called multiple times');
        return true;
      });
      assert.equal(downstreamRuns, 1, 'the second next() call must not run the downstream middleware again');
    });
  });
});
