// Reference solution: an in-memory URL shortener.
//
// Codes come from a counter written in base 62, so two links can never get the same
// generated code, with no random retries. Custom aliases share the same namespace,
// so the generator steps over any value a user has already claimed.

export const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

const ALIAS = /^[A-Za-z0-9_-]{3,32}$/;

export class ShortenerError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ShortenerError';
    this.status = status;
    this.code = code;
  }
}

export function encodeBase62(n) {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`expected a non-negative safe integer, got ${String(n)}`);
  }
  if (n === 0) return ALPHABET[0];
  let code = '';
  // Collect the digits least significant first, prepending each one. (n - digit) / 62
  // divides an exact multiple of 62, so it is an integer without any rounding.
  while (n > 0) {
    const digit = n % 62;
    code = ALPHABET[digit] + code;
    n = (n - digit) / 62;
  }
  return code;
}

export class Shortener {
  #now;
  #nextId;
  /** code -> { url, createdAt, expiresAt, trackClicks, clicks, lastClickedAt } */
  #links = new Map();

  constructor({ now = Date.now, firstId = 62 ** 5 } = {}) {
    if (typeof now !== 'function') throw new TypeError('now must be a function');
    if (!Number.isSafeInteger(firstId) || firstId < 0) {
      throw new RangeError(`firstId must be a non-negative safe integer, got ${String(firstId)}`);
    }
    this.#now = now;
    this.#nextId = firstId;
  }

  shorten(url, { alias, ttlMs, trackClicks = true } = {}) {
    const target = normalizeUrl(url);

    if (ttlMs !== undefined && !(typeof ttlMs === 'number' && Number.isFinite(ttlMs) && ttlMs > 0)) {
      throw new ShortenerError(400, 'INVALID_TTL', 'ttlMs must be a finite number > 0');
    }

    let code;
    if (alias !== undefined) {
      if (typeof alias !== 'string' || !ALIAS.test(alias)) {
        throw new ShortenerError(400, 'INVALID_ALIAS', 'alias must be 3-32 characters from A-Z, a-z, 0-9, _ and -');
      }
      // Expired codes stay in the map on purpose: a code is never handed out twice, so an
      // old printed or bookmarked short link can never start pointing somewhere new.
      if (this.#links.has(alias)) {
        throw new ShortenerError(409, 'ALIAS_TAKEN', `alias ${alias} is already taken`);
      }
      code = alias;
    } else {
      do {
        code = encodeBase62(this.#nextId++);
      } while (this.#links.has(code));
    }

    const createdAt = this.#now();
    const expiresAt = ttlMs === undefined ? null : createdAt + ttlMs;
    this.#links.set(code, { url: target, createdAt, expiresAt, trackClicks, clicks: 0, lastClickedAt: null });
    return { code, url: target, expiresAt };
  }

  resolve(code) {
    const link = this.#find(code);
    if (link.expiresAt !== null && this.#now() >= link.expiresAt) {
      throw new ShortenerError(410, 'EXPIRED', `short link ${code} has expired`);
    }
    if (!link.trackClicks) {
      // 301: browsers and proxies may cache it and never ask us again.
      return { url: link.url, status: 301 };
    }
    // 302: not cached by default, so every click reaches us and can be counted.
    link.clicks++;
    link.lastClickedAt = this.#now();
    return { url: link.url, status: 302 };
  }

  stats(code) {
    const { url, clicks, createdAt, expiresAt, lastClickedAt } = this.#find(code);
    return { code, url, clicks, createdAt, expiresAt, lastClickedAt };
  }

  #find(code) {
    const link = this.#links.get(code);
    if (link === undefined) {
      throw new ShortenerError(404, 'NOT_FOUND', `no short link ${String(code)}`);
    }
    return link;
  }
}

/** The canonical form of an absolute http(s) URL, or a 400 error. */
function normalizeUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new ShortenerError(400, 'INVALID_URL', 'url must be an absolute http or https URL');
  }
  // Rejects javascript:, data:, file: and friends, which must never become redirects.
  if (typeof url !== 'string' || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ShortenerError(400, 'INVALID_URL', 'url must be an absolute http or https URL');
  }
  return parsed.href;
}
