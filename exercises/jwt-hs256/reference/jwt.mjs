// Reference solution: sign and verify HS256 JSON Web Tokens with node:crypto only.
//
// A JWT is three base64url segments joined by dots: header.payload.signature. The
// signature is HMAC-SHA256 over the ASCII bytes "header.payload" exactly as they
// appear in the token, so verify() must never re-encode the JSON it decoded.

import { createHmac, timingSafeEqual } from 'node:crypto';

export class JwtError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'JwtError';
    this.code = code;
  }
}

const HEADER = { alg: 'HS256', typ: 'JWT' };
// base64url without padding: letters, digits, '-' and '_' only.
const SEGMENT = /^[A-Za-z0-9_-]*$/;

function assertSecret(secret) {
  const ok =
    (typeof secret === 'string' && secret.length > 0) ||
    (secret instanceof Uint8Array && secret.length > 0); // Buffer is a Uint8Array
  if (!ok) throw new TypeError('secret must be a non-empty string or Buffer');
}

const isPlainObject = (value) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const encode = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');

const hmac = (secret, signingInput) => createHmac('sha256', secret).update(signingInput).digest();

/** Decodes one segment to a JSON object, or throws ERR_JWT_MALFORMED. */
function decodeObject(segment, what) {
  let value;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('ERR_JWT_MALFORMED', `${what} is not valid JSON`);
  }
  if (!isPlainObject(value)) {
    throw new JwtError('ERR_JWT_MALFORMED', `${what} must be a JSON object`);
  }
  return value;
}

export function sign(payload, secret, { expiresInSec, now = Date.now } = {}) {
  if (!isPlainObject(payload)) throw new TypeError('payload must be a plain object');
  assertSecret(secret);
  if (expiresInSec !== undefined && !(Number.isInteger(expiresInSec) && expiresInSec > 0)) {
    throw new RangeError(`expiresInSec must be an integer > 0, got ${String(expiresInSec)}`);
  }

  const iat = Math.floor(now() / 1000);
  const claims = { ...payload, iat };
  if (expiresInSec !== undefined) claims.exp = iat + expiresInSec;

  const signingInput = `${encode(HEADER)}.${encode(claims)}`;
  return `${signingInput}.${hmac(secret, signingInput).toString('base64url')}`;
}

export function verify(
  token,
  secret,
  { now = Date.now, issuer, audience, clockToleranceSec = 5 } = {},
) {
  assertSecret(secret);

  // 1. Structure: exactly three base64url segments.
  if (typeof token !== 'string') throw new JwtError('ERR_JWT_MALFORMED', 'token must be a string');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) {
    throw new JwtError('ERR_JWT_MALFORMED', 'token must be three base64url segments');
  }
  const [headerPart, payloadPart, signaturePart] = parts;

  // 2. The algorithm is pinned by the server, never chosen by the token. Checking it
  //    first stops "alg": "none" and algorithm-confusion attacks.
  const header = decodeObject(headerPart, 'header');
  if (header.alg !== 'HS256') {
    throw new JwtError('ERR_JWT_ALG', `unsupported alg ${JSON.stringify(header.alg)}`);
  }

  // 3. Signature, in constant time. timingSafeEqual throws on a length mismatch,
  //    so compare lengths first (the length of an HMAC is not a secret).
  const expected = hmac(secret, `${headerPart}.${payloadPart}`);
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new JwtError('ERR_JWT_SIGNATURE', 'invalid signature');
  }

  // 4. Only now is the payload trusted enough to read.
  const payload = decodeObject(payloadPart, 'payload');
  for (const claim of ['exp', 'nbf']) {
    if (Object.hasOwn(payload, claim) && !Number.isFinite(payload[claim])) {
      throw new JwtError('ERR_JWT_MALFORMED', `${claim} must be a number`);
    }
  }

  const nowSec = Math.floor(now() / 1000);
  if (payload.exp !== undefined && nowSec >= payload.exp + clockToleranceSec) {
    throw new JwtError('ERR_JWT_EXPIRED', 'token has expired');
  }
  if (payload.nbf !== undefined && nowSec + clockToleranceSec < payload.nbf) {
    throw new JwtError('ERR_JWT_NOT_BEFORE', 'token is not valid yet');
  }
  if (issuer !== undefined && payload.iss !== issuer) {
    throw new JwtError('ERR_JWT_ISSUER', 'unexpected issuer');
  }
  if (audience !== undefined) {
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.includes(audience)) throw new JwtError('ERR_JWT_AUDIENCE', 'unexpected audience');
  }
  return payload;
}
