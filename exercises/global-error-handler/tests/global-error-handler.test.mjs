import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { installHandlers } from './global-error-handler.mjs';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0); // the injected clock always says this
const TIMESTAMP = '2024-05-01T12:00:00.000Z';

// Lets pending promise callbacks run; setImmediate fires once the microtask queue is empty.
const flush = () => new Promise((resolve) => setImmediate(resolve));

function deferred() {
  let resolve;
  const promise = new Promise((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

// Installs the handlers on a fresh EventEmitter standing in for `process`. The real process
// is never touched: emitting 'uncaughtException' on it from a test would be asking for trouble.
const uninstalls = [];
function setup(options = {}) {
  const processLike = new EventEmitter();
  const reports = [];
  const exits = [];
  const uninstall = installHandlers({
    processLike,
    report: (record) => {
      reports.push(record);
    },
    exit: (code) => {
      exits.push(code);
    },
    now: () => NOW,
    ...options,
  });
  uninstalls.push(uninstall);
  return { processLike, reports, exits, uninstall };
}

afterEach(() => {
  while (uninstalls.length > 0) uninstalls.pop()();
});

const activeTimers = () => process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;

describe('installHandlers', () => {
  describe('installation', () => {
    it('adds one listener per event and the returned uninstall removes exactly those', () => {
      const processLike = new EventEmitter();
      const otherListener = () => {};
      processLike.on('uncaughtException', otherListener);
      const uninstall = installHandlers({ processLike, report: () => {}, exit: () => {} });
      assert.equal(processLike.listenerCount('uncaughtException'), 2, 'one listener added next to the existing one');
      assert.equal(processLike.listenerCount('unhandledRejection'), 1);
      assert.equal(typeof uninstall, 'function', 'installHandlers must return an uninstall function');
      uninstall();
      assert.deepEqual(processLike.listeners('uncaughtException'), [otherListener], "someone else's listener stays");
      assert.equal(processLike.listenerCount('unhandledRejection'), 0);
      assert.doesNotThrow(() => uninstall(), 'calling uninstall twice is harmless');
      assert.deepEqual(processLike.listeners('uncaughtException'), [otherListener]);
    });

    it('throws a TypeError for a missing processLike, report or exit, or an unknown policy', () => {
      const processLike = new EventEmitter();
      const valid = { processLike, report: () => {}, exit: () => {} };
      const cases = [
        ['no options at all', undefined],
        ['no processLike', { ...valid, processLike: undefined }],
        ['a processLike without on and off', { ...valid, processLike: {} }],
        ['no report', { ...valid, report: undefined }],
        ['a report that is not a function', { ...valid, report: 'console.log' }],
        ['no exit', { ...valid, exit: undefined }],
        ['an unknown policy', { ...valid, onUnhandledRejection: 'ignore' }],
      ];
      for (const [label, options] of cases) {
        assert.throws(() => installHandlers(options), TypeError, `${label} must throw a TypeError`);
      }
      assert.equal(processLike.listenerCount('uncaughtException'), 0, 'a failed install must add no listener');
      assert.equal(processLike.listenerCount('unhandledRejection'), 0, 'a failed install must add no listener');
    });
  });

  describe('uncaught exceptions', () => {
    it('reports one structured record with fatal set to true', async () => {
      const { processLike, reports } = setup();
      const error = new RangeError('index out of range');
      processLike.emit('uncaughtException', error, 'uncaughtException');
      await flush();
      assert.deepEqual(reports, [
        {
          type: 'uncaughtException',
          fatal: true,
          name: 'RangeError',
          message: 'index out of range',
          stack: error.stack,
          timestamp: TIMESTAMP,
        },
      ]);
    });

    it('waits for the report to settle, then exits with code 1 and leaves no timer behind', async () => {
      const timersBefore = activeTimers();
      const flushed = deferred();
      const { processLike, exits } = setup({ report: () => flushed.promise });
      processLike.emit('uncaughtException', new Error('boom'));
      await flush();
      assert.deepEqual(exits, [], 'exit must wait until the report has been flushed');
      flushed.resolve();
      await flush();
      assert.deepEqual(exits, [1], 'then exit exactly once, with code 1');
      assert.equal(activeTimers(), timersBefore, 'clear the flush timeout once the report has settled');
    });

    it('still exits with code 1 when report throws or rejects', async () => {
      const unhandled = [];
      const onUnhandled = (reason) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const failingReporters = {
          'throws synchronously': () => {
            throw new Error('disk full');
          },
          'rejects': async () => {
            throw new Error('network down');
          },
        };
        for (const [how, report] of Object.entries(failingReporters)) {
          const { processLike, exits } = setup({ report });
          assert.doesNotThrow(
            () => processLike.emit('uncaughtException', new Error('boom')),
            `a report that ${how} must not throw out of the listener`,
          );
          await flush();
          assert.deepEqual(exits, [1], `a report that ${how} must not prevent the exit`);
        }
        await flush();
        assert.deepEqual(unhandled, [], "the reporter's rejection must be handled, not become a new unhandled rejection");
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });

    it('exits after flushTimeoutMs when the report never settles', async (t) => {
      t.mock.timers.enable({ apis: ['setTimeout'] });
      const { processLike, exits } = setup({ report: () => new Promise(() => {}), flushTimeoutMs: 500 });
      processLike.emit('uncaughtException', new Error('boom'));
      await flush();
      t.mock.timers.tick(499);
      await flush();
      assert.deepEqual(exits, [], 'too early: 499 of 500 ms have passed');
      t.mock.timers.tick(1);
      await flush();
      assert.deepEqual(exits, [1], 'a hanging reporter must not keep a broken process alive');
    });

    it('ignores further errors once shutdown has started', async () => {
      const flushed = deferred();
      const { processLike, reports, exits } = setup({
        report: (record) => {
          reports.push(record);
          return flushed.promise;
        },
      });
      processLike.emit('uncaughtException', new Error('first'));
      processLike.emit('uncaughtException', new Error('second'));
      processLike.emit('unhandledRejection', new Error('third'), Promise.resolve());
      flushed.resolve();
      await flush();
      assert.deepEqual(
        reports.map((record) => record.message),
        ['first'],
        'only the error that started the shutdown is reported',
      );
      assert.deepEqual(exits, [1], 'exit is called once');
    });
  });

  describe('unhandled rejections', () => {
    it('are fatal by default, with their own type in the record', async () => {
      const { processLike, reports, exits } = setup();
      const reason = new Error('query timed out');
      processLike.emit('unhandledRejection', reason, Promise.resolve());
      await flush();
      assert.deepEqual(reports, [
        {
          type: 'unhandledRejection',
          fatal: true,
          name: 'Error',
          message: 'query timed out',
          stack: reason.stack,
          timestamp: TIMESTAMP,
        },
      ]);
      assert.deepEqual(exits, [1], "the default policy 'exit' matches Node's own default since v15");
    });

    it("with onUnhandledRejection: 'report' they are reported as not fatal and the process keeps running", async () => {
      const { processLike, reports, exits } = setup({ onUnhandledRejection: 'report' });
      processLike.emit('unhandledRejection', new Error('one'), Promise.resolve());
      processLike.emit('unhandledRejection', new Error('two'), Promise.resolve());
      await flush();
      assert.deepEqual(
        reports.map(({ type, fatal, message }) => ({ type, fatal, message })),
        [
          { type: 'unhandledRejection', fatal: false, message: 'one' },
          { type: 'unhandledRejection', fatal: false, message: 'two' },
        ],
      );
      assert.deepEqual(exits, [], "policy 'report' never exits for a rejection");
      processLike.emit('uncaughtException', new Error('three'));
      await flush();
      assert.deepEqual(exits, [1], 'uncaught exceptions stay fatal whatever the policy');
    });

    it('records a reason that is not an Error as NonError with a readable message', async () => {
      const { processLike, reports } = setup({ onUnhandledRejection: 'report' });
      for (const reason of ['plain string', undefined, { code: 42 }]) {
        processLike.emit('unhandledRejection', reason, Promise.resolve());
      }
      await flush();
      assert.deepEqual(
        reports.map(({ name, message, stack }) => ({ name, message, stack })),
        [
          { name: 'NonError', message: 'plain string', stack: undefined },
          { name: 'NonError', message: 'undefined', stack: undefined },
          { name: 'NonError', message: '{ code: 42 }', stack: undefined },
        ],
        'strings as they are, anything else through util.inspect',
      );
    });
  });
});
