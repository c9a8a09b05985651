// Password hashing with scrypt. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

/** Given: OWASP's recommended production cost. Tests pass much smaller params. */
export const DEFAULT_PARAMS = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * Hashes password with a fresh 16-byte salt.
 * @param {string} password  non-empty
 * @param {{ N?: number, r?: number, p?: number }} [params]  missing ones come from DEFAULT_PARAMS
 * @returns {Promise<string>} "scrypt$N$r$p$salt$hash" (salt and hash in base64url)
 */
export async function hashPassword(password, params = {}) {
  // TODO: validate password (TypeError) and params (RangeError).
  // TODO: scrypt(password.normalize('NFKC'), salt, 32, { N, r, p, maxmem }).
  throw new Error('not implemented');
}

/**
 * Checks password against a string made by hashPassword.
 * @returns {Promise<boolean>}
 */
export async function verifyPassword(password, stored) {
  // TODO: parse stored (TypeError if malformed), recompute with the stored
  // parameters, salt and key length, compare with timingSafeEqual.
  throw new Error('not implemented');
}

/**
 * Whether stored was made with parameters other than the target ones.
 * @returns {boolean}
 */
export function needsRehash(stored, params = {}) {
  throw new Error('not implemented');
}
