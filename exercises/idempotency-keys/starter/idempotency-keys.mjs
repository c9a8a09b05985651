// Idempotency keys for POST requests. Replace the `throw` below.
// See README.md for the exact behaviour the tests expect.

/**
 * @typedef {{ method: string, path: string, headers: Record<string, string>, body?: unknown }} Request
 * @typedef {{ status: number, headers?: Record<string, string>, body?: unknown }} Response
 */

/**
 * Wraps a request handler so that retried POST requests are not processed twice.
 *
 * @param {{ get(key: string): any, set(key: string, value: any): any, delete(key: string): any }} store
 *   synchronous key-value storage for the records (a Map works)
 * @param {(req: Request) => Promise<Response> | Response} handler
 * @param {{ ttlMs?: number, now?: () => number }} [options]  ttlMs defaults to 24 hours
 * @returns {(req: Request) => Promise<Response>}
 */
export function withIdempotency(store, handler, { ttlMs = 24 * 60 * 60 * 1000, now = Date.now } = {}) {
  // TODO: validate the arguments (TypeError, RangeError) here, synchronously.
  // TODO: return an async function (req) => response that
  //   - passes non-POST requests and requests without a key straight to the handler,
  //   - answers 400 / 409 / 422 or replays a stored response,
  //   - otherwise claims the key BEFORE the first await, runs the handler and stores
  //     a copy of the response (not 5xx, not when the handler throws).
  throw new Error('not implemented');
}
