import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, requestId, responseTime, errorHandler, HttpError } from './middleware-pipeline.mjs';

// Plain stand-ins for node:http's IncomingMessage and ServerResponse, with just the members
// the README allows. Like the real one, res refuses headers or a second end after end().
function fakeRequest({ method = 'GET', url = '/', headers = {} } = {}) {
  return { method, url, headers };
}

function fakeResponse() {
  const headers = new Map();
  return {
    statusCode: 200,
    headersSent: false,
    writableEnded: false,
    body: undefined,
    endCalls: 0,
    setHeader(name, value) {
      if (this.headersSent) throw new Error(`setHeader('${name}') after the headers were sent`);
      headers.set(name.toLowerCase(), value);
      return this;
    },
    getHeader(name) {
      return headers.get(name.toLowerCase());
    },
    end(body) {
      this.endCalls++;
      if (this.writableEnded) throw new Error('res.end() called twice');
      this.body = body;
      this.headersSent = true;
      this.writableEnded = true;
      return this;
    },
  };
}

const json = (res) => JSON.parse(res.body);

// Middleware that answers with a text body.
const reply = (text) => (req, res) => {
  res.end(text);
};

describe('middleware pipeline', () => {
  describe('createApp', () => {
    it('runs middleware in registration order and stops at one that does not call next', async () => {
      const calls = [];
      const app = createApp()
        .use((req, res, next) => {
          calls.push('first');
          next();
        })
        .use((req, res, next) => {
          calls.push('second');
          req.user = 'ada';
          next();
        })
        .use((req, res) => {
          calls.push('third');
          res.end(`hello ${req.user}`);
        })
        .use(() => calls.push('never'));
      const res = fakeResponse();
      await app(fakeRequest(), res);
      assert.deepEqual(calls, ['first', 'second', 'third'], 'the chain ends at the middleware that does not call next');
      assert.equal(res.body, 'hello ada', 'every middleware sees the same req object');
    });

    it('use returns the app and rejects a non-function', () => {
      const app = createApp();
      assert.equal(typeof app, 'function', 'the app is a (req, res) function, like Express');
      assert.equal(app.use(() => {}), app, 'use() must return the app for chaining');
      for (const bad of [undefined, null, 'mw', {}]) {
        assert.throws(() => app.use(bad), TypeError, `use(${String(bad)}) must throw a TypeError`);
      }
    });

    it('waits for async middleware, and next() returns a promise for the rest of the chain', async () => {
      const log = [];
      const app = createApp()
        .use(async (req, res, next) => {
          log.push('outer before');
          await next();
          log.push('outer after');
        })
        .use(async (req, res) => {
          await new Promise((resolve) => setImmediate(resolve));
          log.push('route');
          res.end('done');
        });
      const res = fakeResponse();
      await app(fakeRequest(), res);
      assert.deepEqual(
        log,
        ['outer before', 'route', 'outer after'],
        'await next() resumes only after the downstream middleware finished',
      );
      assert.equal(res.body, 'done', 'app() resolves after the async route has answered');
    });

    it('a thrown error skips regular middleware and goes to the next error handler', async () => {
      const calls = [];
      const boom = new Error('boom');
      const app = createApp()
        .use((err, req, res, next) => calls.push('error handler before the error'))
        .use(() => {
          throw boom;
        })
        .use((req, res, next) => calls.push('regular middleware after the error'))
        .use((err, req, res, next) => {
          calls.push('error handler');
          assert.equal(err, boom, 'the error handler receives the thrown value itself');
          res.end('handled');
        });
      const res = fakeResponse();
      await app(fakeRequest(), res);
      assert.deepEqual(calls, ['error handler'], 'only the error handler after the throw may run');
      assert.equal(res.body, 'handled');
    });

    it('next(err) and a rejected promise are handled like a thrown error', async () => {
      for (const [label, failing] of [
        ['next(err)', (req, res, next) => next(new HttpError(418, 'teapot'))],
        ['async throw', async () => {
          await Promise.resolve();
          throw new HttpError(418, 'teapot');
        }],
      ]) {
        let seen;
        const app = createApp()
          .use(failing)
          .use(reply('not reached'))
          .use((err, req, res, next) => {
            seen = err;
            res.end('handled');
          });
        const res = fakeResponse();
        await app(fakeRequest(), res);
        assert.equal(seen?.status, 418, `${label}: the error handler must receive the error`);
        assert.equal(res.body, 'handled', `${label}: the route after the failure must be skipped`);
      }
    });

    it('an error handler can recover with next() or pass a new error on with next(err)', async () => {
      const recovering = createApp()
        .use(() => {
          throw new Error('first');
        })
        .use((err, req, res, next) => {
          req.recovered = err.message;
          next();
        })
        .use((req, res) => res.end(`recovered from ${req.recovered}`));
      const res1 = fakeResponse();
      await recovering(fakeRequest(), res1);
      assert.equal(res1.body, 'recovered from first', 'next() from an error handler resumes regular middleware');

      const replacing = createApp()
        .use(() => {
          throw new Error('first');
        })
        .use((err, req, res, next) => next(new Error(`${err.message}, then second`)))
        .use(reply('regular middleware must be skipped'))
        .use((err, req, res, next) => res.end(err.message));
      const res2 = fakeResponse();
      await replacing(fakeRequest(), res2);
      assert.equal(res2.body, 'first, then second', 'next(err) goes to the next error handler');
    });

    it('calling next twice runs the rest of the chain only once', async () => {
      let runs = 0;
      const app = createApp()
        .use((req, res, next) => {
          next();
          next();
        })
        .use((req, res) => {
          runs++;
          res.end('once');
        });
      const res = fakeResponse();
      await app(fakeRequest(), res);
      assert.equal(runs, 1, 'the second next() call must be ignored');
      assert.equal(res.endCalls, 1);
    });

    it('answers 404 JSON when nothing responds and 500 JSON when an error is not handled', async () => {
      const quiet = createApp().use((req, res, next) => next());
      const res404 = fakeResponse();
      await quiet(fakeRequest({ url: '/nowhere' }), res404);
      assert.equal(res404.statusCode, 404);
      assert.match(res404.getHeader('content-type') ?? '', /^application\/json/);
      assert.deepEqual(json(res404), { error: { status: 404, message: 'Not Found' } });

      const failing = createApp().use(() => {
        throw new HttpError(400, 'not even a handler for this');
      });
      const res500 = fakeResponse();
      await assert.doesNotReject(failing(fakeRequest(), res500), 'app() must never reject');
      assert.equal(res500.statusCode, 500, 'without an error handler, every error becomes a 500');
      assert.deepEqual(json(res500), { error: { status: 500, message: 'Internal Server Error' } });
    });
  });

  describe('requestId', () => {
    it('reuses a valid incoming X-Request-Id and exposes it as req.id', async () => {
      const app = createApp()
        .use(requestId({ generate: () => 'generated' }))
        .use((req, res) => res.end(req.id));
      for (const id of ['abc-123', '7f1c0a8e-2b7d-4a8e-9d1a-3c5e2f4b6a70', 'svc.api:42_x']) {
        const res = fakeResponse();
        await app(fakeRequest({ headers: { 'x-request-id': id } }), res);
        assert.equal(res.body, id, `req.id must be the incoming ${id}`);
        assert.equal(res.getHeader('x-request-id'), id, 'and the response must echo it');
      }
    });

    it('generates a new id when the header is missing or not safe to reuse', async () => {
      let n = 0;
      const app = createApp()
        .use(requestId({ generate: () => `gen-${++n}` }))
        .use((req, res) => res.end(req.id));
      const unsafe = [undefined, '', 'x'.repeat(129), 'has space', 'line\nbreak', 'a, b', '<script>'];
      for (const value of unsafe) {
        const headers = value === undefined ? {} : { 'x-request-id': value };
        const res = fakeResponse();
        await app(fakeRequest({ headers }), res);
        assert.equal(res.body, `gen-${n}`, `header ${JSON.stringify(value)} must be replaced by a generated id`);
        assert.equal(res.getHeader('x-request-id'), `gen-${n}`);
      }
      assert.equal(n, unsafe.length, 'one generated id per request');
      const res = fakeResponse();
      await createApp().use(requestId()).use((req, r) => r.end(req.id))(fakeRequest(), res);
      assert.match(res.body, /^[0-9a-f-]{36}$/, 'by default generate is crypto.randomUUID');
    });
  });

  describe('responseTime', () => {
    it('sets X-Response-Time from the injected clock just before the response ends', async () => {
      let t = 1000;
      const app = createApp()
        .use(responseTime({ now: () => t }))
        .use(async (req, res) => {
          t += 12.5;
          assert.equal(res.getHeader('x-response-time'), undefined, 'not set before the response ends');
          res.end('ok');
        });
      const res = fakeResponse();
      await app(fakeRequest(), res);
      assert.equal(res.getHeader('x-response-time'), '12.50ms', 'elapsed milliseconds, 2 decimals, "ms"');
      assert.equal(res.body, 'ok', 'the original end() must still run with its arguments');

      const failing = createApp()
        .use(responseTime({ now: () => t }))
        .use(() => {
          t += 3;
          throw new Error('x');
        })
        .use(errorHandler({ log: () => {} }));
      const res2 = fakeResponse();
      await failing(fakeRequest(), res2);
      assert.equal(res2.getHeader('x-response-time'), '3.00ms', 'error responses are timed too');
    });
  });

  describe('errorHandler', () => {
    it('turns an HttpError into its status and message as JSON, with the request id', async () => {
      const logged = [];
      const app = createApp()
        .use(requestId({ generate: () => 'req-1' }))
        .use((req, res, next) => next(new HttpError(404, 'No such user')))
        .use(errorHandler({ log: (err) => logged.push(err) }));
      const res = fakeResponse();
      await app(fakeRequest(), res);
      assert.equal(res.statusCode, 404);
      assert.match(res.getHeader('content-type') ?? '', /^application\/json/);
      assert.deepEqual(json(res), { error: { status: 404, message: 'No such user', requestId: 'req-1' } });
      assert.deepEqual(logged, [], '4xx errors are the client\'s mistake and are not logged');
    });

    it('hides the message of 5xx errors, logs them, and treats an invalid status as 500', async () => {
      const cases = [
        [new Error('db password is hunter2'), 500],
        [Object.assign(new Error('bad gateway'), { statusCode: 502 }), 502],
        [Object.assign(new Error('weird'), { status: 200 }), 500],
        [Object.assign(new Error('weird'), { status: '404' }), 500],
        ['a plain string', 500],
      ];
      for (const [error, status] of cases) {
        const logged = [];
        const app = createApp()
          .use((req, res, next) => next(error))
          .use(errorHandler({ log: (err) => logged.push(err) }));
        const res = fakeResponse();
        await app(fakeRequest(), res);
        const label = JSON.stringify(String(error));
        assert.equal(res.statusCode, status, `${label} with status ${error?.status ?? error?.statusCode}`);
        assert.deepEqual(json(res), { error: { status, message: 'Internal Server Error' } }, `${label}: generic message`);
        assert.deepEqual(logged, [error], `${label}: a 5xx error must be logged once`);
      }
    });

    it('HttpError is an Error with a status and rejects a status outside 400-599', () => {
      const err = new HttpError(409, 'Email taken');
      assert.ok(err instanceof Error);
      assert.equal(err.name, 'HttpError');
      assert.equal(err.status, 409);
      assert.equal(err.message, 'Email taken');
      for (const status of [200, 399, 600, 404.5, '404', undefined]) {
        assert.throws(() => new HttpError(status, 'x'), RangeError, `status ${String(status)}`);
      }
    });
  });
});
