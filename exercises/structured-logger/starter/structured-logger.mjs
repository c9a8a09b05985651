// Structured JSON logger with child loggers, redaction and a request id.
// Replace every `throw new Error('not implemented')`. See README.md for the exact rules.

import { AsyncLocalStorage } from 'node:async_hooks';

/** Level names and their severities; a logger writes calls at or above its level. */
export const LEVELS = Object.freeze({ trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 });

// TODO: one AsyncLocalStorage for the whole module, shared by every logger.

/**
 * Runs fn() so that every log line written during it, including after awaits and
 * timers, carries `requestId`. Returns whatever fn returns.
 */
export function withRequestId(requestId, fn) {
  throw new Error('not implemented');
}

/** The request id of the current async context, or undefined outside withRequestId. */
export function currentRequestId() {
  throw new Error('not implemented');
}

/**
 * @param {object} [options]
 * @param {'trace'|'debug'|'info'|'warn'|'error'|'fatal'} [options.level='info']  lowest level written
 * @param {(line: string) => void} [options.sink]  receives one JSON line plus '\n' per call
 * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
 * @param {object} [options.base={}]  fields added to every line
 * @param {string[]} [options.redact=['password', 'authorization']]  keys to mask, any case, any depth
 * @returns a logger with trace/debug/info/warn/error/fatal(msg, fields), child(bindings) and level
 */
export function createLogger({
  level = 'info',
  sink = (line) => process.stdout.write(line),
  now = Date.now,
  base = {},
  redact = ['password', 'authorization'],
} = {}) {
  // TODO: validate level (RangeError), then build a logger object. child() needs the
  // same options plus more bound fields, so a helper that builds a logger from
  // { minLevel, sink, now, redactKeys, bindings } saves repeating yourself.
  throw new Error('not implemented');
}
