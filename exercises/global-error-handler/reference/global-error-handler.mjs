// Reference solution: last-resort handlers for 'uncaughtException' and 'unhandledRejection'.
//
// After an uncaught exception the process is in an unknown state (a half-done request, a
// lock never released), so the only safe move is: record what happened, give the record a
// moment to leave the process, and exit. The handler must also survive its own failures:
// a reporter that throws must not stop the exit, and must not start a second report.

import { inspect } from 'node:util';

const POLICIES = new Set(['exit', 'report']);

// The fields of a record that describe the thrown value, which need not be an Error.
function describeValue(value) {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return {
    name: 'NonError',
    message: typeof value === 'string' ? value : inspect(value),
    stack: undefined,
  };
}

export function installHandlers({
  processLike,
  report,
  exit,
  onUnhandledRejection = 'exit',
  flushTimeoutMs = 2000,
  now = Date.now,
} = {}) {
  if (typeof processLike?.on !== 'function' || typeof processLike?.off !== 'function') {
    throw new TypeError('processLike must be an EventEmitter such as process');
  }
  if (typeof report !== 'function') throw new TypeError('report must be a function');
  if (typeof exit !== 'function') throw new TypeError('exit must be a function');
  if (!POLICIES.has(onUnhandledRejection)) {
    throw new TypeError(`onUnhandledRejection must be 'exit' or 'report', got ${String(onUnhandledRejection)}`);
  }

  let shuttingDown = false;

  const makeRecord = (type, fatal, value) => ({
    type,
    fatal,
    ...describeValue(value),
    timestamp: new Date(now()).toISOString(),
  });

  // Calls report and always returns a promise that fulfils: a reporter that throws or
  // rejects must neither stop the shutdown nor cause an unhandled rejection of its own.
  const safeReport = (record) => {
    try {
      return Promise.resolve(report(record)).catch(() => {});
    } catch {
      return Promise.resolve(); // nowhere left to report the reporter's failure
    }
  };

  const shutDown = (record) => {
    shuttingDown = true;
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(resolve, flushTimeoutMs);
    });
    // Exit when the report has been flushed, or when waiting longer is pointless.
    Promise.race([safeReport(record), timedOut]).then(() => {
      clearTimeout(timer);
      exit(1);
    });
  };

  const onException = (error) => {
    if (shuttingDown) return; // one report, one exit: later errors are side effects
    shutDown(makeRecord('uncaughtException', true, error));
  };

  const onRejection = (reason) => {
    if (shuttingDown) return;
    if (onUnhandledRejection === 'report') {
      safeReport(makeRecord('unhandledRejection', false, reason));
      return;
    }
    shutDown(makeRecord('unhandledRejection', true, reason));
  };

  processLike.on('uncaughtException', onException);
  processLike.on('unhandledRejection', onRejection);

  let installed = true;
  return function uninstall() {
    if (!installed) return;
    installed = false;
    processLike.off('uncaughtException', onException);
    processLike.off('unhandledRejection', onRejection);
  };
}
