// Reference solution: server-side sessions for several devices per user.
//
// The client holds a random session id (in a cookie). The server stores only its
// SHA-256 hash, so a leaked copy of the session store cannot be replayed as cookies.
// A plain fast hash is enough here: 32 random bytes cannot be brute-forced, unlike
// passwords, which is why passwords need scrypt and session ids do not.

import { createHash, randomBytes, randomUUID } from 'node:crypto';

const MINUTE = 60_000;

const hashId = (sessionId) => createHash('sha256').update(sessionId).digest('hex');

// What callers see: never the id, never the hash.
const view = ({ handle, userId, device, createdAt, lastSeenAt }) => ({
  handle,
  userId,
  device,
  createdAt,
  lastSeenAt,
});

export class SessionManager {
  #idleTimeoutMs;
  #absoluteTimeoutMs;
  #now;
  /** sha256(sessionId) hex -> { handle, userId, device, createdAt, lastSeenAt } */
  #store;

  constructor({
    idleTimeoutMs = 30 * MINUTE,
    absoluteTimeoutMs = 24 * 60 * MINUTE,
    now = Date.now,
    store = new Map(),
  } = {}) {
    for (const [name, value] of [['idleTimeoutMs', idleTimeoutMs], ['absoluteTimeoutMs', absoluteTimeoutMs]]) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new RangeError(`${name} must be a finite number > 0, got ${String(value)}`);
      }
    }
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#absoluteTimeoutMs = absoluteTimeoutMs;
    this.#now = now;
    this.#store = store;
  }

  #isExpired(record, t) {
    return t - record.lastSeenAt >= this.#idleTimeoutMs || t - record.createdAt >= this.#absoluteTimeoutMs;
  }

  /** The live record for a raw session id and its key, or null. Deletes it if expired. */
  #find(sessionId) {
    if (typeof sessionId !== 'string' || sessionId === '') return null;
    const key = hashId(sessionId);
    const record = this.#store.get(key);
    if (record === undefined) return null;
    if (this.#isExpired(record, this.#now())) {
      this.#store.delete(key);
      return null;
    }
    return { key, record };
  }

  /** Live [key, record] pairs of one user; expired ones are deleted on the way. */
  #sessionsOf(userId) {
    const t = this.#now();
    const live = [];
    for (const [key, record] of [...this.#store]) {
      if (record.userId !== userId) continue;
      if (this.#isExpired(record, t)) this.#store.delete(key);
      else live.push([key, record]);
    }
    return live;
  }

  create(userId, { device = 'unknown' } = {}) {
    if (typeof userId !== 'string' || userId === '') throw new TypeError('userId must be a non-empty string');
    if (typeof device !== 'string') throw new TypeError('device must be a string');
    const sessionId = randomBytes(32).toString('base64url');
    const handle = randomUUID();
    const t = this.#now();
    this.#store.set(hashId(sessionId), { handle, userId, device, createdAt: t, lastSeenAt: t });
    return { sessionId, handle };
  }

  authenticate(sessionId) {
    const found = this.#find(sessionId);
    if (found === null) return null;
    found.record.lastSeenAt = this.#now(); // sliding idle timeout
    return view(found.record);
  }

  rotate(sessionId) {
    const found = this.#find(sessionId);
    if (found === null) return null;
    // Same session (handle, user, createdAt), new secret. The old id dies right
    // away, so an id planted or stolen before the privilege change is worthless.
    const newId = randomBytes(32).toString('base64url');
    this.#store.delete(found.key);
    this.#store.set(hashId(newId), { ...found.record, lastSeenAt: this.#now() });
    return newId;
  }

  list(userId) {
    return this.#sessionsOf(userId)
      .map(([, record]) => view(record))
      .sort((a, b) => a.createdAt - b.createdAt); // stable: equal times keep creation order
  }

  revoke(userId, handle) {
    for (const [key, record] of this.#sessionsOf(userId)) {
      if (record.handle === handle) return this.#store.delete(key);
    }
    return false;
  }

  revokeOthers(sessionId) {
    const found = this.#find(sessionId);
    if (found === null) return 0;
    found.record.lastSeenAt = this.#now();
    let count = 0;
    for (const [key] of this.#sessionsOf(found.record.userId)) {
      if (key !== found.key && this.#store.delete(key)) count++;
    }
    return count;
  }

  revokeAll(userId) {
    let count = 0;
    for (const [key] of this.#sessionsOf(userId)) {
      if (this.#store.delete(key)) count++;
    }
    return count;
  }
}
