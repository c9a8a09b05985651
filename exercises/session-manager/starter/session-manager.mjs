// Multi-device session manager. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import { createHash, randomBytes, randomUUID } from 'node:crypto';

const MINUTE = 60_000;

export class SessionManager {
  /**
   * @param {object} [options]
   * @param {number} [options.idleTimeoutMs=30 minutes]  expire after this long without use
   * @param {number} [options.absoluteTimeoutMs=24 hours]  expire this long after create, always
   * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
   * @param {Map<string, object>} [options.store]  sha256(sessionId) hex -> session record
   */
  constructor({
    idleTimeoutMs = 30 * MINUTE,
    absoluteTimeoutMs = 24 * 60 * MINUTE,
    now = Date.now,
    store = new Map(),
  } = {}) {
    throw new Error('not implemented');
  }

  /** Starts a session. Returns { sessionId, handle }; only the hash of sessionId is stored. */
  create(userId, { device = 'unknown' } = {}) {
    throw new Error('not implemented');
  }

  /** The session ({ handle, userId, device, createdAt, lastSeenAt }) or null. Counts as activity. */
  authenticate(sessionId) {
    throw new Error('not implemented');
  }

  /** Replaces the session's id with a new one and returns it (or null). */
  rotate(sessionId) {
    throw new Error('not implemented');
  }

  /** The user's active sessions, oldest first. */
  list(userId) {
    throw new Error('not implemented');
  }

  /** Ends one of the user's sessions by its handle. Returns true if one was ended. */
  revoke(userId, handle) {
    throw new Error('not implemented');
  }

  /** Ends every other session of the current session's user. Returns how many. */
  revokeOthers(sessionId) {
    throw new Error('not implemented');
  }

  /** Ends every session of the user. Returns how many. */
  revokeAll(userId) {
    throw new Error('not implemented');
  }
}
