import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { compressFile, decompressFile, roundTrip } from './gzip-round-trip.mjs';

let dir;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gzip-round-trip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// About 1 MiB of log-like text: much bigger than a stream's 64 KiB chunks, and compressible.
function sampleText(lines = 20_000) {
  return Buffer.from(
    Array.from({ length: lines }, (_, i) => `${i} GET /api/items/${(i * 7919) % 1000} 200 ${i % 97}ms\n`).join(''),
  );
}

// Every byte value, so nothing survives only by being valid text.
const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + (i >> 8)) % 256));

const listing = async () => (await readdir(dir)).sort();

describe('compressFile', () => {
  it('writes gzip data that zlib restores to the original bytes, and reports both sizes', async () => {
    const original = sampleText();
    await writeFile(join(dir, 'app.log'), original);
    const result = await compressFile(join(dir, 'app.log'), join(dir, 'app.log.gz'));
    const compressed = await readFile(join(dir, 'app.log.gz'));
    assert.deepEqual(gunzipSync(compressed), original, 'the .gz file must decompress to the source bytes');
    assert.deepEqual(result, { bytesIn: original.length, bytesOut: compressed.length });
    assert.ok(compressed.length < original.length / 4, 'repetitive text should shrink a lot');
  });

  it('compresses an empty file into a valid gzip file', async () => {
    await writeFile(join(dir, 'empty'), '');
    const result = await compressFile(join(dir, 'empty'), join(dir, 'empty.gz'));
    const compressed = await readFile(join(dir, 'empty.gz'));
    assert.ok(compressed.length > 0, 'even empty input has a gzip header and trailer');
    assert.equal(gunzipSync(compressed).length, 0);
    assert.equal(result.bytesIn, 0);
  });

  it('replaces an existing destination file', async () => {
    await writeFile(join(dir, 'data.bin'), binary);
    await writeFile(join(dir, 'data.bin.gz'), 'stale content that is not gzip');
    await compressFile(join(dir, 'data.bin'), join(dir, 'data.bin.gz'));
    assert.deepEqual(gunzipSync(await readFile(join(dir, 'data.bin.gz'))), binary);
    assert.deepEqual(await listing(), ['data.bin', 'data.bin.gz'], 'no temporary file may be left behind');
  });

  it('rejects with ENOENT for a missing source and creates nothing', async () => {
    await assert.rejects(compressFile(join(dir, 'missing.txt'), join(dir, 'out.gz')), { code: 'ENOENT' });
    await assert.rejects(decompressFile(join(dir, 'missing.gz'), join(dir, 'out.txt')), { code: 'ENOENT' });
    assert.deepEqual(await listing(), [], 'a failed call must leave no file at all, not even an empty one');
  });
});

describe('decompressFile', () => {
  it('restores a file made by compressFile byte for byte', async () => {
    const original = Buffer.concat([sampleText(5_000), binary]);
    await writeFile(join(dir, 'in.bin'), original);
    await compressFile(join(dir, 'in.bin'), join(dir, 'in.bin.gz'));
    const result = await decompressFile(join(dir, 'in.bin.gz'), join(dir, 'out.bin'));
    assert.deepEqual(await readFile(join(dir, 'out.bin')), original);
    assert.deepEqual(result, { bytesIn: (await stat(join(dir, 'in.bin.gz'))).size, bytesOut: original.length });
  });

  it('rejects data that is not gzip with a clear error and leaves nothing behind', async () => {
    const src = join(dir, 'fake.gz');
    await writeFile(src, 'this is plain text, not gzip');
    await assert.rejects(decompressFile(src, join(dir, 'fake.txt')), (error) => {
      assert.ok(
        error.message.startsWith(`not a valid gzip file: ${src}`),
        `unexpected message: ${error.message}`,
      );
      assert.equal(error.cause?.code, 'Z_DATA_ERROR', "the zlib error must be kept as the error's cause");
      return true;
    });
    assert.deepEqual(await listing(), ['fake.gz'], 'no output file and no temporary file may remain');
  });

  it('rejects a truncated file and keeps an existing destination unchanged', async () => {
    const full = gzipSync(sampleText());
    const src = join(dir, 'cut.gz');
    await writeFile(src, full.subarray(0, full.length >> 1)); // half a gzip file
    await writeFile(join(dir, 'cut.txt'), 'previous version');
    await assert.rejects(decompressFile(src, join(dir, 'cut.txt')), (error) => {
      assert.match(error.message, /^not a valid gzip file: /);
      assert.equal(error.cause?.code, 'Z_BUF_ERROR', 'a truncated gzip stream ends with Z_BUF_ERROR');
      return true;
    });
    assert.equal(
      await readFile(join(dir, 'cut.txt'), 'utf8'),
      'previous version',
      'the half-decompressed data must not replace the existing file',
    );
    assert.deepEqual(await listing(), ['cut.gz', 'cut.txt'], 'no temporary file may remain');
  });
});

describe('roundTrip', () => {
  it('restores the exact bytes of binary data, text and empty input', async () => {
    for (const input of [binary, Buffer.alloc(0), new Uint8Array([0, 255, 10, 13])]) {
      const { compressed, restored } = await roundTrip(input);
      assert.ok(Buffer.isBuffer(compressed) && Buffer.isBuffer(restored), 'both results must be Buffers');
      assert.deepEqual([...compressed.subarray(0, 2)], [0x1f, 0x8b], 'gzip data starts with the bytes 1f 8b');
      assert.deepEqual(restored, Buffer.from(input));
    }
    const { restored } = await roundTrip('héllo wörld');
    assert.equal(restored.toString('utf8'), 'héllo wörld', 'a string is encoded as UTF-8');
  });

  it('makes repetitive data much smaller', async () => {
    const { compressed, restored } = await roundTrip(Buffer.alloc(100_000, 'abc'));
    assert.ok(compressed.length < 1_000, `100 kB of 'abc' compressed to ${compressed.length} bytes`);
    assert.equal(restored.length, 100_000);
  });

  it('rejects with a TypeError for anything but a Buffer, Uint8Array or string', async () => {
    for (const bad of [undefined, null, 42, { length: 3 }, [1, 2, 3]]) {
      await assert.rejects(roundTrip(bad), TypeError, `roundTrip(${JSON.stringify(bad)}) must reject`);
    }
  });
});
