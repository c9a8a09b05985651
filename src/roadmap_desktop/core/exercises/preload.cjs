// Loaded with --require into the test processes: caps what the learner's code prints through
// console, so a runaway console.log cannot flood the app or exhaust a small heap. Streams are
// left alone: the test runner's own child-to-parent protocol travels on stdout.
'use strict';
const LIMIT = Number(process.env.RD_OUTPUT_LIMIT || 65536);
let written = 0;
let truncated = false;
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) {
  const original = console[method];
  if (typeof original !== 'function') continue;
  console[method] = function capped(...args) {
    if (truncated) return;
    written += args.reduce((n, a) => n + (typeof a === 'string' ? a.length : 64), 1);
    if (written > LIMIT) {
      truncated = true;
      original.call(console, `[output truncated after ${LIMIT} bytes]`);
      return;
    }
    original.apply(console, args);
  };
}
