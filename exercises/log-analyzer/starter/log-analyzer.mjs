// Streaming access-log analyzer. Replace the `throw` below.
// See README.md for the log format and the exact report the tests expect.

/**
 * @typedef {object} Report
 * @property {number} total        well-formed lines
 * @property {number} malformed    non-blank lines that do not match the format
 * @property {Record<string, number>} statusCounts  status code -> number of lines
 * @property {{ p50: number | null, p95: number | null }} latency  nearest-rank percentiles, in ms
 * @property {{ path: string, count: number }[]} topPaths  the 3 most requested paths
 */

/**
 * Read an access log line by line and summarise it.
 * @param {import('node:stream').Readable} input  emits Buffers or strings, in chunks of any size
 * @returns {Promise<Report>}
 */
export async function analyzeLog(input) {
  // TODO: read the input one line at a time (readline.createInterface + for await works),
  // parse and validate each line, keep running counts and the latencies, then build the report.
  throw new Error('not implemented');
}
