// Express-style middleware pipeline. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import { randomUUID } from 'node:crypto';

/** An error that carries an HTTP status (an integer from 400 to 599). */
export class HttpError extends Error {
  constructor(status, message, options) {
    // TODO: RangeError for a bad status; then super(message, options), name, status.
    throw new Error('not implemented');
  }
}

/**
 * Creates an app: a function app(req, res) that runs the middleware and returns a promise
 * resolving when the chain is done, with app.use(fn) to add middleware.
 */
export function createApp() {
  // TODO: keep the middleware in an array; app.use pushes and returns app; app(req, res)
  // walks the array. fn.length === 4 marks an error handler.
  throw new Error('not implemented');
}

/** Middleware: reuses a safe incoming X-Request-Id or generates one; sets req.id and the header. */
export function requestId({ generate = randomUUID } = {}) {
  throw new Error('not implemented');
}

/** Middleware: sets X-Response-Time ("12.50ms") when the response ends. */
export function responseTime({ now = () => performance.now() } = {}) {
  throw new Error('not implemented');
}

/** Error handler (err, req, res, next): answers with a JSON error and logs 5xx errors. */
export function errorHandler({ log = console.error } = {}) {
  throw new Error('not implemented');
}
