import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withIdempotency } from './idempotency-keys.mjs';

// A fake clock: tests move time forward by hand instead of waiting.
function fakeClock(start = 1_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

// A request as the middleware sees it: lowercase header names, an already parsed body.
function request({ key, body = { amount: 100 }, method = 'POST', path = '/payments' } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = key;
  return { method, path, headers, body };
}

// A handler that "creates a payment": each run gets a new id, so a replay is easy to spot.
function paymentHandler() {
  const h = {
    runs: 0,
    fn: async (req) => {
      h.runs++;
      return {
        status: 201,
        headers: { 'content-type': 'application/json', location: `/payments/pay_${h.runs}` },
        body: { id: `pay_${h.runs}`, amount: req.body?.amount },
      };
    },
  };
  return h;
}

// A handler whose runs stay pending until the test settles them through h.pending[i].
function heldHandler() {
  const h = { runs: 0, pending: [] };
  h.fn = (req) => {
    h.runs++;
    return new Promise((resolve, reject) => h.pending.push({ resolve, reject, req }));
  };
  return h;
}

const created = (id, amount = 100) => ({
  status: 201,
  headers: { 'content-type': 'application/json', location: `/payments/${id}` },
  body: { id, amount },
});

// Lets pending promise callbacks run; does not wait for any amount of time.
const flush = () => new Promise((resolve) => setImmediate(resolve));

// Fails the test instead of hanging when `promise` has not settled once pending
// callbacks have run (a wrong solution could leave it pending forever).
const soon = (promise, message) =>
  Promise.race([promise, flush().then(() => assert.fail(`${message} (still pending)`))]);

describe('withIdempotency', () => {
  describe('pass-through', () => {
    it('runs the handler every time for requests without a key and for methods other than POST', async () => {
      const h = paymentHandler();
      const handle = withIdempotency(new Map(), h.fn);
      await handle(request());
      await handle(request());
      assert.equal(h.runs, 2, 'without an idempotency-key header every POST runs the handler');
      for (const method of ['GET', 'PUT', 'DELETE']) {
        await handle(request({ method, key: 'k1' }));
        await handle(request({ method, key: 'k1' }));
      }
      assert.equal(h.runs, 8, 'only POST requests are deduplicated; other methods pass through');
    });

    it('answers 400 for an empty or over-long key without running the handler', async () => {
      const h = paymentHandler();
      const handle = withIdempotency(new Map(), h.fn);
      const invalid = { status: 400, body: { error: 'invalid_idempotency_key' } };
      assert.deepEqual(await handle(request({ key: '' })), invalid, 'an empty key is invalid');
      assert.deepEqual(await handle(request({ key: 'x'.repeat(256) })), invalid, '256 characters is too long');
      assert.equal(h.runs, 0, 'the handler must not run for an invalid key');
      assert.equal((await handle(request({ key: 'x'.repeat(255) }))).status, 201, '255 characters is allowed');
    });
  });

  describe('replay', () => {
    it('the first request with a key runs the handler and gets its response unchanged', async () => {
      const h = paymentHandler();
      const handle = withIdempotency(new Map(), h.fn);
      assert.deepEqual(await handle(request({ key: 'k1' })), created('pay_1'));
      assert.equal(h.runs, 1);
    });

    it('a repeat gets the stored response without running the handler, marked idempotent-replayed', async () => {
      const h = paymentHandler();
      const handle = withIdempotency(new Map(), h.fn);
      await handle(request({ key: 'k1' }));
      const replay = await handle(request({ key: 'k1' }));
      assert.equal(h.runs, 1, 'a repeat must not run the handler again (no second payment)');
      const expected = created('pay_1');
      expected.headers['idempotent-replayed'] = 'true';
      assert.deepEqual(replay, expected, 'the replay is the stored response plus the idempotent-replayed header');
      assert.equal((await handle(request({ key: 'k2' }))).body.id, 'pay_2', 'a different key is a new request');
    });

    it('replays are copies: changing a returned response does not change later replays', async () => {
      const h = paymentHandler();
      const handle = withIdempotency(new Map(), h.fn);
      const first = await handle(request({ key: 'k1' }));
      first.body.id = 'tampered';
      first.headers.location = 'tampered';
      const second = await handle(request({ key: 'k1' }));
      second.body.amount = -1;
      const third = await handle(request({ key: 'k1' }));
      assert.equal(third.body.id, 'pay_1', 'store a copy of the response, not the object you returned');
      assert.equal(third.headers.location, '/payments/pay_1');
      assert.equal(third.body.amount, 100, 'return a copy of the stored response on each replay');
    });

    it('a body with the same content in a different key order is the same request', async () => {
      const h = paymentHandler();
      const handle = withIdempotency(new Map(), h.fn);
      await handle(request({ key: 'k1', body: { amount: 100, currency: 'eur', meta: { a: 1, b: [1, 2] } } }));
      const again = await handle(
        request({ key: 'k1', body: { meta: { b: [1, 2], a: 1 }, currency: 'eur', amount: 100 } }),
      );
      assert.equal(again.status, 201, 'key order in JSON objects carries no meaning');
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(h.runs, 1);
    });
  });

  describe('conflicts', () => {
    it('a repeat while the first request is still running gets 409 without running the handler', async () => {
      const h = heldHandler();
      const handle = withIdempotency(new Map(), h.fn);
      const first = handle(request({ key: 'k1' }));
      await flush();
      const concurrent = await soon(handle(request({ key: 'k1' })), 'a concurrent repeat must be answered at once');
      assert.deepEqual(concurrent, { status: 409, body: { error: 'idempotency_key_in_use' } });
      assert.equal(h.runs, 1, 'the concurrent repeat must not start a second run');
      h.pending[0].resolve(created('pay_1'));
      assert.deepEqual(await first, created('pay_1'), 'the first request still gets its own response');
      const replay = await soon(handle(request({ key: 'k1' })), 'a repeat after completion must be a replay');
      assert.equal(replay.headers['idempotent-replayed'], 'true');
    });

    it('the same key with a different body gets 422, while in flight and after completion', async () => {
      const h = heldHandler();
      const handle = withIdempotency(new Map(), h.fn);
      const reused = { status: 422, body: { error: 'idempotency_key_reused' } };
      const first = handle(request({ key: 'k1', body: { amount: 100 } }));
      await flush();
      const whileRunning = await soon(handle(request({ key: 'k1', body: { amount: 999 } })), 'while in flight');
      assert.deepEqual(whileRunning, reused, 'while in flight');
      h.pending[0].resolve(created('pay_1'));
      await first;
      const afterwards = await soon(handle(request({ key: 'k1', body: { amount: 999 } })), 'after completion');
      assert.deepEqual(afterwards, reused, 'after completion');
      assert.equal(h.runs, 1);
    });

    it('the same key on a different path gets 422', async () => {
      const h = paymentHandler();
      const handle = withIdempotency(new Map(), h.fn);
      await handle(request({ key: 'k1', path: '/payments' }));
      const other = await handle(request({ key: 'k1', path: '/refunds' }));
      assert.deepEqual(other, { status: 422, body: { error: 'idempotency_key_reused' } });
      assert.equal(h.runs, 1);
    });
  });

  describe('failures and expiry', () => {
    it('a handler that throws releases the key: the error reaches the caller and a retry runs the handler', async () => {
      const boom = new Error('database unavailable');
      let runs = 0;
      const handle = withIdempotency(new Map(), async (req) => {
        runs++;
        if (runs === 1) throw boom;
        return { status: 201, headers: {}, body: { id: 'pay_2', amount: req.body.amount } };
      });
      await assert.rejects(handle(request({ key: 'k1' })), (err) => err === boom, 'the handler error must propagate');
      const retried = await handle(request({ key: 'k1' }));
      assert.equal(retried.status, 201, 'the key must be free again after a thrown error');
      assert.equal(runs, 2);
    });

    it('a 5xx response is returned but not stored, so a retry runs the handler again', async () => {
      let runs = 0;
      const handle = withIdempotency(new Map(), async () => {
        runs++;
        return runs === 1
          ? { status: 503, headers: {}, body: { error: 'try again' } }
          : { status: 201, headers: {}, body: { id: 'pay_2' } };
      });
      assert.equal((await handle(request({ key: 'k1' }))).status, 503, 'the 5xx response reaches the client');
      const retried = await handle(request({ key: 'k1' }));
      assert.equal(retried.status, 201, 'a server error is not a final answer: it must not be replayed');
      assert.equal(retried.headers['idempotent-replayed'], undefined);
      assert.equal((await handle(request({ key: 'k1' }))).headers['idempotent-replayed'], 'true');
      assert.equal(runs, 2, 'a 2xx response is stored and replayed');
    });

    it('a stored response expires exactly ttlMs after it was stored, freeing the key for any body', async () => {
      const clock = fakeClock();
      const h = heldHandler();
      const handle = withIdempotency(new Map(), h.fn, { ttlMs: 1_000, now: clock.now });
      const first = handle(request({ key: 'k1' }));
      await flush();
      clock.advance(300); // the handler takes 300 ms; the TTL starts when the response is stored
      h.pending[0].resolve(created('pay_1'));
      await first;
      clock.advance(999);
      const replay = await soon(handle(request({ key: 'k1' })), 'at 999 ms the response must still be replayed');
      assert.equal(replay.headers['idempotent-replayed'], 'true', 'still stored at 999 ms');
      clock.advance(1);
      const fresh = handle(request({ key: 'k1', body: { amount: 5 } }));
      await flush();
      assert.equal(h.runs, 2, 'at exactly ttlMs the key is free again, even with a different body (no 422)');
      h.pending[1].resolve(created('pay_2', 5));
      assert.deepEqual(await fresh, created('pay_2', 5));
    });

    it('rejects an invalid store or handler with a TypeError and an invalid ttlMs with a RangeError', () => {
      const fn = async () => ({ status: 200, headers: {}, body: null });
      assert.throws(() => withIdempotency(undefined, fn), TypeError);
      assert.throws(() => withIdempotency({ get() {}, set() {} }, fn), TypeError, 'store needs delete too');
      assert.throws(() => withIdempotency(new Map(), 'handler'), TypeError);
      for (const ttlMs of [0, -1, NaN, Infinity, '1000']) {
        assert.throws(() => withIdempotency(new Map(), fn, { ttlMs }), RangeError, `ttlMs ${String(ttlMs)}`);
      }
    });
  });
});
