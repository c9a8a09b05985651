// Reference solution: an Express-style middleware pipeline and four classic middleware.
//
// The app is a list of functions. Regular middleware has three parameters (req, res, next);
// error handlers have four (err, req, res, next), and like Express we tell them apart by
// fn.length. While there is no error only regular middleware runs; once there is one, only
// error handlers run, until one of them calls next() without an error.

import { randomUUID } from 'node:crypto';

export class HttpError extends Error {
  constructor(status, message, options) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`HttpError status must be an integer from 400 to 599, got ${String(status)}`);
    }
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
  }
}

/** Writes the JSON error body that both errorHandler and the final handler use. */
function sendError(req, res, status, message) {
  const error = { status, message };
  if (typeof req.id === 'string') error.requestId = req.id;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ error }));
}

// "No error" must be distinguishable from `throw undefined`, so it gets its own marker.
const NO_ERROR = Symbol('no error');

export function createApp() {
  const stack = [];

  /** The safety net after the last layer: nothing answered, or nobody handled the error. */
  function finish(error, req, res) {
    if (res.writableEnded) return;
    if (error === NO_ERROR) sendError(req, res, 404, 'Not Found');
    else sendError(req, res, 500, 'Internal Server Error');
  }

  /** Runs the chain from index on; resolves when that part of the chain is done. */
  async function run(index, error, req, res) {
    const failing = error !== NO_ERROR;
    for (let i = index; i < stack.length; i++) {
      const layer = stack[i];
      // Skip error handlers while all is well, and regular middleware while failing.
      if ((layer.length === 4) !== failing) continue;

      let downstream = null;
      const next = (err) => {
        // A second call would run the rest of the chain twice: ignore it.
        if (downstream === null) {
          downstream = run(i + 1, err === undefined || err === null ? NO_ERROR : err, req, res);
        }
        return downstream;
      };

      try {
        // await covers both sync and async middleware: a sync throw and a rejected
        // promise both land in the catch below.
        await (failing ? layer(error, req, res, next) : layer(req, res, next));
      } catch (thrown) {
        // Once next() has been called the chain has moved on; such late errors are
        // outside this exercise and are dropped here.
        if (downstream === null) next(thrown);
      }
      // If the layer called next (even without awaiting it), wait for the rest of the chain.
      if (downstream !== null) await downstream;
      return;
    }
    finish(error, req, res);
  }

  const app = (req, res) => run(0, NO_ERROR, req, res);
  app.use = (fn) => {
    if (typeof fn !== 'function') throw new TypeError('middleware must be a function');
    stack.push(fn);
    return app;
  };
  return app;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId({ generate = randomUUID } = {}) {
  return (req, res, next) => {
    const incoming = req.headers?.['x-request-id'];
    // Reuse the caller's id so one id follows a request across services, but only if it
    // is short and plain: it ends up in logs and response headers.
    const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : generate();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}

export function responseTime({ now = () => performance.now() } = {}) {
  return (req, res, next) => {
    const start = now();
    const originalEnd = res.end;
    // The header has to be set before the response goes out, and whoever ends the response
    // (a route, an error handler, the final handler) calls res.end: so hook into it.
    res.end = function end(...args) {
      res.end = originalEnd;
      if (!res.headersSent) {
        res.setHeader('X-Response-Time', `${(now() - start).toFixed(2)}ms`);
      }
      return originalEnd.apply(this, args);
    };
    next();
  };
}

/** err.status or err.statusCode when it is an HTTP error status, else 500. */
function statusOf(err) {
  const status = err?.status ?? err?.statusCode;
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}

export function errorHandler({ log = console.error } = {}) {
  return (err, req, res, next) => {
    const status = statusOf(err);
    // Server errors are our bugs: log them, and never show their details to the client.
    if (status >= 500) log(err, req);
    if (res.writableEnded) return;
    const message = status < 500 ? String(err.message) : 'Internal Server Error';
    sendError(req, res, status, message);
  };
}
