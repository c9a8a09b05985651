import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { analyzeLog } from './log-analyzer.mjs';

// A Readable that delivers `text` as UTF-8 Buffers of `size` bytes, so lines (and even
// characters) are cut at arbitrary places, as they are when reading a real file.
function chunked(text, size = 7) {
  const bytes = Buffer.from(text, 'utf8');
  const chunks = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

// One well-formed line.
const entry = (path, status = 200, latency = '10ms', method = 'GET') =>
  `2024-05-01T12:00:00.000Z ${method} ${path} ${status} ${latency}`;

// n lines with latencies 1..n ms, in a shuffled order so the input is not already sorted.
const latencyLog = (n) =>
  Array.from({ length: n }, (_, i) => entry('/x', 200, `${((i * 37) % n) + 1}ms`)).join('\n');

const EXAMPLE = `2024-05-01T12:00:00.000Z GET /api/users 200 12ms
2024-05-01T12:00:00.250Z GET /api/users?page=2 200 18ms
2024-05-01T12:00:01.010Z POST /api/orders 201 95ms
2024-05-01T12:00:01.500Z GET /api/orders/42 404 7ms
this line is not a log entry
2024-05-01T12:00:02.000Z GET /api/users 500 1200ms
2024-05-01T12:00:02.100Z GET /health 200 1ms
2024-05-01T12:00:03.000Z POST /api/orders 201 88.5ms
`;

describe('analyzeLog', () => {
  describe('report', () => {
    it('summarises the example log from the README', async () => {
      const report = await analyzeLog(chunked(EXAMPLE));
      assert.deepEqual(report, {
        total: 7,
        malformed: 1,
        statusCounts: { 200: 3, 201: 2, 404: 1, 500: 1 },
        latency: { p50: 18, p95: 1200 },
        topPaths: [
          { path: '/api/users', count: 3 },
          { path: '/api/orders', count: 2 },
          { path: '/api/orders/42', count: 1 },
        ],
      });
    });

    it('computes p50 and p95 with the nearest-rank method', async () => {
      assert.deepEqual((await analyzeLog(chunked(latencyLog(100)))).latency, { p50: 50, p95: 95 });
      assert.deepEqual((await analyzeLog(chunked(latencyLog(20)))).latency, { p50: 10, p95: 19 });
      const four = ['40ms', '10ms', '30ms', '20ms'].map((ms) => entry('/x', 200, ms)).join('\n');
      assert.deepEqual((await analyzeLog(chunked(four))).latency, { p50: 20, p95: 40 });
    });

    it('sorts latencies as numbers and keeps decimals', async () => {
      const log = ['100ms', '9ms', '20.5ms', '1000ms', '3ms'].map((ms) => entry('/x', 200, ms)).join('\n');
      const { latency } = await analyzeLog(chunked(log));
      assert.deepEqual(latency, { p50: 20.5, p95: 1000 }, "a string sort would put '1000' before '9'");
    });

    it('reports an empty log as zeros, nulls and empty collections', async () => {
      for (const text of ['', '\n\n   \n']) {
        assert.deepEqual(await analyzeLog(chunked(text)), {
          total: 0,
          malformed: 0,
          statusCounts: {},
          latency: { p50: null, p95: null },
          topPaths: [],
        });
      }
    });

    it('ranks paths by count, ignores query strings and breaks ties alphabetically', async () => {
      const log = [
        entry('/b'), entry('/c?x=1'), entry('/a'), entry('/c'), entry('/b?page=2'), entry('/d'), entry('/a/'),
      ].join('\n');
      assert.deepEqual((await analyzeLog(chunked(log))).topPaths, [
        { path: '/b', count: 2 },
        { path: '/c', count: 2 },
        { path: '/a', count: 1 },
      ]);
      const two = [entry('/only'), entry('/only'), entry('/other')].join('\n');
      assert.deepEqual(
        (await analyzeLog(chunked(two))).topPaths,
        [{ path: '/only', count: 2 }, { path: '/other', count: 1 }],
        'with fewer than 3 distinct paths, list them all',
      );
    });
  });

  describe('parsing', () => {
    it('counts malformed lines without letting them change the statistics', async () => {
      const bad = [
        'garbage',
        '2024-05-01T12:00:00.000Z GET /x 200', // a field missing
        '2024-05-01T12:00:00.000Z GET /x 200 10ms extra', // a field too many
        'yesterday GET /x 200 10ms', // not an ISO timestamp
        '2024-05-01 12:00:00 GET /x 200 10ms', // space instead of T: six fields
        '2024-05-01T12:00:00.000Z get /x 200 10ms', // lowercase method
        '2024-05-01T12:00:00.000Z GET x 200 10ms', // path without a leading /
        '2024-05-01T12:00:00.000Z GET /x 2000 10ms', // status with 4 digits
        '2024-05-01T12:00:00.000Z GET /x 600 10ms', // status out of range
        '2024-05-01T12:00:00.000Z GET /x OK 10ms', // status not a number
        '2024-05-01T12:00:00.000Z GET /x 200 10', // no ms unit
        '2024-05-01T12:00:00.000Z GET /x 200 -5ms', // negative latency
        '2024-05-01T12:00:00.000Z GET /x 200 fastms',
      ];
      const log = [entry('/ok', 200, '5ms'), ...bad, entry('/ok', 201, '7ms')].join('\n');
      const report = await analyzeLog(chunked(log));
      assert.equal(report.malformed, bad.length, 'every one of the bad lines must count as malformed');
      assert.equal(report.total, 2, 'only the two good lines count');
      assert.deepEqual(report.statusCounts, { 200: 1, 201: 1 });
      assert.deepEqual(report.latency, { p50: 5, p95: 7 });
      assert.deepEqual(report.topPaths, [{ path: '/ok', count: 2 }]);
    });

    it('skips blank lines and accepts CRLF endings, tabs and extra spaces', async () => {
      const log = `\r\n${entry('/a')}\r\n   \r\n2024-05-01T12:00:00Z\tDELETE  /a\t204   3ms  \r\n\n`;
      const report = await analyzeLog(chunked(log, 5));
      assert.equal(report.total, 2, 'both entries are well-formed');
      assert.equal(report.malformed, 0, 'blank lines are neither entries nor malformed');
      assert.deepEqual(report.statusCounts, { 200: 1, 204: 1 });
    });

    it('joins lines and UTF-8 characters cut between chunks, and reads a last line without a newline', async () => {
      const log = `${entry('/café')}\n${entry('/café')}\n${entry('/naïve', 404)}`;
      for (const size of [1, 3, 8, 1000]) {
        const report = await analyzeLog(chunked(log, size));
        assert.deepEqual(
          report.topPaths,
          [{ path: '/café', count: 2 }, { path: '/naïve', count: 1 }],
          `with ${size}-byte chunks`,
        );
        assert.equal(report.total, 3, `with ${size}-byte chunks the last line must be counted too`);
      }
    });
  });

  describe('streaming', () => {
    it('reads a large log produced lazily, one chunk at a time', async () => {
      const statuses = [200, 200, 200, 301, 404, 500];
      function* generate() {
        // 6,000 lines, 50 per chunk, made only when the consumer asks for more.
        for (let start = 0; start < 6_000; start += 50) {
          let chunk = '';
          for (let i = start; i < start + 50; i++) {
            chunk += `${entry(`/item/${i % 5}`, statuses[i % 6], `${(i % 200) + 1}ms`)}\n`;
          }
          yield chunk;
        }
      }
      const report = await analyzeLog(Readable.from(generate()));
      assert.equal(report.total, 6_000);
      assert.deepEqual(report.statusCounts, { 200: 3_000, 301: 1_000, 404: 1_000, 500: 1_000 });
      assert.deepEqual(report.latency, { p50: 100, p95: 190 });
      assert.deepEqual(report.topPaths.map((p) => p.count), [1_200, 1_200, 1_200]);
      assert.deepEqual(report.topPaths.map((p) => p.path), ['/item/0', '/item/1', '/item/2']);
    });

    it('rejects with the stream error when the input fails', async () => {
      const boom = new Error('disk read failed');
      const input = new Readable({
        read() {
          this.push(`${entry('/a')}\n`);
          this.destroy(boom);
        },
      });
      await assert.rejects(analyzeLog(input), (error) => {
        assert.equal(error, boom, 'analyzeLog must reject with the original error');
        return true;
      });
    });
  });
});
