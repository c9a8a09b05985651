import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackup } from './backup-simulator.mjs';

// A promise plus the functions that settle it, so a test decides when each copy ends.
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// A fake copy function. Each call stays pending until the test calls
// finish(file) or fail(file, error); `started` records the call order and `peak` the
// most copies that were running at the same time.
function fakeCopy() {
  const pending = new Map();
  const state = { started: [], running: 0, peak: 0 };
  const copy = (file) => {
    state.started.push(file);
    state.running++;
    state.peak = Math.max(state.peak, state.running);
    const d = deferred();
    pending.set(file, d);
    return d.promise.finally(() => state.running--);
  };
  const settle = (file, how, value) => {
    assert.ok(pending.has(file), `test bug or missing call: copy(${file}) was never called`);
    pending.get(file)[how](value);
  };
  return {
    copy,
    state,
    finish: (file) => settle(file, 'resolve'),
    fail: (file, error = new Error(`${file}: disk full`)) => settle(file, 'reject', error),
  };
}

// Lets every pending promise callback run; setImmediate does not wait for real time.
const flush = () => new Promise((resolve) => setImmediate(resolve));

const FILES = ['a.txt', 'b.txt', 'c.txt'];

describe('startBackup', () => {
  describe('sequential', () => {
    it('copies one file at a time, in input order, and snapshot() shows each state', async () => {
      const fake = fakeCopy();
      const run = startBackup(FILES, { copy: fake.copy, strategy: 'sequential' });
      await flush();
      assert.deepEqual(run.snapshot(), { pending: ['b.txt', 'c.txt'], processing: ['a.txt'], done: [], failed: [] });
      fake.finish('a.txt');
      await flush();
      assert.deepEqual(run.snapshot(), { pending: ['c.txt'], processing: ['b.txt'], done: ['a.txt'], failed: [] });
      fake.fail('b.txt');
      await flush();
      assert.deepEqual(
        run.snapshot(),
        { pending: [], processing: ['c.txt'], done: ['a.txt'], failed: ['b.txt'] },
        'a failed file must not stop the backup: c.txt starts next',
      );
      fake.finish('c.txt');
      await run.finished;
      assert.deepEqual(fake.state.started, FILES);
      assert.equal(fake.state.peak, 1, 'sequential means never two copies at once');
    });

    it('snapshot() returns new arrays that the caller may change freely', async () => {
      const fake = fakeCopy();
      const run = startBackup(['a.txt', 'b.txt'], { copy: fake.copy });
      await flush();
      const snap = run.snapshot();
      snap.pending.push('hacked.txt');
      snap.processing.length = 0;
      assert.deepEqual(run.snapshot().pending, ['b.txt'], 'the default strategy is sequential');
      assert.deepEqual(run.snapshot().processing, ['a.txt']);
      fake.finish('a.txt');
      await flush();
      fake.finish('b.txt');
      await run.finished;
    });
  });

  describe('parallel', () => {
    it('starts every copy at once', async () => {
      const fake = fakeCopy();
      const run = startBackup(FILES, { copy: fake.copy, strategy: 'parallel' });
      await flush();
      assert.deepEqual(run.snapshot().processing, FILES, 'all files are processing before any finishes');
      assert.equal(fake.state.running, 3);
      fake.finish('c.txt');
      await flush();
      assert.deepEqual(run.snapshot(), { pending: [], processing: ['a.txt', 'b.txt'], done: ['c.txt'], failed: [] });
      fake.finish('a.txt');
      fake.finish('b.txt');
      const report = await run.finished;
      assert.deepEqual(report.done, FILES, 'done is in input order, not completion order');
    });

    it('waits for every file even after one fails, unlike a bare Promise.all', async () => {
      const fake = fakeCopy();
      const run = startBackup(FILES, { copy: fake.copy, strategy: 'parallel' });
      let settled = false;
      run.finished.then(() => {
        settled = true;
      });
      await flush();
      fake.fail('a.txt');
      await flush();
      assert.equal(settled, false, 'finished must wait for b.txt and c.txt, which are still copying');
      assert.deepEqual(run.snapshot().failed, ['a.txt']);
      fake.finish('b.txt');
      fake.finish('c.txt');
      const report = await run.finished;
      assert.deepEqual(report.done, ['b.txt', 'c.txt']);
      assert.deepEqual(report.failed.map((f) => f.file), ['a.txt']);
    });
  });

  describe('limited', () => {
    it('never runs more than concurrency copies and starts the next as soon as any finishes', async () => {
      const fake = fakeCopy();
      const files = ['1.log', '2.log', '3.log', '4.log', '5.log'];
      const run = startBackup(files, { copy: fake.copy, strategy: 'limited', concurrency: 2 });
      await flush();
      assert.deepEqual(run.snapshot().processing, ['1.log', '2.log']);
      fake.finish('2.log');
      await flush();
      assert.deepEqual(
        run.snapshot().processing,
        ['1.log', '3.log'],
        '3.log must start when 2.log finishes, without waiting for 1.log (no batches)',
      );
      fake.fail('3.log');
      await flush();
      assert.deepEqual(run.snapshot().processing, ['1.log', '4.log'], 'a failure frees a slot too');
      fake.finish('1.log');
      await flush();
      fake.finish('4.log');
      await flush();
      fake.finish('5.log');
      const report = await run.finished;
      assert.equal(fake.state.peak, 2, 'at most 2 copies at any moment');
      assert.deepEqual(fake.state.started, files, 'files start in input order');
      assert.deepEqual(report.done, ['1.log', '2.log', '4.log', '5.log']);
    });
  });

  describe('report', () => {
    it('lists done and failed files in input order with the original errors', async () => {
      const fake = fakeCopy();
      const files = ['a.txt', 'b.txt', 'c.txt', 'd.txt'];
      const run = startBackup(files, { copy: fake.copy, strategy: 'parallel' });
      await flush();
      const errD = new Error('d.txt: permission denied');
      const errB = new Error('b.txt: disk full');
      fake.fail('d.txt', errD);
      fake.finish('c.txt');
      fake.fail('b.txt', errB);
      fake.finish('a.txt');
      const report = await run.finished;
      assert.equal(report.ok, false, 'ok is false when any file failed');
      assert.deepEqual(report.done, ['a.txt', 'c.txt']);
      assert.deepEqual(report.failed, [
        { file: 'b.txt', error: errB },
        { file: 'd.txt', error: errD },
      ]);
      assert.equal(report.failed[0].error, errB, 'the error must be the rejection value itself');
    });

    it('measures durationMs with the injected clock', async () => {
      const fake = fakeCopy();
      let t = 1_000;
      const run = startBackup(['a.txt', 'b.txt'], { copy: fake.copy, strategy: 'sequential', now: () => t });
      await flush();
      t = 1_100;
      fake.finish('a.txt');
      await flush();
      t = 1_250;
      fake.finish('b.txt');
      const report = await run.finished;
      assert.deepEqual(report, { ok: true, done: ['a.txt', 'b.txt'], failed: [], durationMs: 250 });
    });
  });

  describe('edge cases', () => {
    it('an empty list finishes right away with an ok report, for every strategy', async () => {
      for (const strategy of ['sequential', 'parallel', 'limited']) {
        const run = startBackup([], { copy: () => assert.fail('copy must not be called'), strategy, now: () => 5 });
        assert.deepEqual(run.snapshot(), { pending: [], processing: [], done: [], failed: [] });
        assert.deepEqual(await run.finished, { ok: true, done: [], failed: [], durationMs: 0 }, strategy);
      }
    });

    it('a copy function that throws synchronously counts as a failed file', async () => {
      const boom = new Error('cannot open');
      const copy = (file) => {
        if (file === 'bad.txt') throw boom;
        return Promise.resolve();
      };
      for (const strategy of ['sequential', 'parallel', 'limited']) {
        let run;
        assert.doesNotThrow(() => {
          run = startBackup(['bad.txt', 'good.txt'], { copy, strategy });
        }, `${strategy}: a throwing copy must not escape from startBackup`);
        const report = await run.finished;
        assert.deepEqual(report.failed, [{ file: 'bad.txt', error: boom }], strategy);
        assert.deepEqual(report.done, ['good.txt'], `${strategy}: the other file is still backed up`);
      }
    });
  });

  describe('validation', () => {
    it('throws a TypeError or RangeError for bad arguments, before copying anything', () => {
      let calls = 0;
      const copy = () => {
        calls++;
        return Promise.resolve();
      };
      const typeErrors = [
        ['files is not an array', 'a.txt', { copy }],
        ['a file name is not a string', ['a.txt', 42], { copy }],
        ['a file name is empty', ['a.txt', ''], { copy }],
        ['a file name is repeated', ['a.txt', 'a.txt'], { copy }],
        ['copy is missing', ['a.txt'], {}],
      ];
      for (const [why, files, options] of typeErrors) {
        assert.throws(() => startBackup(files, options), TypeError, why);
      }
      const rangeErrors = [
        ['unknown strategy', { copy, strategy: 'batched' }],
        ['concurrency 0', { copy, strategy: 'limited', concurrency: 0 }],
        ['concurrency 1.5', { copy, strategy: 'limited', concurrency: 1.5 }],
        ['concurrency "2"', { copy, strategy: 'limited', concurrency: '2' }],
      ];
      for (const [why, options] of rangeErrors) {
        assert.throws(() => startBackup(['a.txt'], options), RangeError, why);
      }
      assert.equal(calls, 0, 'no copy may start when the arguments are invalid');
    });
  });
});
