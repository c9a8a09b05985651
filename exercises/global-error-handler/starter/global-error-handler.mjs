// Last-resort handlers for 'uncaughtException' and 'unhandledRejection'.
// Replace the `throw` below. See README.md for the exact behaviour the tests expect.

/**
 * @param {object} options
 * @param {import('node:events').EventEmitter} options.processLike  `process`, or a stand-in in tests
 * @param {(record: object) => unknown} options.report  sends one record; may return a promise (the flush)
 * @param {(code: number) => void} options.exit  `process.exit`, or a stand-in in tests
 * @param {'exit' | 'report'} [options.onUnhandledRejection='exit']
 * @param {number} [options.flushTimeoutMs=2000]  the longest to wait for report before exiting
 * @param {() => number} [options.now=Date.now]  the clock for the record's timestamp
 * @returns {() => void} uninstall: removes exactly the listeners this call added
 */
export function installHandlers({
  processLike,
  report,
  exit,
  onUnhandledRejection = 'exit',
  flushTimeoutMs = 2000,
  now = Date.now,
} = {}) {
  // TODO: TypeError for a missing processLike/report/exit or an unknown policy.
  // TODO: build records { type, fatal, name, message, stack, timestamp }.
  // TODO: fatal path: report once, wait for it (at most flushTimeoutMs), then exit(1) once.
  // TODO: 'report' policy: report rejections with fatal: false and keep running.
  // TODO: add both listeners and return a function that removes them.
  throw new Error('not implemented');
}
