import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lines } from './async-lines.mjs';

let dir;
let fileCount = 0;
// Every stream created through fs.createReadStream during a test, so the tests can check
// that the file is streamed, and closed again.
let opened = [];
const originalCreateReadStream = fs.createReadStream;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'async-lines-'));
  fs.createReadStream = function createReadStreamSpy(...args) {
    const stream = originalCreateReadStream.apply(this, args);
    opened.push(stream);
    return stream;
  };
  // Makes `import { createReadStream } from 'node:fs'` see the spy as well.
  syncBuiltinESMExports();
});

after(async () => {
  fs.createReadStream = originalCreateReadStream;
  syncBuiltinESMExports();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  opened = [];
});

// Writes `content` (a string, written as UTF-8, or a Buffer) to a new file; returns its path.
async function file(content) {
  const path = join(dir, `file-${++fileCount}.txt`);
  await writeFile(path, content);
  return path;
}

async function collect(path, options) {
  const result = [];
  for await (const line of lines(path, options)) result.push(line);
  return result;
}

// Waits for a destroyed stream to finish closing its file descriptor. (Not events.once:
// a stream destroyed before its end also emits an AbortError, which would reject it.)
async function closed(stream) {
  if (!stream.closed) await new Promise((resolve) => stream.once('close', resolve));
}

describe('lines', () => {
  describe('splitting', () => {
    it('yields each line without its newline', async () => {
      assert.deepEqual(await collect(await file('alpha\nbeta\ngamma\n')), ['alpha', 'beta', 'gamma']);
    });

    it('treats \\r\\n as one line ending and keeps empty lines', async () => {
      const path = await file('a\r\n\r\nb\r\n\nc\n');
      assert.deepEqual(await collect(path), ['a', '', 'b', '', 'c'], 'no line may keep a trailing \\r');
    });

    it('yields a last line that has no newline, and no empty line after a final newline', async () => {
      assert.deepEqual(await collect(await file('x\ny')), ['x', 'y'], 'the last line has no newline');
      assert.deepEqual(await collect(await file('x\n')), ['x'], 'a final newline does not start another line');
      assert.deepEqual(await collect(await file('\n')), [''], 'a file with one newline has one empty line');
      assert.deepEqual(await collect(await file('no newline at all')), ['no newline at all']);
    });

    it('yields nothing for an empty file', async () => {
      assert.deepEqual(await collect(await file('')), []);
    });
  });

  describe('chunks and encodings', () => {
    it('joins lines that are split across many small chunks', async () => {
      const expected = Array.from({ length: 80 }, (_, i) => `line ${i} ${'x'.repeat(i % 23)}`);
      const path = await file(expected.map((line, i) => line + (i % 3 === 0 ? '\r\n' : '\n')).join(''));
      for (const highWaterMark of [1, 3, 7, 16]) {
        assert.deepEqual(
          await collect(path, { highWaterMark }),
          expected,
          `highWaterMark ${highWaterMark}: a line (or a \\r\\n) may be cut anywhere between chunks`,
        );
      }
    });

    it('decodes UTF-8 characters that are split across chunks', async () => {
      const expected = ['café', '€ 20', '😀 emoji', 'находка', '漢字'];
      const path = await file(`${expected.join('\n')}\n`);
      for (const highWaterMark of [1, 2, 3, 5]) {
        assert.deepEqual(
          await collect(path, { highWaterMark }),
          expected,
          `highWaterMark ${highWaterMark}: decode with the stream's encoding, not chunk.toString() per chunk`,
        );
      }
    });

    it('decodes the file with the encoding option', async () => {
      const utf16 = await file(Buffer.from('one\r\ntwo\nthree', 'utf16le'));
      assert.deepEqual(await collect(utf16, { encoding: 'utf16le', highWaterMark: 3 }), ['one', 'two', 'three']);
      const latin1 = await file(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x6f, 0x6b])); // "café\nok" in latin1
      assert.deepEqual(await collect(latin1, { encoding: 'latin1' }), ['café', 'ok']);
    });
  });

  describe('streaming and cleanup', () => {
    it('opens nothing until the iteration starts', async () => {
      const path = await file('first\nsecond\n');
      const iterator = lines(path);
      assert.equal(opened.length, 0, 'calling lines() alone must not open the file');
      assert.deepEqual(await iterator.next(), { value: 'first', done: false });
      assert.equal(opened.length, 1, 'the file must be read through fs.createReadStream');
      await iterator.return();
      await closed(opened[0]);
    });

    it('reads with a stream and the given highWaterMark instead of loading the whole file', async () => {
      const path = await file(Array.from({ length: 20_000 }, (_, i) => `record ${i}`).join('\n'));
      const seen = [];
      for await (const line of lines(path, { highWaterMark: 1024 })) {
        seen.push(line);
        if (seen.length === 3) break;
      }
      assert.deepEqual(seen, ['record 0', 'record 1', 'record 2']);
      assert.equal(opened.length, 1, 'the file must be read through fs.createReadStream');
      const [stream] = opened;
      assert.equal(stream.readableHighWaterMark, 1024, 'pass highWaterMark on to createReadStream');
      assert.ok(
        stream.bytesRead <= 8 * 1024,
        `only the start of a ~230 KB file should have been read, but ${stream.bytesRead} bytes were`,
      );
      await closed(stream);
    });

    it('breaking out of the loop early destroys the stream', async () => {
      const path = await file('a\nb\nc\nd\n');
      for await (const line of lines(path, { highWaterMark: 2 })) {
        if (line === 'b') break;
      }
      const [stream] = opened;
      assert.equal(stream.destroyed, true, 'after break the stream must be destroyed (readline does not do this)');
      await closed(stream);
      assert.equal(stream.closed, true, 'the file descriptor must be closed');
    });

    it('an exception thrown in the loop body destroys the stream and reaches the caller', async () => {
      const path = await file('a\nb\nc\n');
      const boom = new Error('consumer failed');
      await assert.rejects(
        (async () => {
          for await (const line of lines(path, { highWaterMark: 2 })) {
            if (line === 'a') throw boom;
          }
        })(),
        (error) => error === boom,
        'the consumer error must propagate unchanged',
      );
      const [stream] = opened;
      assert.equal(stream.destroyed, true, 'the stream must be destroyed when the loop throws');
      await closed(stream);
    });
  });

  describe('errors', () => {
    it('a missing file rejects the iteration with the ENOENT error', async () => {
      const missing = join(dir, 'does-not-exist.txt');
      let iterator;
      assert.doesNotThrow(() => {
        iterator = lines(missing);
      }, 'calling lines() must not throw; the error belongs to the iteration');
      await assert.rejects(iterator.next(), { code: 'ENOENT' });
    });
  });
});
