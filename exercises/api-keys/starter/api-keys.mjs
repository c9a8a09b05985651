// API key manager. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export class ApiKeyManager {
  /**
   * @param {object} [options]
   * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
   * @param {Map<string, object>} [options.store]  key id -> key record
   * @param {string} [options.prefix='ak']  matches /^[a-z][a-z0-9]*$/
   * @param {{ limit: number, windowMs: number }} [options.defaultRateLimit]  60 per minute
   */
  constructor({
    now = Date.now,
    store = new Map(),
    prefix = 'ak',
    defaultRateLimit = { limit: 60, windowMs: 60_000 },
  } = {}) {
    throw new Error('not implemented');
  }

  /** Creates a key. Returns { id, key }: the only time the full key is ever available. */
  issue(ownerId, { scopes = [], rateLimit } = {}) {
    throw new Error('not implemented');
  }

  /**
   * Checks the Authorization header of a request.
   * @param {Record<string, string>} headers  e.g. req.headers (lowercase names)
   * @param {{ scope?: string }} [options]  a scope the request needs
   * @returns {{ ok: true, keyId, ownerId, scopes, remaining } | { ok: false, status, error, retryAfterMs? }}
   */
  authenticate(headers, { scope } = {}) {
    throw new Error('not implemented');
  }

  /** Metadata of the owner's keys, never a key or a hash. */
  list(ownerId) {
    throw new Error('not implemented');
  }

  /** Deletes the key (every version). Returns true if it existed. */
  revoke(id) {
    throw new Error('not implemented');
  }

  /** Gives the key a new secret; the old one works for graceMs more. Returns { id, key } or null. */
  rotate(id, { graceMs = 24 * 60 * 60_000 } = {}) {
    throw new Error('not implemented');
  }
}
