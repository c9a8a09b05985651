import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, withRequestId, currentRequestId } from './structured-logger.mjs';

const T0 = Date.UTC(2024, 0, 15, 9, 30, 0); // 2024-01-15T09:30:00.000Z

// A logger that writes into an array, with a fixed fake clock.
function setup(options = {}) {
  const lines = [];
  const logger = createLogger({ now: () => T0, sink: (line) => lines.push(line), ...options });
  // Every line must be exactly one JSON document followed by one newline.
  const records = () =>
    lines.map((line) => {
      assert.ok(line.endsWith('\n'), 'each sink call must end with a newline');
      assert.ok(!line.slice(0, -1).includes('\n'), 'a log line must not contain a raw newline');
      return JSON.parse(line);
    });
  return { logger, lines, records };
}

// Lets pending callbacks run without waiting for real time.
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  describe('output', () => {
    it('writes one JSON line per call: time, level and msg first, then the fields', () => {
      const { logger, lines } = setup({ base: { service: 'api' } });
      logger.info('user signed in', { userId: 7 });
      logger.warn('slow query');
      assert.deepEqual(lines, [
        '{"time":"2024-01-15T09:30:00.000Z","level":"info","msg":"user signed in","service":"api","userId":7}\n',
        '{"time":"2024-01-15T09:30:00.000Z","level":"warn","msg":"slow query","service":"api"}\n',
      ]);
    });

    it('serializes Errors, at any depth, as type, message, stack and their own properties', () => {
      const { logger, records } = setup();
      const err = Object.assign(new TypeError('bad input'), { code: 'E_INPUT' });
      logger.error('request failed', { err, nested: { errors: [new Error('inner')] } });
      const [record] = records();
      assert.deepEqual(
        record.err,
        { type: 'TypeError', message: 'bad input', stack: err.stack, code: 'E_INPUT' },
        'JSON.stringify(error) gives {}: copy name (as type), message and stack by hand',
      );
      assert.equal(record.nested.errors[0].message, 'inner', 'errors inside objects and arrays are serialized too');
    });

    it('replaces circular references with "[Circular]" instead of throwing', () => {
      const { logger, records } = setup();
      const req = { method: 'GET', headers: { host: 'example.com' } };
      req.self = req;
      req.headers.parent = req;
      const shared = { id: 1 };
      logger.info('incoming', { req, pair: [shared, shared] });
      const [record] = records();
      assert.equal(record.req.self, '[Circular]');
      assert.equal(record.req.headers.parent, '[Circular]');
      assert.deepEqual(record.pair, [{ id: 1 }, { id: 1 }], 'the same object twice side by side is not a cycle');
    });

    it('never lets fields overwrite time, level or msg', () => {
      const { logger, records } = setup();
      logger.info('real message', { time: 'fake', level: 'fatal', msg: 'fake', extra: true });
      assert.deepEqual(records(), [
        { time: '2024-01-15T09:30:00.000Z', level: 'info', msg: 'real message', extra: true },
      ]);
    });
  });

  describe('levels', () => {
    it('drops calls below the configured level without reading the clock', () => {
      let clockReads = 0;
      const lines = [];
      const logger = createLogger({
        level: 'warn',
        sink: (line) => lines.push(line),
        now: () => (clockReads++, T0),
      });
      logger.trace('t');
      logger.debug('d');
      logger.info('i');
      assert.equal(lines.length, 0, 'trace, debug and info are below warn');
      assert.equal(clockReads, 0, 'a filtered call should return before doing any work');
      logger.warn('w');
      logger.error('e');
      logger.fatal('f');
      assert.deepEqual(
        lines.map((line) => JSON.parse(line).level),
        ['warn', 'error', 'fatal'],
      );
    });

    it('defaults to info, exposes the level name and rejects an unknown level with a RangeError', () => {
      const { logger, records } = setup();
      assert.equal(logger.level, 'info');
      logger.debug('hidden');
      logger.info('shown');
      assert.deepEqual(records().map((r) => r.msg), ['shown']);
      assert.equal(createLogger({ level: 'trace', sink() {} }).level, 'trace');
      for (const level of ['verbose', 'INFO', 30, '']) {
        assert.throws(() => createLogger({ level, sink() {} }), RangeError, `level ${JSON.stringify(level)}`);
      }
    });
  });

  describe('child loggers', () => {
    it('a child adds its bindings to every line and leaves the parent unchanged', () => {
      const { logger, records } = setup({ base: { service: 'api' } });
      const child = logger.child({ module: 'billing' });
      child.info('charged');
      logger.info('from parent');
      const [fromChild, fromParent] = records();
      assert.deepEqual(
        { service: fromChild.service, module: fromChild.module },
        { service: 'api', module: 'billing' },
        'a child keeps the base fields and adds its own',
      );
      assert.equal(fromParent.module, undefined, 'child bindings must not leak into the parent');
      assert.equal(child.level, 'info', 'a child shares the level of its parent');
    });

    it('call fields override child bindings, which override base fields', () => {
      const { logger, records } = setup({ level: 'debug', base: { env: 'prod', who: 'base' } });
      const grandchild = logger.child({ who: 'child', a: 1 }).child({ b: 2 });
      grandchild.debug('x');
      grandchild.debug('y', { who: 'call' });
      const [x, y] = records();
      assert.deepEqual(x, { time: x.time, level: 'debug', msg: 'x', env: 'prod', who: 'child', a: 1, b: 2 });
      assert.equal(y.who, 'call');
    });
  });

  describe('redaction', () => {
    it('masks password and authorization at any depth, case-insensitively, without mutating the input', () => {
      const { logger, records } = setup();
      const fields = {
        user: { name: 'ada', password: 'hunter2' },
        headers: { Authorization: 'Bearer abc', accept: 'json' },
        attempts: [{ PASSWORD: 'x' }],
      };
      logger.info('login', fields);
      const [record] = records();
      assert.deepEqual(record.user, { name: 'ada', password: '[REDACTED]' });
      assert.deepEqual(record.headers, { Authorization: '[REDACTED]', accept: 'json' });
      assert.deepEqual(record.attempts, [{ PASSWORD: '[REDACTED]' }], 'objects inside arrays are redacted too');
      assert.equal(fields.user.password, 'hunter2', "the caller's object must not be changed");
    });

    it('a custom redact list replaces the default and also applies to base fields and bindings', () => {
      const { logger, records } = setup({ redact: ['apiKey'], base: { apiKey: 'k-1' } });
      logger.child({ db: { apikey: 'k-2' } }).info('x', { password: 'visible now', token: { apiKey: 'k-3' } });
      const [record] = records();
      assert.equal(record.apiKey, '[REDACTED]');
      assert.deepEqual(record.db, { apikey: '[REDACTED]' });
      assert.deepEqual(record.token, { apiKey: '[REDACTED]' });
      assert.equal(record.password, 'visible now', 'password is only redacted by the default list');
    });
  });

  describe('request id', () => {
    it('lines logged inside withRequestId carry the requestId, also after await and timers', async () => {
      const { logger, records } = setup();
      logger.info('before');
      await withRequestId('req-1', async () => {
        logger.info('start');
        await tick();
        logger.child({ module: 'db' }).info('after await');
        await new Promise((resolve) => setTimeout(resolve, 0));
        logger.info('after timer', { step: 3 });
      });
      logger.info('after');
      assert.deepEqual(
        records().map((r) => [r.msg, r.requestId]),
        [
          ['before', undefined],
          ['start', 'req-1'],
          ['after await', 'req-1'],
          ['after timer', 'req-1'],
          ['after', undefined],
        ],
      );
      assert.ok(!('requestId' in records()[0]), 'outside a request there is no requestId key at all');
    });

    it('concurrent requests keep their own ids', async () => {
      const { logger, records } = setup();
      const handle = (id, delays) =>
        withRequestId(id, async () => {
          for (const step of delays) {
            for (let i = 0; i < step; i++) await tick();
            logger.info(`${id} step`);
          }
        });
      await Promise.all([handle('a', [1, 2, 1]), handle('b', [0, 1, 3])]);
      const mixed = records();
      assert.equal(mixed.length, 6);
      for (const record of mixed) {
        assert.equal(record.requestId, record.msg.split(' ')[0], `line "${record.msg}" has the wrong requestId`);
      }
    });

    it('withRequestId returns the callback result, nests, and currentRequestId reads the id', async () => {
      assert.equal(currentRequestId(), undefined, 'no id outside withRequestId');
      const value = withRequestId('outer', () => {
        const inner = withRequestId('inner', () => currentRequestId());
        return [currentRequestId(), inner];
      });
      assert.deepEqual(value, ['outer', 'inner'], 'a nested call overrides the id only inside it');
      assert.equal(await withRequestId('r', async () => 42), 42, 'async results come back as a promise');
      const { logger, records } = setup();
      withRequestId('r-9', () => logger.info('x', { requestId: 'explicit' }));
      assert.equal(records()[0].requestId, 'explicit', 'a call field overrides the context id');
    });
  });
});
