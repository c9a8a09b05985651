// Reference solution: a tiny Prometheus client with counters, gauges and histograms
// and the text exposition format (version 0.0.4).

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export const DEFAULT_BUCKETS = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeHelp = (text) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabelValue = (text) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function formatValue(n) {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  return String(n);
}

// `{a="1",b="2"}`, or '' when there are no labels. `pairs` is [name, value][] in order.
function formatLabels(pairs) {
  if (pairs.length === 0) return '';
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

function assertFinite(value, what) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${String(value)}`);
  }
}

// Shared by the three metric types: label handling and one stored series per
// combination of label values, kept in a Map so output follows first use.
class Metric {
  #series = new Map(); // key (JSON of the values) -> { values: string[], data }

  // `newData()` returns the initial state of one series for this metric type.
  constructor({ name, help, labelNames = [] }, type, newData) {
    if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
      throw new TypeError(`invalid metric name ${JSON.stringify(name)}`);
    }
    if (typeof help !== 'string') throw new TypeError(`metric ${name}: help must be a string`);
    if (!Array.isArray(labelNames)) throw new TypeError(`metric ${name}: labelNames must be an array`);
    for (const label of labelNames) {
      if (typeof label !== 'string' || !LABEL_NAME.test(label) || label.startsWith('__')) {
        throw new TypeError(`metric ${name}: invalid label name ${JSON.stringify(label)}`);
      }
    }
    if (new Set(labelNames).size !== labelNames.length) {
      throw new TypeError(`metric ${name}: duplicate label names`);
    }
    this.name = name;
    this.help = help;
    this.type = type;
    this.labelNames = [...labelNames];
    this.newData = newData;
    // A metric without labels has exactly one series, and it exists from the start,
    // so it is exported as 0 before anything happens.
    if (this.labelNames.length === 0) this.#seriesFor({});
  }

  // Subclasses return the methods of a child bound to one series' data.
  bind() {
    throw new Error('abstract');
  }

  #seriesFor(labels) {
    if (labels === null || typeof labels !== 'object') {
      throw new TypeError(`metric ${this.name}: labels must be an object`);
    }
    const keys = Object.keys(labels);
    const exact = keys.length === this.labelNames.length && this.labelNames.every((l) => Object.hasOwn(labels, l));
    if (!exact) {
      throw new TypeError(
        `metric ${this.name}: expected labels [${this.labelNames.join(', ')}], got [${keys.join(', ')}]`,
      );
    }
    const values = this.labelNames.map((l) => String(labels[l]));
    const key = JSON.stringify(values);
    let series = this.#series.get(key);
    if (series === undefined) {
      series = { values, data: this.newData() };
      this.#series.set(key, series);
    }
    return series;
  }

  labels(labels) {
    return this.bind(this.#seriesFor(labels).data);
  }

  // The unlabeled shortcut: counter.inc() instead of counter.labels({}).inc().
  unlabeled() {
    if (this.labelNames.length > 0) {
      throw new TypeError(`metric ${this.name} has labels [${this.labelNames.join(', ')}]: use .labels({...})`);
    }
    return this.labels({});
  }

  *series() {
    for (const { values, data } of this.#series.values()) {
      yield { pairs: this.labelNames.map((l, i) => [l, values[i]]), data };
    }
  }

  samples() {
    const lines = [];
    for (const { pairs, data } of this.series()) {
      lines.push(`${this.name}${formatLabels(pairs)} ${formatValue(data.value)}`);
    }
    return lines;
  }
}

export class Counter extends Metric {
  constructor(config) {
    super(config, 'counter', () => ({ value: 0 }));
  }

  bind(data) {
    return {
      inc(amount = 1) {
        assertFinite(amount, 'counter increment');
        if (amount < 0) throw new RangeError('a counter can only go up');
        data.value += amount;
      },
    };
  }

  inc(amount) {
    this.unlabeled().inc(amount);
  }
}

export class Gauge extends Metric {
  constructor(config) {
    super(config, 'gauge', () => ({ value: 0 }));
  }

  bind(data) {
    return {
      set(value) {
        assertFinite(value, 'gauge value');
        data.value = value;
      },
      inc(amount = 1) {
        assertFinite(amount, 'gauge increment');
        data.value += amount;
      },
      dec(amount = 1) {
        assertFinite(amount, 'gauge decrement');
        data.value -= amount;
      },
    };
  }

  set(value) {
    this.unlabeled().set(value);
  }

  inc(amount) {
    this.unlabeled().inc(amount);
  }

  dec(amount) {
    this.unlabeled().dec(amount);
  }
}

export class Histogram extends Metric {
  constructor({ buckets = DEFAULT_BUCKETS, ...config }) {
    // Validate before super() so the unlabeled series is created with good buckets.
    if (!Array.isArray(buckets) || buckets.length === 0) {
      throw new RangeError('buckets must be a non-empty array');
    }
    buckets.forEach((b, i) => {
      assertFinite(b, 'bucket bound');
      if (i > 0 && b <= buckets[i - 1]) throw new RangeError('buckets must be strictly increasing');
    });
    if ((config.labelNames ?? []).includes('le')) {
      throw new TypeError('"le" is reserved for histogram buckets');
    }
    // Per-bucket counts are stored non-cumulatively; samples() adds them up.
    super(config, 'histogram', () => ({ counts: new Array(buckets.length).fill(0), sum: 0, count: 0 }));
    this.buckets = [...buckets];
  }

  bind(data) {
    const buckets = this.buckets;
    return {
      observe(value) {
        assertFinite(value, 'observed value');
        const index = buckets.findIndex((bound) => value <= bound); // le is inclusive
        if (index !== -1) data.counts[index]++;
        data.sum += value;
        data.count++;
      },
    };
  }

  observe(value) {
    this.unlabeled().observe(value);
  }

  samples() {
    const lines = [];
    for (const { pairs, data } of this.series()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += data.counts[i];
        lines.push(`${this.name}_bucket${formatLabels([...pairs, ['le', formatValue(bound)]])} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${formatLabels([...pairs, ['le', '+Inf']])} ${data.count}`);
      lines.push(`${this.name}_sum${formatLabels(pairs)} ${formatValue(data.sum)}`);
      lines.push(`${this.name}_count${formatLabels(pairs)} ${data.count}`);
    }
    return lines;
  }
}

export class Registry {
  #metrics = new Map();

  #register(metric) {
    if (this.#metrics.has(metric.name)) {
      throw new Error(`a metric named ${metric.name} is already registered`);
    }
    this.#metrics.set(metric.name, metric);
    return metric;
  }

  counter(config) {
    return this.#register(new Counter(config));
  }

  gauge(config) {
    return this.#register(new Gauge(config));
  }

  histogram(config) {
    return this.#register(new Histogram(config));
  }

  metrics() {
    const lines = [];
    for (const metric of this.#metrics.values()) {
      lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`);
      lines.push(`# TYPE ${metric.name} ${metric.type}`);
      lines.push(...metric.samples());
    }
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }
}
