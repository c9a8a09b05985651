// Reference solution: a one-pass, line-by-line access-log analyzer.
import { createInterface } from 'node:readline';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const METHOD = /^[A-Z]+$/;
const STATUS = /^[1-5]\d\d$/;
const LATENCY = /^(\d+(?:\.\d+)?)ms$/;

/**
 * Parses one line. Returns null for a malformed line, undefined for a blank one.
 */
function parseLine(line) {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) return null;
  const [timestamp, method, target, status, latency] = fields;
  const latencyMatch = LATENCY.exec(latency);
  if (
    !TIMESTAMP.test(timestamp) ||
    !METHOD.test(method) ||
    !target.startsWith('/') ||
    !STATUS.test(status) ||
    !latencyMatch
  ) {
    return null;
  }
  const query = target.indexOf('?');
  return {
    path: query === -1 ? target : target.slice(0, query),
    status,
    latencyMs: Number(latencyMatch[1]),
  };
}

// Nearest-rank percentile of an ascending array: the smallest value that at least
// p% of the values are less than or equal to.
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

export async function analyzeLog(input) {
  let total = 0;
  let malformed = 0;
  const statusCounts = {};
  const pathCounts = new Map();
  // Percentiles need every value. A log with billions of lines would use a
  // fixed-size histogram or a sketch (HdrHistogram, t-digest) instead.
  const latencies = [];

  // readline splits on \n and \r\n across chunk boundaries, decodes UTF-8 safely,
  // and its async iterator rejects when the input stream emits 'error'.
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const entry = parseLine(line);
    if (entry === undefined) continue;
    if (entry === null) {
      malformed++;
      continue;
    }
    total++;
    statusCounts[entry.status] = (statusCounts[entry.status] ?? 0) + 1;
    pathCounts.set(entry.path, (pathCounts.get(entry.path) ?? 0) + 1);
    latencies.push(entry.latencyMs);
  }

  latencies.sort((a, b) => a - b); // numeric sort: the default sort compares strings
  const topPaths = [...pathCounts]
    .map(([path, count]) => ({ path, count }))
    .sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, 3);

  return {
    total,
    malformed,
    statusCounts,
    latency: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    topPaths,
  };
}
