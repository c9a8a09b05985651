import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBuffers, concatBuffersManual, concatFiles } from './concat-files.mjs';

let dir;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concat-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// `size` bytes of every value 0-255 in a pattern that depends on `seed`.
const pattern = (size, seed) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 131 + seed * 7 + (i >> 9)) % 256));

// Writes name -> content into the temporary folder and returns the full paths.
async function files(entries) {
  const paths = {};
  for (const [name, content] of Object.entries(entries)) {
    paths[name] = join(dir, name);
    await writeFile(paths[name], content);
  }
  return paths;
}

// Runs fn while fs.readFile, fs.readFileSync and fs.promises.readFile throw.
async function withoutReadFile(fn) {
  const saved = [fs.readFile, fs.readFileSync, fs.promises.readFile];
  const forbid = (name) => () => {
    throw new Error(`${name} loads a whole file into memory; use fs.createReadStream`);
  };
  fs.readFile = forbid('fs.readFile');
  fs.readFileSync = forbid('fs.readFileSync');
  fs.promises.readFile = forbid('fs.promises.readFile');
  syncBuiltinESMExports(); // make `import { readFile } from 'node:fs/promises'` see the change too
  try {
    return await fn();
  } finally {
    [fs.readFile, fs.readFileSync, fs.promises.readFile] = saved;
    syncBuiltinESMExports();
  }
}

describe('concatBuffers', () => {
  it('joins buffers in order into one new Buffer', () => {
    const result = concatBuffers([Buffer.from('ab'), Buffer.alloc(0), new Uint8Array([0x63, 0x64])]);
    assert.ok(Buffer.isBuffer(result), 'the result must be a Buffer');
    assert.equal(result.toString('latin1'), 'abcd');
    assert.equal(concatBuffers([]).length, 0, 'no inputs give an empty Buffer');
    assert.equal(concatBuffers([Buffer.from('abc')], 2).toString(), 'ab', 'totalLength is passed on');
  });
});

describe('concatBuffersManual', () => {
  it('gives the same bytes as Buffer.concat', () => {
    const inputs = [pattern(300, 1), Buffer.alloc(0), new Uint8Array([1, 2, 3]), pattern(17, 2).subarray(5)];
    const result = concatBuffersManual(inputs);
    assert.ok(Buffer.isBuffer(result), 'the result must be a Buffer');
    assert.deepEqual(result, Buffer.concat(inputs));
    assert.deepEqual(concatBuffersManual([]), Buffer.alloc(0));
  });

  it('returns a copy, even for a single input', () => {
    const input = Buffer.from('abc');
    const result = concatBuffersManual([input]);
    result[0] = 0x7a;
    assert.equal(input.toString(), 'abc', 'changing the result must not change the input');
  });

  it('truncates or zero-fills to totalLength', () => {
    const inputs = [Buffer.from('abc'), Buffer.from('def')];
    assert.equal(concatBuffersManual(inputs, 4).toString(), 'abcd', 'a smaller totalLength truncates');
    assert.deepEqual([...concatBuffersManual(inputs, 8)], [97, 98, 99, 100, 101, 102, 0, 0], 'the extra bytes are zeros');
    assert.equal(concatBuffersManual(inputs, 0).length, 0);
    for (const bad of [-1, 1.5, NaN, '4']) {
      assert.throws(() => concatBuffersManual(inputs, bad), RangeError, `totalLength ${String(bad)} must throw`);
    }
  });

  it('rejects anything that is not a list of Buffers or Uint8Arrays with a TypeError', () => {
    assert.throws(() => concatBuffersManual('abc'), TypeError);
    assert.throws(() => concatBuffersManual([Buffer.from('a'), 'b']), {
      name: 'TypeError',
      message: 'buffers[1] must be a Buffer or Uint8Array',
    });
  });

  it('does not call Buffer.concat', () => {
    const original = Buffer.concat;
    Buffer.concat = () => {
      throw new Error('concatBuffersManual must not use Buffer.concat');
    };
    try {
      assert.equal(concatBuffersManual([Buffer.from('x'), Buffer.from('y')]).toString(), 'xy');
    } finally {
      Buffer.concat = original;
    }
  });
});

describe('concatFiles', () => {
  it('writes the files in order and resolves to the number of bytes written', async () => {
    const p = await files({ 'a.txt': 'alpha\n', 'b.txt': 'beta\n', 'c.txt': 'gamma\n' });
    const out = join(dir, 'out.txt');
    const total = await concatFiles([p['c.txt'], p['a.txt'], p['b.txt'], p['a.txt']], out);
    assert.equal(await readFile(out, 'utf8'), 'gamma\nalpha\nbeta\nalpha\n', 'order matters, and a file may repeat');
    assert.equal(total, 23);
  });

  it('streams large binary files without reading any of them whole', async () => {
    const parts = [pattern(300_000, 1), pattern(70_000, 2), pattern(150_001, 3)];
    const p = await files({ 'part1.bin': parts[0], 'part2.bin': parts[1], 'part3.bin': parts[2] });
    const out = join(dir, 'video.bin');
    const total = await withoutReadFile(() => concatFiles([p['part1.bin'], p['part2.bin'], p['part3.bin']], out));
    assert.equal(total, 520_001);
    assert.deepEqual(await readFile(out), Buffer.concat(parts), 'the bytes must arrive intact and in order');
  });

  it('handles empty files and an empty list of sources', async () => {
    const p = await files({ 'empty1': '', 'x': 'x', 'empty2': '' });
    assert.equal(await concatFiles([p.empty1, p.x, p.empty2], join(dir, 'out1')), 1);
    assert.equal(await readFile(join(dir, 'out1'), 'utf8'), 'x');
    assert.equal(await concatFiles([], join(dir, 'out2')), 0);
    assert.equal((await readFile(join(dir, 'out2'))).length, 0, 'no sources still create an empty file');
  });

  it('replaces the content of an existing destination', async () => {
    const p = await files({ 'short.txt': 'new', 'out.txt': 'a much longer old content' });
    assert.equal(await concatFiles([p['short.txt']], p['out.txt']), 3);
    assert.equal(await readFile(p['out.txt'], 'utf8'), 'new', 'the old content must be truncated, not overwritten in place');
  });

  it('rejects with ENOENT for a missing source and writes nothing', async () => {
    const p = await files({ 'a.txt': 'a', 'old.txt': 'keep me' });
    const missing = join(dir, 'missing.txt');
    await assert.rejects(concatFiles([p['a.txt'], missing], join(dir, 'new.txt')), { code: 'ENOENT' });
    await assert.rejects(concatFiles([p['a.txt'], missing], p['old.txt']), { code: 'ENOENT' });
    assert.deepEqual((await readdir(dir)).sort(), ['a.txt', 'old.txt'], 'the destination must not be created');
    assert.equal(await readFile(p['old.txt'], 'utf8'), 'keep me', 'an existing destination must be left alone');
  });

  it('rejects a directory as a source before writing anything', async () => {
    const p = await files({ 'a.txt': 'a' });
    await mkdir(join(dir, 'folder'));
    await assert.rejects(concatFiles([p['a.txt'], join(dir, 'folder')], join(dir, 'out.txt')), {
      message: `not a regular file: ${join(dir, 'folder')}`,
    });
    assert.deepEqual((await readdir(dir)).sort(), ['a.txt', 'folder']);
  });

  it('refuses a destination that is also one of the sources', async () => {
    const p = await files({ 'a.txt': 'aaa', 'b.txt': 'bbb' });
    const sameAsA = join(dir, 'sub', '..', 'a.txt'); // a different spelling of the same path
    await assert.rejects(concatFiles([p['a.txt'], p['b.txt']], sameAsA), {
      message: `destination is also a source: ${sameAsA}`,
    });
    assert.equal(await readFile(p['a.txt'], 'utf8'), 'aaa', 'the source must not be truncated');
  });
});
