import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { formatEvent, createSseHandler } from './sse-stream.mjs';

// An in-memory event source with the interface the handler expects.
function fakeSource(history = []) {
  const listeners = new Set();
  return {
    history,
    listeners,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event) {
      history.push(event);
      for (const listener of listeners) listener(event);
    },
  };
}

// Injected in place of setInterval/clearInterval: the test fires the intervals by hand.
function fakeIntervals() {
  const active = new Map();
  let nextId = 1;
  return {
    active,
    setInterval(fn, ms) {
      const handle = { id: nextId++ };
      active.set(handle, { fn, ms });
      return handle;
    },
    clearInterval(handle) {
      active.delete(handle);
    },
    tick() {
      for (const { fn } of [...active.values()]) fn();
    },
  };
}

// Polls a condition in 5 ms steps; fails with a useful message after one second.
async function eventually(predicate, what) {
  const deadline = Date.now() + 1000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after 1 s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const servers = [];
const requests = [];

async function startServer(handler) {
  const server = http.createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server.address().port;
}

// Opens a request and resolves once the response headers have arrived.
function open(port, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: '/events', headers });
    requests.push(req);
    const timer = setTimeout(
      () => reject(new Error('no response headers within 1 s: call res.flushHeaders() after writeHead')),
      1000,
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res) => {
      clearTimeout(timer);
      const stream = { req, res, text: '' };
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        stream.text += chunk;
      });
      res.on('error', () => {});
      stream.waitFor = (expected) =>
        eventually(() => stream.text.includes(expected), `${JSON.stringify(expected)}; got ${JSON.stringify(stream.text)}`);
      resolve(stream);
    });
    req.end();
  });
}

afterEach(async () => {
  for (const req of requests.splice(0)) req.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('formatEvent', () => {
  it('formats a data-only event as one data line and a blank line', () => {
    assert.equal(formatEvent({ data: 'hello' }), 'data: hello\n\n');
  });

  it('writes id, event and retry before the data, one field per line', () => {
    assert.equal(
      formatEvent({ data: '42', retry: 3000, event: 'price', id: 7 }),
      'id: 7\nevent: price\nretry: 3000\ndata: 42\n\n',
      'the order is id, event, retry, data; a number id is written as text',
    );
    assert.equal(formatEvent({ id: 'a1', retry: 0 }), 'id: a1\nretry: 0\n\n', 'missing fields are left out');
  });

  it('splits multi-line data into one data line per line', () => {
    assert.equal(formatEvent({ data: 'one\ntwo' }), 'data: one\ndata: two\n\n');
    assert.equal(
      formatEvent({ data: 'a\r\nb\rc\n' }),
      'data: a\ndata: b\ndata: c\ndata: \n\n',
      '"\\r\\n", "\\r" and "\\n" all end a line; a trailing line break gives an empty last data line',
    );
  });

  it('sends an empty string as one empty data line and JSON-encodes data that is not a string', () => {
    assert.equal(formatEvent({ data: '' }), 'data: \n\n');
    assert.equal(formatEvent({ data: { price: 42, tags: ['a'] } }), 'data: {"price":42,"tags":["a"]}\n\n');
    assert.equal(formatEvent({ data: null }), 'data: null\n\n');
  });

  it('rejects an id or event containing a line break and a retry that is not a non-negative integer', () => {
    for (const bad of ['1\n2', 'x\r', '\r\nevent: admin']) {
      assert.throws(() => formatEvent({ id: bad, data: 'x' }), TypeError, `id ${JSON.stringify(bad)}`);
      assert.throws(() => formatEvent({ event: bad, data: 'x' }), TypeError, `event ${JSON.stringify(bad)}`);
    }
    for (const retry of [-1, 1.5, NaN, '1000', Infinity]) {
      assert.throws(() => formatEvent({ retry, data: 'x' }), RangeError, `retry ${String(retry)}`);
    }
  });
});

describe('createSseHandler', () => {
  it('answers 200 with event-stream headers and sends them before any event', async () => {
    const source = fakeSource();
    const timers = fakeIntervals();
    const port = await startServer(createSseHandler(source, { heartbeatMs: 5000, ...timers }));
    // open() resolves on the response headers: nothing has been published yet, so they
    // only arrive if the handler flushes them right away.
    const { res } = await open(port);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/event-stream\b/, 'Content-Type');
    assert.equal(res.headers['cache-control'], 'no-cache', 'Cache-Control');
  });

  it('forwards each new event from the source as it is published', async () => {
    const source = fakeSource();
    const timers = fakeIntervals();
    const port = await startServer(createSseHandler(source, { heartbeatMs: 5000, ...timers }));
    const stream = await open(port);
    assert.equal(source.listeners.size, 1, 'the handler must subscribe to the source');
    source.publish({ id: 1, event: 'price', data: '42' });
    source.publish({ id: 2, data: 'line 1\nline 2' });
    const expected = 'id: 1\nevent: price\ndata: 42\n\nid: 2\ndata: line 1\ndata: line 2\n\n';
    await stream.waitFor(expected);
    assert.equal(stream.text, expected, 'exactly the two formatted events, in order');
  });

  it('sends a heartbeat comment every heartbeatMs', async () => {
    const source = fakeSource();
    const timers = fakeIntervals();
    const port = await startServer(createSseHandler(source, { heartbeatMs: 5000, ...timers }));
    const stream = await open(port);
    assert.deepEqual(
      [...timers.active.values()].map((t) => t.ms),
      [5000],
      'one interval of heartbeatMs per connection, started with the injected setInterval',
    );
    timers.tick();
    timers.tick();
    await stream.waitFor(': heartbeat\n\n: heartbeat\n\n');
    assert.equal(stream.text, ': heartbeat\n\n: heartbeat\n\n');
  });

  it('replays the events after Last-Event-ID before live events', async () => {
    const source = fakeSource([
      { id: 1, data: 'one' },
      { id: 2, data: 'two' },
      { id: 3, data: 'three' },
    ]);
    const timers = fakeIntervals();
    const port = await startServer(createSseHandler(source, { heartbeatMs: 5000, ...timers }));
    const stream = await open(port, { headers: { 'Last-Event-ID': '1' } });
    source.publish({ id: 4, data: 'four' });
    const expected = 'id: 2\ndata: two\n\nid: 3\ndata: three\n\nid: 4\ndata: four\n\n';
    await stream.waitFor('id: 4\n');
    assert.equal(stream.text, expected, 'events 2 and 3 were missed; event 1 was already seen');
  });

  it('replays all history for an unknown Last-Event-ID and none without the header', async () => {
    const source = fakeSource([
      { id: 'a', data: 'A' },
      { id: 'b', data: 'B' },
    ]);
    const timers = fakeIntervals();
    const port = await startServer(createSseHandler(source, { heartbeatMs: 5000, ...timers }));
    const resumed = await open(port, { headers: { 'Last-Event-ID': 'zzz' } });
    const fresh = await open(port);
    source.publish({ id: 'c', data: 'C' });
    await resumed.waitFor('id: c\n');
    await fresh.waitFor('id: c\n');
    assert.equal(
      resumed.text,
      'id: a\ndata: A\n\nid: b\ndata: B\n\nid: c\ndata: C\n\n',
      'an id the source does not know: send the whole history',
    );
    assert.equal(fresh.text, 'id: c\ndata: C\n\n', 'no Last-Event-ID: only live events');
  });

  it('unsubscribes and stops the heartbeat when the client disconnects', async () => {
    const source = fakeSource();
    const timers = fakeIntervals();
    const port = await startServer(createSseHandler(source, { heartbeatMs: 5000, ...timers }));
    const first = await open(port);
    const second = await open(port);
    assert.equal(source.listeners.size, 2);
    assert.equal(timers.active.size, 2);
    first.req.destroy();
    await eventually(() => source.listeners.size === 1, 'the handler to unsubscribe (listen for "close" on res)');
    await eventually(() => timers.active.size === 1, 'the handler to clear its heartbeat interval');
    source.publish({ data: 'still here' });
    await second.waitFor('data: still here\n\n');
    second.req.destroy();
    await eventually(() => source.listeners.size === 0 && timers.active.size === 0, 'the second cleanup');
  });

  it('answers 405 with Allow: GET for other methods and does not subscribe', async () => {
    const source = fakeSource();
    const timers = fakeIntervals();
    const port = await startServer(createSseHandler(source, { heartbeatMs: 5000, ...timers }));
    const { res } = await open(port, { method: 'POST' });
    assert.equal(res.statusCode, 405);
    assert.equal(res.headers.allow, 'GET');
    assert.equal(source.listeners.size, 0, 'a rejected request must not subscribe');
    assert.equal(timers.active.size, 0, 'a rejected request must not start a heartbeat');
  });
});
