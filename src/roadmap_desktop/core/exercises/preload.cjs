// Loaded with --require into the test processes. It caps what the learner's code prints
// through console, and writes it to stderr: a test file's stdout carries the test runner's
// own events to the parent, and a flood of console output there could hold them back long
// enough for --test-force-exit to drop them (measured: ~1 run in 6 with 64 KB of output).
'use strict';
const { format } = require('node:util');
const LIMIT = Number(process.env.RD_OUTPUT_LIMIT || 65536);
let written = 0;
let truncated = false;
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) {
  if (typeof console[method] !== 'function') continue;
  console[method] = function capped(...args) {
    if (truncated) return;
    const text = format(...args) + '\n';
    written += text.length;
    if (written > LIMIT) {
      truncated = true;
      // The tail of stderr may not reach the runner before the file exits: leave a flag
      // the runner reads, so the learner is always told that output was cut.
      if (process.env.RD_TRUNCATED_FLAG) {
        try { require('node:fs').writeFileSync(process.env.RD_TRUNCATED_FLAG, ''); } catch {}
      }
      process.stderr.write(`[output truncated after ${LIMIT} bytes]\n`);
      return;
    }
    process.stderr.write(text);
  };
}
