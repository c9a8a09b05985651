// Reference solution: API keys with hashed secrets, scopes, per-key fixed-window
// rate limits, revocation and rotation with a grace period.
//
// A key looks like `ak_<id>_<secret>`. The id is public and is the lookup key, so
// authenticating is one store read plus one hash comparison, never a scan over
// every hash. The secret is shown once and only its SHA-256 is kept.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const DAY = 24 * 60 * 60_000;

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

const isPositiveInteger = (n) => Number.isInteger(n) && n >= 1;

function checkRateLimit(rateLimit) {
  if (
    typeof rateLimit !== 'object' ||
    rateLimit === null ||
    !isPositiveInteger(rateLimit.limit) ||
    !isPositiveInteger(rateLimit.windowMs)
  ) {
    throw new RangeError('rateLimit must be { limit, windowMs } with integers >= 1');
  }
  return { limit: rateLimit.limit, windowMs: rateLimit.windowMs };
}

const fail = (status, error, extra = {}) => ({ ok: false, status, error, ...extra });

export class ApiKeyManager {
  #now;
  #store;
  #prefix;
  #defaultRateLimit;
  #keyPattern;

  constructor({
    now = Date.now,
    store = new Map(),
    prefix = 'ak',
    defaultRateLimit = { limit: 60, windowMs: 60_000 },
  } = {}) {
    if (typeof prefix !== 'string' || !/^[a-z][a-z0-9]*$/.test(prefix)) {
      throw new TypeError('prefix must match /^[a-z][a-z0-9]*$/');
    }
    this.#now = now;
    this.#store = store;
    this.#prefix = prefix;
    this.#defaultRateLimit = checkRateLimit(defaultRateLimit);
    // The prefix has no '_' and the id is hex, so the secret (base64url, which may
    // contain '_') is simply everything after the second separator.
    this.#keyPattern = new RegExp(`^${prefix}_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$`);
  }

  #newSecret(id) {
    const secret = randomBytes(32).toString('base64url');
    return { key: `${this.#prefix}_${id}_${secret}`, hash: sha256(secret) };
  }

  issue(ownerId, { scopes = [], rateLimit = this.#defaultRateLimit } = {}) {
    if (typeof ownerId !== 'string' || ownerId === '') throw new TypeError('ownerId must be a non-empty string');
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && s !== '')) {
      throw new TypeError('scopes must be an array of non-empty strings');
    }
    const limits = checkRateLimit(rateLimit);

    let id;
    do id = randomBytes(8).toString('hex');
    while (this.#store.has(id));

    const { key, hash } = this.#newSecret(id);
    this.#store.set(id, {
      id,
      ownerId,
      scopes: [...scopes],
      rateLimit: limits,
      createdAt: this.#now(),
      lastUsedAt: null,
      secrets: [{ hash, expiresAt: null }], // expiresAt: null = no expiry
      window: { index: -1, count: 0 },
    });
    return { id, key };
  }

  /** The record whose active secret matches `key`, or null. */
  #lookup(key, t) {
    const match = this.#keyPattern.exec(key);
    if (!match) return null;
    const [, id, secret] = match;
    const record = this.#store.get(id);
    if (record === undefined) return null;

    record.secrets = record.secrets.filter((s) => s.expiresAt === null || t < s.expiresAt);
    const candidate = Buffer.from(sha256(secret), 'hex');
    // Check every active secret (at most two in practice) in constant time.
    let found = false;
    for (const { hash } of record.secrets) {
      if (timingSafeEqual(candidate, Buffer.from(hash, 'hex'))) found = true;
    }
    return found ? record : null;
  }

  authenticate(headers, { scope } = {}) {
    const header = headers?.authorization;
    const bearer = typeof header === 'string' ? /^bearer +(\S+)$/i.exec(header) : null;
    if (!bearer) return fail(401, 'missing_key');

    const t = this.#now();
    const record = this.#lookup(bearer[1], t);
    if (record === null) return fail(401, 'invalid_key');
    record.lastUsedAt = t;

    // Fixed window aligned to multiples of windowMs, like INCR + EXPIRE in Redis.
    const { limit, windowMs } = record.rateLimit;
    const index = Math.floor(t / windowMs);
    if (record.window.index !== index) record.window = { index, count: 0 };
    record.window.count++;
    if (record.window.count > limit) {
      return fail(429, 'rate_limited', { retryAfterMs: (index + 1) * windowMs - t });
    }

    if (scope !== undefined && !record.scopes.includes(scope)) return fail(403, 'insufficient_scope');

    return {
      ok: true,
      keyId: record.id,
      ownerId: record.ownerId,
      scopes: [...record.scopes],
      remaining: limit - record.window.count,
    };
  }

  list(ownerId) {
    const keys = [];
    for (const record of this.#store.values()) {
      if (record.ownerId !== ownerId) continue;
      const { id, scopes, rateLimit, createdAt, lastUsedAt } = record;
      keys.push({ id, ownerId, scopes: [...scopes], rateLimit: { ...rateLimit }, createdAt, lastUsedAt });
    }
    return keys;
  }

  revoke(id) {
    return this.#store.delete(id);
  }

  rotate(id, { graceMs = DAY } = {}) {
    if (!Number.isInteger(graceMs) || graceMs < 0) throw new RangeError('graceMs must be an integer >= 0');
    const record = this.#store.get(id);
    if (record === undefined) return null;

    const t = this.#now();
    // Old secrets keep working until the grace period ends, but a second rotation
    // never gives an older secret more time than it already had.
    for (const secret of record.secrets) {
      const end = t + graceMs;
      secret.expiresAt = secret.expiresAt === null ? end : Math.min(secret.expiresAt, end);
    }
    const { key, hash } = this.#newSecret(id);
    record.secrets.push({ hash, expiresAt: null });
    return { id, key };
  }
}
