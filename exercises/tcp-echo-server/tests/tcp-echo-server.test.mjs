import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { createEchoServer } from './tcp-echo-server.mjs';

// Rejects if promise has not settled within ms, so a missing reply fails one test
// quickly with a useful message instead of hanging the whole run.
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// A test client: collects everything the server sends and lets a test wait for it.
class Client {
  constructor(socket) {
    this.socket = socket;
    this.received = '';
    this.ended = false;
    this.closed = new Promise((resolve) => socket.once('close', resolve));
    this.waiters = new Set();
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      this.received += chunk;
      this.#check();
    });
    socket.on('end', () => {
      this.ended = true;
      this.#check();
    });
    socket.on('error', () => {}); // a failing server must fail a test, not crash the run
  }

  #check() {
    for (const waiter of this.waiters) waiter();
  }

  #waitFor(predicate, what) {
    let check;
    const done = new Promise((resolve) => {
      check = () => {
        if (predicate()) resolve();
      };
      this.waiters.add(check);
      check();
    });
    return withTimeout(done, 1000, `${what}; received so far: ${JSON.stringify(this.received)}`).finally(
      () => this.waiters.delete(check),
    );
  }

  /** Waits until the server has sent n complete lines; returns all lines so far. */
  async lines(n) {
    await this.#waitFor(() => this.received.split('\n').length - 1 >= n, `${n} line(s)`);
    return this.received.split('\n').slice(0, -1);
  }

  /** Waits until the server has ended the connection. */
  async end() {
    await this.#waitFor(() => this.ended, 'the server to end the connection');
    return this.received;
  }

  write(data) {
    this.socket.write(data);
  }
}

describe('createEchoServer', () => {
  let server;
  let port;
  const clients = [];

  async function connect() {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const client = new Client(socket);
    clients.push(client);
    await withTimeout(once(socket, 'connect'), 1000, 'the connection');
    return client;
  }

  beforeEach(async () => {
    server = createEchoServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = server.address().port;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.destroy();
    if (server?.listening) {
      await withTimeout(new Promise((resolve) => server.close(resolve)), 1000, 'server.close() in cleanup');
    }
  });

  it('returns a net.Server that answers a line with its number', async () => {
    assert.ok(server instanceof net.Server, 'createEchoServer() must return a net.Server');
    const client = await connect();
    client.write('hello\n');
    assert.deepEqual(await client.lines(1), ['1: hello']);
    client.write('again\n');
    assert.deepEqual(await client.lines(2), ['1: hello', '2: again']);
  });

  it('numbers lines separately for each connection', async () => {
    const a = await connect();
    const b = await connect();
    a.write('a1\n');
    await a.lines(1);
    a.write('a2\n');
    await a.lines(2);
    b.write('b1\n');
    assert.deepEqual(await b.lines(1), ['1: b1'], 'a new connection starts counting at 1');
    a.write('a3\n');
    assert.deepEqual(await a.lines(3), ['1: a1', '2: a2', '3: a3'], 'other connections do not shift the count');
  });

  it('handles several lines in one chunk and a line split across chunks', async () => {
    const client = await connect();
    client.write('alpha\nbeta\ngam');
    assert.deepEqual(await client.lines(2), ['1: alpha', '2: beta'], 'both complete lines in the chunk');
    client.write('ma\n');
    assert.deepEqual(
      await client.lines(3),
      ['1: alpha', '2: beta', '3: gamma'],
      '"gam" must wait in a buffer until the rest of the line arrives',
    );
  });

  it('strips the carriage return of CRLF line endings and echoes empty lines', async () => {
    const client = await connect();
    client.write('one\r\n\r\nthree\n');
    assert.deepEqual(await client.lines(3), ['1: one', '2: ', '3: three']);
    assert.ok(!client.received.includes('\r'), 'telnet and netcat send "\\r\\n"; the "\\r" is not part of the line');
  });

  it('keeps a UTF-8 character that is split across chunks intact', async () => {
    const client = await connect();
    const e = Buffer.from('é'); // two bytes: c3 a9
    client.write(Buffer.concat([Buffer.from('x\nh'), e.subarray(0, 1)]));
    await client.lines(1); // the server has seen the first chunk, including half of the "é"
    client.write(Buffer.concat([e.subarray(1), Buffer.from('llo\n')]));
    assert.deepEqual(
      await client.lines(2),
      ['1: x', '2: héllo'],
      'decode bytes with a StringDecoder (socket.setEncoding), not chunk.toString() per chunk',
    );
  });

  it('answers QUIT with BYE, without a number, and closes the connection', async () => {
    const client = await connect();
    client.write('hello\nQUIT\nignored\n');
    assert.equal(
      await client.end(),
      '1: hello\nBYE\n',
      'QUIT is answered with "BYE\\n" and lines after it are ignored',
    );
    await withTimeout(client.closed, 1000, 'the socket to close');
  });

  it('answers an unterminated last line when the client ends its side, then closes', async () => {
    const client = await connect();
    client.socket.end('one\ntwo');
    assert.equal(
      await client.end(),
      '1: one\n2: two\n',
      'after the client ends its side it can still receive: answer the leftover text, then end',
    );
  });

  it('close() says BYE to every open connection, closes them and stops accepting new ones', async () => {
    const a = await connect();
    const b = await connect();
    a.write('from a\n');
    b.write('from b\n');
    await a.lines(1);
    await b.lines(1);
    await withTimeout(
      new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
      1000,
      'the server.close() callback (it runs once every connection has closed)',
    );
    assert.equal(a.received, '1: from a\nBYE\n', 'client a must get BYE before its connection ends');
    assert.equal(b.received, '1: from b\nBYE\n', 'client b must get BYE before its connection ends');
    assert.ok(a.ended && b.ended, 'both connections must be ended by the server');
    await assert.rejects(connect(), { code: 'ECONNREFUSED' }, 'a closed server accepts no new connections');
  });
});
