// A tiny Prometheus client: counters, gauges, histograms and the text exposition
// format. Replace every `throw new Error('not implemented')`. See README.md for the rules.

/** The Content-Type header for registry.metrics() output. */
export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Used when a histogram is created without `buckets` (the same as prom-client's). */
export const DEFAULT_BUCKETS = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

export class Registry {
  /**
   * Creates and registers a counter: a value that only goes up.
   * Returned object: inc(amount = 1) and labels(values) -> { inc(amount = 1) }.
   * @param {{ name: string, help: string, labelNames?: string[] }} config
   */
  counter(config) {
    throw new Error('not implemented');
  }

  /**
   * Creates and registers a gauge: a value that goes up and down.
   * Returned object: set(v), inc(amount = 1), dec(amount = 1) and labels(values) -> { set, inc, dec }.
   * @param {{ name: string, help: string, labelNames?: string[] }} config
   */
  gauge(config) {
    throw new Error('not implemented');
  }

  /**
   * Creates and registers a histogram: counts observations in buckets.
   * Returned object: observe(v) and labels(values) -> { observe(v) }.
   * @param {{ name: string, help: string, labelNames?: string[], buckets?: number[] }} config
   */
  histogram(config) {
    throw new Error('not implemented');
  }

  /** Every metric in the Prometheus text exposition format, ending with '\n' ('' if none). */
  metrics() {
    throw new Error('not implemented');
  }
}

// TODO: the three metric types share most of their code (name and label validation,
// one stored series per combination of label values, labels()). A base class or a
// helper function keeps that in one place.
