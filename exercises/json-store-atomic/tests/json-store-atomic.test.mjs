import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdir, mkdtemp, open, readFile, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from './json-store-atomic.mjs';

let dir;
let file;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'json-store-atomic-'));
  file = join(dir, 'data.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const onDisk = async () => JSON.parse(await readFile(file, 'utf8'));
const listing = async () => (await readdir(dir)).sort();

// Records fsync and rename calls, whichever API the store uses, while fn runs.
async function recordSyncAndRename(fn) {
  const handle = await open(join(dir, 'probe'), 'w');
  const FileHandleProto = Object.getPrototypeOf(handle);
  await handle.close();
  await rm(join(dir, 'probe'));

  const events = [];
  const patches = [
    [FileHandleProto, 'sync', 'sync'],
    [FileHandleProto, 'datasync', 'sync'],
    [fs, 'fsync', 'sync'],
    [fs, 'fsyncSync', 'sync'],
    [fs, 'fdatasync', 'sync'],
    [fs, 'fdatasyncSync', 'sync'],
    [fs, 'rename', 'rename'],
    [fs, 'renameSync', 'rename'],
    [fs.promises, 'rename', 'rename'],
  ];
  const saved = patches.map(([target, name]) => target[name]);
  for (const [target, name, event] of patches) {
    const original = target[name];
    target[name] = function (...args) {
      events.push(event);
      return original.apply(this, args);
    };
  }
  syncBuiltinESMExports(); // so `import { rename } from 'node:fs/promises'` is recorded too
  try {
    await fn();
  } finally {
    patches.forEach(([target, name], i) => {
      target[name] = saved[i];
    });
    syncBuiltinESMExports();
  }
  return events;
}

describe('JsonStore', () => {
  describe('basics', () => {
    it('opens a missing file as an empty store and creates no file', async () => {
      const store = await JsonStore.open(file);
      assert.equal(store.get('anything'), undefined);
      assert.deepEqual(await listing(), [], 'the file is created by the first write, not by open');
    });

    it('set writes the value to disk, and a reopened store reads it back', async () => {
      const store = await JsonStore.open(file);
      const result = await store.set('user:1', { name: 'Ada', tags: ['admin'] });
      assert.equal(result, undefined, 'set resolves to undefined');
      await store.set('count', 3);
      assert.deepEqual(store.get('user:1'), { name: 'Ada', tags: ['admin'] });
      assert.deepEqual(await onDisk(), { 'user:1': { name: 'Ada', tags: ['admin'] }, count: 3 });
      const reopened = await JsonStore.open(file);
      assert.equal(reopened.get('count'), 3, 'the data must survive a restart');
    });

    it('delete removes a key and reports whether it existed', async () => {
      const store = await JsonStore.open(file);
      await store.set('a', 1);
      await store.set('b', 2);
      assert.equal(await store.delete('a'), true);
      assert.equal(store.get('a'), undefined);
      assert.deepEqual(await onDisk(), { b: 2 }, 'the deletion must be persisted');
      assert.equal(await store.delete('a'), false, 'deleting a missing key resolves to false');
    });

    it('stores values as JSON stores them, copied at the time of the call', async () => {
      const store = await JsonStore.open(file);
      const value = { when: new Date(0), n: null, list: [1, 'two'] };
      const saving = store.set('v', value);
      value.list.push('changed after the call');
      await saving;
      const expected = { when: '1970-01-01T00:00:00.000Z', n: null, list: [1, 'two'] };
      assert.deepEqual(store.get('v'), expected, 'get must return what a reopened store would return');
      assert.deepEqual((await JsonStore.open(file)).get('v'), expected);
    });

    it('treats __proto__ and constructor as ordinary keys', async () => {
      const store = await JsonStore.open(file);
      assert.equal(store.get('constructor'), undefined, "an empty store has no 'constructor' key");
      await store.set('__proto__', { polluted: true });
      await store.set('constructor', 'c');
      assert.deepEqual(store.get('__proto__'), { polluted: true });
      const reopened = await JsonStore.open(file);
      assert.deepEqual(reopened.get('__proto__'), { polluted: true }, "'__proto__' must be saved as a key");
      assert.equal(reopened.get('constructor'), 'c');
      assert.equal({}.polluted, undefined, 'Object.prototype must not be modified');
    });

    it('rejects bad keys and values with a TypeError and changes nothing', async () => {
      const store = await JsonStore.open(file);
      await store.set('ok', 1);
      await assert.rejects(store.set('', 1), TypeError, 'an empty key must be rejected');
      await assert.rejects(store.set(42, 1), TypeError, 'a non-string key must be rejected');
      await assert.rejects(store.set('u', undefined), TypeError, 'undefined is not a JSON value');
      await assert.rejects(store.set('big', 10n), TypeError, 'JSON.stringify cannot serialise a BigInt');
      assert.equal(store.get('big'), undefined);
      assert.deepEqual(await onDisk(), { ok: 1 });
      await store.set('after', 2);
      assert.deepEqual(await onDisk(), { ok: 1, after: 2 }, 'the store must keep working after a rejection');
    });
  });

  describe('atomic writes', () => {
    it('writes a temp file, fsyncs it, then renames it over the file', async () => {
      const store = await JsonStore.open(file);
      await store.set('a', 1);
      const before = (await stat(file)).ino;
      const events = await recordSyncAndRename(() => store.set('a', 2));
      assert.notEqual((await stat(file)).ino, before, 'the file must be replaced by a rename, not rewritten in place');
      assert.ok(events.includes('sync'), 'the temp file must be flushed with filehandle.sync() or fs.fsync()');
      assert.ok(
        events.indexOf('sync') < events.lastIndexOf('rename'),
        `fsync must come before the rename; the calls were: ${events.join(', ')}`,
      );
      assert.deepEqual(await listing(), ['data.json'], 'no temporary file may be left in the folder');
    });

    it('a failed write rejects and leaves the file, get and later writes unaffected', async () => {
      const store = await JsonStore.open(file);
      await store.set('a', 1);
      await mkdir(`${file}.tmp`); // a directory where the temp file should go: opening it fails
      await assert.rejects(store.set('a', 2), 'the write cannot succeed, so set must reject');
      assert.equal(store.get('a'), 1, 'get must still return the last value that reached the disk');
      assert.deepEqual(await onDisk(), { a: 1 }, 'the file must be unchanged');
      await rmdir(`${file}.tmp`);
      await store.set('b', 3);
      assert.deepEqual(await onDisk(), { a: 1, b: 3 }, 'writes after a failure must work');
    });
  });

  describe('concurrency', () => {
    it('many concurrent sets to different keys all reach the disk', async () => {
      const store = await JsonStore.open(file);
      await Promise.all(Array.from({ length: 30 }, (_, i) => store.set(`k${i}`, i)));
      const expected = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
      assert.deepEqual(await onDisk(), expected, 'an update was lost: writes must run one after another');
      assert.deepEqual(await listing(), ['data.json']);
    });

    it('concurrent operations on one key apply in call order', async () => {
      const store = await JsonStore.open(file);
      const results = await Promise.all([
        store.set('x', 'first'),
        store.delete('x'),
        store.delete('x'),
        store.set('x', 'second'),
        store.set('x', 'third'),
      ]);
      assert.deepEqual(results, [undefined, true, false, undefined, undefined], 'delete sees the writes queued before it');
      assert.equal(store.get('x'), 'third');
      assert.deepEqual(await onDisk(), { x: 'third' });
    });

    it('get returns only committed values while a write is pending', async () => {
      const store = await JsonStore.open(file);
      await store.set('a', 1);
      const pending = store.set('a', 2);
      assert.equal(store.get('a'), 1, 'until set resolves, the new value is not on disk, so get must not see it');
      await pending;
      assert.equal(store.get('a'), 2);
    });
  });

  describe('recovery', () => {
    it('open removes a leftover temp file and keeps the last committed data', async () => {
      await writeFile(file, JSON.stringify({ a: 1 }));
      await writeFile(`${file}.tmp`, '{"a": 1, "b": '); // a write that crashed halfway
      const store = await JsonStore.open(file);
      assert.equal(store.get('a'), 1);
      assert.equal(store.get('b'), undefined, 'an unfinished write was never confirmed, so it is dropped');
      assert.deepEqual(await listing(), ['data.json'], 'open must delete the leftover temp file');

      await rm(file);
      await writeFile(`${file}.tmp`, '{"lost": true}');
      const fresh = await JsonStore.open(file);
      assert.equal(fresh.get('lost'), undefined, 'without a main file the store starts empty');
      assert.deepEqual(await listing(), []);
    });

    it('open rejects a corrupt or non-object file with a clear error', async () => {
      await writeFile(file, '{"a": 1');
      await assert.rejects(JsonStore.open(file), (error) => {
        assert.equal(error.message, `corrupt store file: ${file}`);
        assert.ok(error.cause instanceof SyntaxError, "JSON.parse's SyntaxError must be the cause");
        return true;
      });
      for (const text of ['[1, 2]', 'null', '42']) {
        await writeFile(file, text);
        await assert.rejects(JsonStore.open(file), { message: `corrupt store file: ${file}` }, `${text} is not an object`);
      }
    });
  });
});
