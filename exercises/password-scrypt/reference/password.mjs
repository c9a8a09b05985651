// Reference solution: password hashing with scrypt from node:crypto.
//
// The stored string carries everything needed to verify it later (algorithm,
// cost parameters, salt, hash), so the cost can be raised over time without
// breaking existing users: verify with the stored parameters, then rehash.

import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

/** OWASP's recommended scrypt cost (2^17, 8, 1): about 128 MiB and a few hundred ms per hash. */
export const DEFAULT_PARAMS = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const B64URL = /^[A-Za-z0-9_-]+$/;
const DECIMAL = /^[1-9][0-9]*$/;

const isPowerOfTwo = (n) => Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0;

/** Returns the problem with {N, r, p}, or null when they are within the limits. */
function paramsProblem({ N, r, p }) {
  if (!isPowerOfTwo(N) || N > MAX_N) return `N must be a power of two from 2 to 2^20, got ${N}`;
  if (!Number.isInteger(r) || r < 1 || r > MAX_R) return `r must be an integer from 1 to ${MAX_R}, got ${r}`;
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) return `p must be an integer from 1 to ${MAX_P}, got ${p}`;
  return null;
}

/**
 * scrypt needs 128 * r * (N + p + 2) bytes. Node refuses to use more than `maxmem`,
 * which defaults to 32 MiB, so any N * r >= 2^18 (for example N = 2^15, r = 8) fails
 * with ERR_CRYPTO_INVALID_SCRYPT_PARAMS unless maxmem is raised.
 */
function derive(password, salt, keyLength, { N, r, p }) {
  return scryptAsync(password, salt, keyLength, { N, r, p, maxmem: 128 * r * (N + p + 2) });
}

/** Parses "scrypt$N$r$p$salt$hash", or throws a TypeError. */
function parse(stored) {
  const malformed = () => new TypeError('malformed password hash');
  if (typeof stored !== 'string') throw malformed();
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw malformed();
  const [, n, r, p, salt, hash] = parts;
  if (![n, r, p].every((s) => DECIMAL.test(s))) throw malformed();
  if (!B64URL.test(salt) || !B64URL.test(hash)) throw malformed();
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (paramsProblem(params)) throw malformed();
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

// NFKC makes "é" typed as one code point or as "e" + combining accent the same password.
const normalise = (password) => password.normalize('NFKC');

export async function hashPassword(password, params = {}) {
  if (typeof password !== 'string' || password.length === 0) {
    throw new TypeError('password must be a non-empty string');
  }
  const cost = { ...DEFAULT_PARAMS, ...params };
  const problem = paramsProblem(cost);
  if (problem) throw new RangeError(problem);

  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(normalise(password), salt, KEY_BYTES, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password, stored) {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  const { params, salt, hash } = parse(stored); // a corrupt record is a bug: throw
  if (password.length === 0) return false; // never hashed, so it can never match

  // Recompute with the *stored* parameters and key length, then compare in constant time.
  const candidate = await derive(normalise(password), salt, hash.length, params);
  return timingSafeEqual(candidate, hash);
}

export function needsRehash(stored, params = {}) {
  const target = { ...DEFAULT_PARAMS, ...params };
  const { params: current } = parse(stored);
  return current.N !== target.N || current.r !== target.r || current.p !== target.p;
}
