// URL shortener. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An error an HTTP layer can turn into a response: err.status, err.code. */
export class ShortenerError extends Error {
  /**
   * @param {400 | 404 | 409 | 410} status
   * @param {string} code  e.g. 'INVALID_URL', 'ALIAS_TAKEN'
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ShortenerError';
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {number} n  a non-negative safe integer
 * @returns {string} n written in base 62 with ALPHABET, most significant digit first
 */
export function encodeBase62(n) {
  throw new Error('not implemented');
}

export class Shortener {
  /**
   * @param {object} [options]
   * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
   * @param {number} [options.firstId=62 ** 5]  the first counter value ('100000')
   */
  constructor({ now = Date.now, firstId = 62 ** 5 } = {}) {
    throw new Error('not implemented');
  }

  /**
   * @param {string} url  an absolute http(s) URL
   * @param {{ alias?: string, ttlMs?: number, trackClicks?: boolean }} [options]
   * @returns {{ code: string, url: string, expiresAt: number | null }}
   */
  shorten(url, { alias, ttlMs, trackClicks = true } = {}) {
    // TODO: validate url, ttlMs and alias; 409 if the alias exists; otherwise take the next
    //       counter value whose base-62 code is free.
    throw new Error('not implemented');
  }

  /**
   * @param {string} code
   * @returns {{ url: string, status: 301 | 302 }}
   */
  resolve(code) {
    // TODO: 404 unknown, 410 expired; 302 and count the click when tracked, else 301.
    throw new Error('not implemented');
  }

  /**
   * @param {string} code
   * @returns {{ code: string, url: string, clicks: number, createdAt: number, expiresAt: number | null, lastClickedAt: number | null }}
   */
  stats(code) {
    throw new Error('not implemented');
  }
}
