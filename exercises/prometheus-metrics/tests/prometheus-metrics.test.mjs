import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Registry, CONTENT_TYPE } from './prometheus-metrics.mjs';

// Builds the expected exposition text from lines, with the final newline.
const text = (...lines) => `${lines.join('\n')}\n`;

describe('Counter', () => {
  it('starts at 0, and inc adds 1 or the given amount', () => {
    const registry = new Registry();
    const jobs = registry.counter({ name: 'jobs_processed_total', help: 'Jobs processed.' });
    const header = ['# HELP jobs_processed_total Jobs processed.', '# TYPE jobs_processed_total counter'];
    assert.equal(registry.metrics(), text(...header, 'jobs_processed_total 0'), 'an unlabeled metric shows 0 before any inc');
    jobs.inc();
    jobs.inc(2.5);
    assert.equal(registry.metrics(), text(...header, 'jobs_processed_total 3.5'));
  });

  it('rejects a negative or non-finite increment with a RangeError and keeps its value', () => {
    const registry = new Registry();
    const c = registry.counter({ name: 'c_total', help: 'c' });
    for (const bad of [-1, NaN, Infinity, '1']) {
      assert.throws(() => c.inc(bad), RangeError, `inc(${String(bad)}) must throw: counters only go up`);
    }
    assert.match(registry.metrics(), /^c_total 0$/m, 'a rejected inc must not change the value');
  });

  it('labels() keeps one series per label combination, in first-use order, with labels in labelNames order', () => {
    const registry = new Registry();
    const requests = registry.counter({
      name: 'http_requests_total',
      help: 'HTTP requests.',
      labelNames: ['method', 'status'],
    });
    assert.equal(
      registry.metrics(),
      text('# HELP http_requests_total HTTP requests.', '# TYPE http_requests_total counter'),
      'a labeled metric has no series until labels() is called',
    );
    requests.labels({ status: 404, method: 'GET' }).inc();
    requests.labels({ method: 'POST', status: '201' }).inc(3);
    requests.labels({ method: 'GET', status: '404' }).inc();
    assert.equal(
      registry.metrics(),
      text(
        '# HELP http_requests_total HTTP requests.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="GET",status="404"} 2',
        'http_requests_total{method="POST",status="201"} 3',
      ),
      'values are converted with String(), so status 404 and "404" are the same series',
    );
  });

  it('throws a TypeError when the label set does not match labelNames exactly', () => {
    const registry = new Registry();
    const requests = registry.counter({ name: 'req_total', help: 'r', labelNames: ['method'] });
    assert.throws(() => requests.labels({}), TypeError, 'a missing label');
    assert.throws(() => requests.labels({ method: 'GET', path: '/' }), TypeError, 'an extra label');
    assert.throws(() => requests.labels({ verb: 'GET' }), TypeError, 'a wrong label name');
    assert.throws(() => requests.inc(), TypeError, 'a labeled metric needs labels(): inc() alone is ambiguous');
    const plain = registry.counter({ name: 'plain_total', help: 'p' });
    assert.throws(() => plain.labels({ method: 'GET' }), TypeError, 'an unlabeled metric takes no labels');
  });
});

describe('Gauge', () => {
  it('set, inc and dec move the value both ways, with and without labels', () => {
    const registry = new Registry();
    const inFlight = registry.gauge({ name: 'in_flight', help: 'Requests in flight.' });
    inFlight.inc();
    inFlight.inc(4);
    inFlight.dec();
    inFlight.dec(10);
    const depth = registry.gauge({ name: 'queue_depth', help: 'Queue depth.', labelNames: ['queue'] });
    depth.labels({ queue: 'email' }).set(12);
    depth.labels({ queue: 'email' }).dec(2);
    depth.labels({ queue: 'sms' }).set(0.5);
    assert.equal(
      registry.metrics(),
      text(
        '# HELP in_flight Requests in flight.',
        '# TYPE in_flight gauge',
        'in_flight -6',
        '# HELP queue_depth Queue depth.',
        '# TYPE queue_depth gauge',
        'queue_depth{queue="email"} 10',
        'queue_depth{queue="sms"} 0.5',
      ),
    );
    assert.throws(() => inFlight.set(NaN), RangeError, 'set(NaN) must throw');
  });
});

describe('Histogram', () => {
  it('observe fills cumulative buckets, +Inf, _sum and _count', () => {
    const registry = new Registry();
    const latency = registry.histogram({
      name: 'http_request_duration_seconds',
      help: 'Request latency.',
      buckets: [0.1, 0.5, 1],
    });
    for (const seconds of [0.05, 0.25, 0.25, 0.75, 3]) latency.observe(seconds);
    assert.equal(
      registry.metrics(),
      text(
        '# HELP http_request_duration_seconds Request latency.',
        '# TYPE http_request_duration_seconds histogram',
        'http_request_duration_seconds_bucket{le="0.1"} 1',
        'http_request_duration_seconds_bucket{le="0.5"} 3',
        'http_request_duration_seconds_bucket{le="1"} 4',
        'http_request_duration_seconds_bucket{le="+Inf"} 5',
        'http_request_duration_seconds_sum 4.3',
        'http_request_duration_seconds_count 5',
      ),
      'each bucket counts every observation <= its bound (cumulative); +Inf equals _count',
    );
  });

  it('le is inclusive: a value equal to a bound counts in that bucket', () => {
    const registry = new Registry();
    const h = registry.histogram({ name: 'h', help: 'h', buckets: [1, 2] });
    h.observe(1);
    h.observe(2);
    h.observe(0);
    assert.match(registry.metrics(), /^h_bucket\{le="1"\} 2$/m, '0 and 1 are both <= 1');
    assert.match(registry.metrics(), /^h_bucket\{le="2"\} 3$/m);
    assert.throws(() => h.observe(NaN), RangeError, 'observe(NaN) must throw');
  });

  it('a labeled series puts le after its own labels, and an unused one prints nothing', () => {
    const registry = new Registry();
    const h = registry.histogram({ name: 'db_query_duration_seconds', help: 'DB time.', labelNames: ['op'], buckets: [0.5] });
    assert.equal(
      registry.metrics(),
      text('# HELP db_query_duration_seconds DB time.', '# TYPE db_query_duration_seconds histogram'),
    );
    h.labels({ op: 'select' }).observe(0.25);
    assert.equal(
      registry.metrics(),
      text(
        '# HELP db_query_duration_seconds DB time.',
        '# TYPE db_query_duration_seconds histogram',
        'db_query_duration_seconds_bucket{op="select",le="0.5"} 1',
        'db_query_duration_seconds_bucket{op="select",le="+Inf"} 1',
        'db_query_duration_seconds_sum{op="select"} 0.25',
        'db_query_duration_seconds_count{op="select"} 1',
      ),
    );
  });

  it('uses the default buckets, and rejects empty, unsorted or non-finite buckets and an le label', () => {
    const registry = new Registry();
    registry.histogram({ name: 'default_buckets', help: 'd' });
    const bounds = [...registry.metrics().matchAll(/le="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(bounds, ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']);
    for (const buckets of [[], [1, 1], [2, 1], [0.1, Infinity], [0.1, NaN]]) {
      assert.throws(
        () => registry.histogram({ name: 'bad', help: 'b', buckets }),
        RangeError,
        `buckets ${JSON.stringify(buckets)} must throw a RangeError`,
      );
    }
    assert.throws(() => registry.histogram({ name: 'bad', help: 'b', labelNames: ['le'] }), TypeError);
  });
});

describe('Registry', () => {
  it('lists metrics in registration order and exports the exposition content type', () => {
    const registry = new Registry();
    assert.equal(registry.metrics(), '', 'an empty registry exports an empty string');
    registry.gauge({ name: 'b_gauge', help: 'second letter, registered first' });
    registry.counter({ name: 'a_total', help: 'first letter, registered second' });
    const output = registry.metrics();
    assert.ok(output.indexOf('b_gauge') < output.indexOf('a_total'), 'registration order, not alphabetical');
    assert.ok(output.endsWith(' 0\n') && !output.endsWith('\n\n'), 'exactly one newline at the end');
    assert.equal(CONTENT_TYPE, 'text/plain; version=0.0.4; charset=utf-8');
  });

  it('escapes backslashes, quotes and newlines in label values, and backslashes and newlines in help', () => {
    const registry = new Registry();
    const c = registry.counter({ name: 'files_total', help: 'Path like C:\\tmp\nsecond line', labelNames: ['path'] });
    c.labels({ path: 'C:\\dir\\"quoted"\nnext' }).inc();
    assert.equal(
      registry.metrics(),
      text(
        '# HELP files_total Path like C:\\\\tmp\\nsecond line',
        '# TYPE files_total counter',
        'files_total{path="C:\\\\dir\\\\\\"quoted\\"\\nnext"} 1',
      ),
    );
  });

  it('rejects invalid metric or label names with a TypeError and a duplicate name with an Error', () => {
    const registry = new Registry();
    for (const name of ['', '1st', 'http-requests', 'has space', undefined]) {
      assert.throws(() => registry.counter({ name, help: 'x' }), TypeError, `metric name ${JSON.stringify(name)}`);
    }
    registry.counter({ name: 'ns:requests_total', help: 'colons are allowed in metric names' });
    for (const label of ['1a', 'a-b', '__reserved', 'a:b']) {
      assert.throws(
        () => registry.gauge({ name: 'g', help: 'x', labelNames: [label] }),
        TypeError,
        `label name ${JSON.stringify(label)}`,
      );
    }
    assert.throws(() => registry.gauge({ name: 'g', help: 'x', labelNames: ['a', 'a'] }), TypeError, 'duplicate labels');
    registry.gauge({ name: 'temperature', help: 't' });
    assert.throws(() => registry.counter({ name: 'temperature', help: 't' }), /already registered/);
  });
});
