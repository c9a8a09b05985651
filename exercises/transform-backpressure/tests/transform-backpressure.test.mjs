import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { LineSplitter, pump } from './transform-backpressure.mjs';

// Writes each chunk to a new LineSplitter, ends it and collects the lines it emits.
async function split(chunks, options) {
  const splitter = new LineSplitter(options);
  const lines = [];
  splitter.on('data', (line) => lines.push(line));
  const ended = once(splitter, 'end'); // rejects if the splitter emits 'error'
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  await ended;
  return { lines, splitter };
}

// A producer that makes items on demand (0, 1, 2, ...) and counts how many it made.
function producer(total, state) {
  return new Readable({
    objectMode: true,
    highWaterMark: 2,
    read() {
      if (state.produced === total) this.push(null);
      else this.push(state.produced++);
    },
  });
}

// A slow consumer: each write completes only on the next turn of the event loop.
// It records how far the producer got ahead of it and the largest buffer it held.
function slowConsumer(state, { highWaterMark = 2, failAt = -1 } = {}) {
  const writable = new Writable({
    objectMode: true,
    highWaterMark,
    write(chunk, encoding, callback) {
      state.received.push(chunk);
      state.maxAhead = Math.max(state.maxAhead, state.produced - state.received.length);
      if (state.received.length === failAt) return setImmediate(callback, new Error('disk full'));
      setImmediate(callback);
    },
  });
  const write = writable.write.bind(writable);
  writable.write = (...args) => {
    const ok = write(...args);
    state.maxBuffered = Math.max(state.maxBuffered, writable.writableLength);
    return ok;
  };
  return writable;
}

const newState = () => ({ produced: 0, received: [], maxAhead: 0, maxBuffered: 0 });
const range = (n) => Array.from({ length: n }, (_, i) => i);

describe('LineSplitter', () => {
  it('joins a line that arrives split across several chunks', async () => {
    const { lines } = await split(['hel', 'lo\nwor', 'ld\n', 'again\n']);
    assert.deepEqual(lines, ['hello', 'world', 'again'], 'each push must be one whole line, without the newline');
  });

  it('emits a last line without a newline, keeps empty lines and adds no extra line at the end', async () => {
    assert.deepEqual((await split(['a\n\nb'])).lines, ['a', '', 'b'], "the final 'b' must be flushed at the end");
    assert.deepEqual((await split(['a\n', '\n'])).lines, ['a', ''], "input ending in '\\n' has no extra empty line");
    assert.deepEqual((await split([])).lines, [], 'empty input has no lines');
  });

  it('strips CRLF line endings, even when the CR and the LF arrive in different chunks', async () => {
    const { lines } = await split(['one\r\ntwo\r', '\nthree\r\n']);
    assert.deepEqual(lines, ['one', 'two', 'three']);
  });

  it('decodes a multi-byte UTF-8 character cut between two chunks', async () => {
    const bytes = Buffer.from('café €5\nnaïve\n', 'utf8');
    const cutInE = bytes.indexOf(0xc3) + 1; // between the two bytes of 'é'
    const cutInEuro = bytes.indexOf(0xe2) + 2; // inside the three bytes of '€'
    const { lines } = await split([bytes.subarray(0, cutInE), bytes.subarray(cutInE, cutInEuro), bytes.subarray(cutInEuro)]);
    assert.deepEqual(lines, ['café €5', 'naïve'], 'a character split across chunks must not turn into \uFFFD');
  });

  it('counts the lines it has emitted in lineCount', async () => {
    const { splitter } = await split(['x\ny\n', 'z']);
    assert.equal(splitter.lineCount, 3);
  });

  it('fails with a RangeError as soon as an unfinished line exceeds maxLineLength', async () => {
    const splitter = new LineSplitter({ maxLineLength: 10 });
    const lines = [];
    splitter.on('data', (line) => lines.push(line));
    const failed = once(splitter, 'error');
    splitter.write('short\n');
    splitter.write('x'.repeat(25)); // no newline yet, and the stream is never ended
    const [error] = await failed;
    assert.ok(error instanceof RangeError, `expected a RangeError, got ${error?.name}`);
    assert.equal(error.message, 'line 2 is longer than 10 characters');
    assert.deepEqual(lines, ['short'], 'lines before the long one are still emitted');
    const ok = await split(['0123456789\n'], { maxLineLength: 10 });
    assert.deepEqual(ok.lines, ['0123456789'], 'a line of exactly maxLineLength is allowed');
  });
});

describe('pump', () => {
  it('copies every chunk in order and resolves only after the writable has finished', async () => {
    const state = newState();
    const writable = slowConsumer(state);
    await pump(producer(20, state), writable);
    assert.deepEqual(state.received, range(20));
    assert.equal(writable.writableFinished, true, "pump must resolve on the writable's 'finish', not on the readable's 'end'");
  });

  it('never lets the writable buffer more than its highWaterMark', async () => {
    const state = newState();
    await pump(producer(50, state), slowConsumer(state, { highWaterMark: 3 }));
    assert.deepEqual(state.received, range(50));
    assert.ok(
      state.maxBuffered <= 3,
      `the writable held ${state.maxBuffered} chunks; pause the readable when write() returns false`,
    );
  });

  it('keeps the producer from running far ahead of a slow consumer', async () => {
    const state = newState();
    await pump(producer(200, state), slowConsumer(state));
    assert.equal(state.received.length, 200);
    assert.ok(
      state.maxAhead <= 6,
      `the producer got ${state.maxAhead} items ahead; with backpressure it stays within a few items`,
    );
  });

  it('rejects with the readable error and destroys the writable', async () => {
    const boom = new Error('read failed');
    const readable = new Readable({
      objectMode: true,
      read() {
        this.push('first');
        this.destroy(boom);
      },
    });
    const writable = slowConsumer(newState());
    await assert.rejects(pump(readable, writable), (error) => {
      assert.equal(error, boom, 'pump must reject with the original error');
      return true;
    });
    assert.equal(writable.destroyed, true, 'the writable must be destroyed so its resources are released');
  });

  it('rejects with the writable error and destroys the readable', async () => {
    const state = newState();
    const readable = producer(100, state);
    await assert.rejects(pump(readable, slowConsumer(state, { failAt: 5 })), { message: 'disk full' });
    assert.equal(readable.destroyed, true, 'the readable must be destroyed, or it stays open for ever');
    assert.ok(state.produced < 100, 'nothing more should be read after the failure');
  });

  it('removes its listeners once it settles', async () => {
    const state = newState();
    const readable = producer(5, state);
    const writable = slowConsumer(state);
    await pump(readable, writable);
    for (const event of ['data', 'end', 'error']) {
      assert.equal(readable.listenerCount(event), 0, `a '${event}' listener was left on the readable`);
    }
    for (const event of ['drain', 'finish', 'error']) {
      assert.equal(writable.listenerCount(event), 0, `a '${event}' listener was left on the writable`);
    }
  });

  it('feeds a LineSplitter and reports its error', async () => {
    const splitter = new LineSplitter();
    const lines = splitter.toArray();
    await pump(Readable.from(['alpha\nbe', 'ta\r\ngam', 'ma']), splitter);
    assert.deepEqual(await lines, ['alpha', 'beta', 'gamma']);

    const strict = new LineSplitter({ maxLineLength: 4 });
    strict.resume();
    await assert.rejects(pump(Readable.from(['ok\n', 'too long\n']), strict), RangeError);
  });
});
