// JWT (HS256) with node:crypto. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import { createHmac, timingSafeEqual } from 'node:crypto';

/** Given: every verification failure is a JwtError with one of the codes in README.md. */
export class JwtError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'JwtError';
    this.code = code;
  }
}

/**
 * Signs payload as an HS256 JWT.
 * @param {object} payload  a plain object; iat (and exp) are added to a copy
 * @param {string | Buffer} secret  the HMAC key, non-empty
 * @param {{ expiresInSec?: number, now?: () => number }} [options]  now returns milliseconds
 * @returns {string} header.payload.signature, each base64url without padding
 */
export function sign(payload, secret, { expiresInSec, now = Date.now } = {}) {
  // TODO: validate the arguments (TypeError / RangeError).
  // TODO: header {"alg":"HS256","typ":"JWT"}, claims { ...payload, iat, exp? }.
  // TODO: HMAC-SHA256 over `${header}.${payload}`, encoded as base64url.
  throw new Error('not implemented');
}

/**
 * Verifies an HS256 JWT and returns its payload, or throws a JwtError.
 * @param {string} token
 * @param {string | Buffer} secret
 * @param {{ now?: () => number, issuer?: string, audience?: string, clockToleranceSec?: number }} [options]
 * @returns {object} the decoded payload
 */
export function verify(token, secret, { now = Date.now, issuer, audience, clockToleranceSec = 5 } = {}) {
  // TODO: in this order: structure, header and alg, signature (timingSafeEqual),
  // payload, exp, nbf, iss, aud.
  throw new Error('not implemented');
}
