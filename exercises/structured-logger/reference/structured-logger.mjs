// Reference solution: a small structured (JSON lines) logger in the style of pino.

import { AsyncLocalStorage } from 'node:async_hooks';

export const LEVELS = Object.freeze({ trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 });

// One store for the whole process: every logger reads the request id from here, so
// code deep inside a request does not need a logger passed down to it.
const requestContext = new AsyncLocalStorage();

export function withRequestId(requestId, fn) {
  return requestContext.run({ requestId }, fn);
}

export function currentRequestId() {
  return requestContext.getStore()?.requestId;
}

const isPlainObject = (value) => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

// Returns a JSON-friendly copy of `value`: redacted keys masked, Errors turned into
// plain objects, cycles cut. `ancestors` holds the objects on the current path only,
// so the same object appearing twice side by side is not mistaken for a cycle.
function prepare(value, redactKeys, ancestors = new Set()) {
  const isError = value instanceof Error;
  if (!isError && !Array.isArray(value) && !isPlainObject(value)) return value;
  if (ancestors.has(value)) return '[Circular]';
  ancestors.add(value);
  let result;
  if (Array.isArray(value)) {
    result = value.map((item) => prepare(item, redactKeys, ancestors));
  } else {
    // Error's name, message and stack are not enumerable, so copy them by hand.
    result = isError ? { type: value.name, message: value.message, stack: value.stack } : {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = redactKeys.has(key.toLowerCase()) ? '[REDACTED]' : prepare(item, redactKeys, ancestors);
    }
  }
  ancestors.delete(value);
  return result;
}

function makeLogger({ minLevel, sink, now, redactKeys, bindings }) {
  const write = (level, msg, fields) => {
    // Filtering comes first, so a disabled call costs almost nothing.
    if (LEVELS[level] < minLevel) return;
    const requestId = currentRequestId();
    const merged = {
      ...bindings,
      ...(requestId !== undefined && { requestId }),
      ...fields,
    };
    const record = { time: new Date(now()).toISOString(), level, msg };
    for (const [key, value] of Object.entries(prepare(merged, redactKeys))) {
      if (!Object.hasOwn(record, key)) record[key] = value; // the core keys always win
    }
    sink(`${JSON.stringify(record)}\n`);
  };

  const logger = {
    get level() {
      return Object.keys(LEVELS).find((name) => LEVELS[name] === minLevel);
    },
    child(extra = {}) {
      return makeLogger({ minLevel, sink, now, redactKeys, bindings: { ...bindings, ...extra } });
    },
  };
  for (const level of Object.keys(LEVELS)) {
    logger[level] = (msg, fields = {}) => write(level, msg, fields);
  }
  return logger;
}

export function createLogger({
  level = 'info',
  sink = (line) => process.stdout.write(line),
  now = Date.now,
  base = {},
  redact = ['password', 'authorization'],
} = {}) {
  if (!Object.hasOwn(LEVELS, level)) {
    throw new RangeError(`unknown level "${String(level)}"; use one of ${Object.keys(LEVELS).join(', ')}`);
  }
  return makeLogger({
    minLevel: LEVELS[level],
    sink,
    now,
    redactKeys: new Set(redact.map((key) => key.toLowerCase())),
    bindings: { ...base },
  });
}
