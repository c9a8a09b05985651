// File backup simulator. Replace the `throw` below.
// See README.md for the exact behaviour the tests expect.

/**
 * Starts backing up `files` with the injected `copy` function and returns at once.
 *
 * @param {string[]} files  unique, non-empty file names
 * @param {object} options
 * @param {(file: string) => Promise<unknown>} options.copy  backs up one file
 * @param {'sequential'|'parallel'|'limited'} [options.strategy='sequential']
 * @param {number} [options.concurrency=2]  the most copies at once for 'limited'
 * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
 * @returns {{
 *   snapshot: () => { pending: string[], processing: string[], done: string[], failed: string[] },
 *   finished: Promise<{ ok: boolean, done: string[], failed: Array<{ file: string, error: unknown }>, durationMs: number }>,
 * }}
 */
export function startBackup(files, { copy, strategy = 'sequential', concurrency = 2, now = Date.now } = {}) {
  // TODO 1: validate the arguments (TypeError / RangeError) before copying anything.
  // TODO 2: keep a status per file: 'pending' -> 'processing' -> 'done' | 'failed'.
  // TODO 3: write one async helper that backs up a single file and never rejects,
  //         then run it one by one, all at once, or with at most `concurrency` at a time.
  // TODO 4: return { snapshot, finished } without waiting for the copies.
  throw new Error('not implemented');
}
