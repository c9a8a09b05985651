import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { sign, verify, JwtError } from './jwt.mjs';

// The example token from jwt.io, signed with the secret 'your-256-bit-secret'.
const JWT_IO_SECRET = 'your-256-bit-secret';
const JWT_IO_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
  '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ' +
  '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

// RFC 7515, appendix A.1: the header and payload contain "\r\n " and the key is raw bytes.
const RFC_KEY = Buffer.from(
  'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
  'base64url',
);
const RFC_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
  '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
  '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

const SECRET = 'test-secret-of-reasonable-length';
const T0 = 1_700_000_000; // a fixed "now", in seconds
const at = (sec) => () => sec * 1000; // a clock frozen at `sec` seconds, in milliseconds

const b64 = (value) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

// Builds a token by hand with any header and payload, HMAC-SHA256 signed with `secret`.
function craft(header, payload, secret = SECRET) {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const decodePayload = (token) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

// Asserts that fn throws a JwtError with this code.
function throwsCode(fn, code, message) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof JwtError, `${message}: expected a JwtError, got ${error?.name}: ${error?.message}`);
    assert.equal(error.code, code, `${message}: wrong error code`);
    return true;
  });
}

describe('jwt', () => {
  describe('sign', () => {
    it('reproduces the jwt.io example token for a fixed secret and clock', () => {
      const token = sign({ sub: '1234567890', name: 'John Doe' }, JWT_IO_SECRET, {
        now: at(1516239022),
      });
      assert.equal(
        token,
        JWT_IO_TOKEN,
        'header must be {"alg":"HS256","typ":"JWT"}, payload keys first then iat, base64url without padding',
      );
    });

    it('sets iat from the injected clock and exp to iat + expiresInSec', () => {
      const token = sign({ sub: 'u1' }, SECRET, { now: () => T0 * 1000 + 999, expiresInSec: 60 });
      assert.doesNotMatch(token, /[=+/]/, 'a JWT uses base64url without padding: no "=", "+" or "/"');
      assert.deepEqual(
        decodePayload(token),
        { sub: 'u1', iat: T0, exp: T0 + 60 },
        'iat is whole seconds (rounded down) and exp = iat + expiresInSec',
      );
      const noExp = decodePayload(sign({ sub: 'u1' }, SECRET, { now: at(T0) }));
      assert.equal('exp' in noExp, false, 'without expiresInSec there is no exp claim');
    });

    it('rejects a non-object payload, an empty secret and a bad expiresInSec', () => {
      for (const payload of [null, 'text', 42, ['a']]) {
        assert.throws(() => sign(payload, SECRET), TypeError, `payload ${JSON.stringify(payload)} must throw a TypeError`);
      }
      for (const secret of ['', undefined, 123, Buffer.alloc(0)]) {
        assert.throws(() => sign({}, secret), TypeError, `secret ${String(secret)} must throw a TypeError`);
      }
      for (const expiresInSec of [0, -5, 1.5, '60', NaN]) {
        assert.throws(
          () => sign({}, SECRET, { expiresInSec }),
          RangeError,
          `expiresInSec ${String(expiresInSec)} must throw a RangeError`,
        );
      }
    });
  });

  describe('verify', () => {
    it('returns the payload of a valid token, including the jwt.io example', () => {
      const token = sign({ sub: 'u1', role: 'admin' }, SECRET, { now: at(T0), expiresInSec: 60 });
      assert.deepEqual(verify(token, SECRET, { now: at(T0 + 10) }), {
        sub: 'u1',
        role: 'admin',
        iat: T0,
        exp: T0 + 60,
      });
      assert.deepEqual(verify(JWT_IO_TOKEN, JWT_IO_SECRET), {
        sub: '1234567890',
        name: 'John Doe',
        iat: 1516239022,
      });
    });

    it('checks the signature over the segments as received, with a Buffer secret (RFC 7515 A.1)', () => {
      const payload = verify(RFC_TOKEN, RFC_KEY, { now: at(1300819300) });
      assert.equal(payload.iss, 'joe', 'sign "header.payload" exactly as it appears in the token; never re-encode the JSON');
      assert.equal(payload['http://example.com/is_root'], true);
    });

    it('rejects a wrong secret or a changed payload or signature with ERR_JWT_SIGNATURE', () => {
      const token = sign({ sub: 'u1', role: 'user' }, SECRET, { now: at(T0) });
      const [h, p, s] = token.split('.');
      throwsCode(() => verify(token, 'another-secret', { now: at(T0) }), 'ERR_JWT_SIGNATURE', 'wrong secret');

      const forged = b64({ sub: 'u1', role: 'admin', iat: T0 });
      throwsCode(() => verify(`${h}.${forged}.${s}`, SECRET, { now: at(T0) }), 'ERR_JWT_SIGNATURE', 'payload changed');

      const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      throwsCode(() => verify(`${h}.${p}.${flipped}`, SECRET, { now: at(T0) }), 'ERR_JWT_SIGNATURE', 'signature changed');
      // A signature of the wrong length makes timingSafeEqual throw a RangeError: check lengths first.
      throwsCode(() => verify(`${h}.${p}.${s.slice(0, 20)}`, SECRET, { now: at(T0) }), 'ERR_JWT_SIGNATURE', 'short signature');
      throwsCode(() => verify(`${h}.${p}.`, SECRET, { now: at(T0) }), 'ERR_JWT_SIGNATURE', 'empty signature');
    });

    it('rejects alg none and every alg other than HS256 with ERR_JWT_ALG', () => {
      const payload = { sub: 'u1', iat: T0 };
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
      throwsCode(() => verify(unsigned, SECRET, { now: at(T0) }), 'ERR_JWT_ALG', 'alg "none" with no signature');
      for (const alg of ['none', 'None', 'HS512', 'RS256', 'hs256', undefined]) {
        // Correctly HMAC-SHA256 signed, so only the header's alg is wrong.
        const token = craft({ alg, typ: 'JWT' }, payload);
        throwsCode(() => verify(token, SECRET, { now: at(T0) }), 'ERR_JWT_ALG', `alg ${String(alg)}`);
      }
    });

    it('rejects malformed tokens with ERR_JWT_MALFORMED', () => {
      const good = sign({ sub: 'u1' }, SECRET, { now: at(T0) });
      const [h, p, s] = good.split('.');
      const cases = {
        'a number': 42,
        'an empty string': '',
        'two segments': `${h}.${p}`,
        'four segments': `${good}.${s}`,
        'padding in a segment': `${h}=.${p}.${s}`,
        'a "+" in a segment': `${h}.${p}+.${s}`,
        'a header that is not JSON': `${b64('not json')}.${p}.${s}`,
        'a header that is a JSON array': `${b64('["HS256"]')}.${p}.${s}`,
        'a header that is JSON null': `${b64('null')}.${p}.${s}`,
        'a signed payload that is an array': craft({ alg: 'HS256' }, [1, 2]),
        'a signed payload that is not JSON': craft({ alg: 'HS256' }, '{"sub":'),
        'a signed payload whose exp is a string': craft({ alg: 'HS256' }, { exp: 'tomorrow' }),
      };
      for (const [what, token] of Object.entries(cases)) {
        throwsCode(() => verify(token, SECRET, { now: at(T0) }), 'ERR_JWT_MALFORMED', what);
      }
    });

    it('rejects an expired token with ERR_JWT_EXPIRED, allowing clockToleranceSec (default 5)', () => {
      const token = sign({ sub: 'u1' }, SECRET, { now: at(T0), expiresInSec: 60 }); // exp = T0 + 60
      assert.equal(verify(token, SECRET, { now: at(T0 + 64) }).sub, 'u1', '4 s past exp is inside the default 5 s tolerance');
      throwsCode(() => verify(token, SECRET, { now: at(T0 + 65) }), 'ERR_JWT_EXPIRED', 'exp + 5 s');
      assert.equal(
        verify(token, SECRET, { now: () => (T0 + 59) * 1000 + 999, clockToleranceSec: 0 }).sub,
        'u1',
        'with no tolerance the token is valid until the second of exp',
      );
      throwsCode(() => verify(token, SECRET, { now: at(T0 + 60), clockToleranceSec: 0 }), 'ERR_JWT_EXPIRED', 'exactly exp, no tolerance');
    });

    it('rejects a token used before nbf with ERR_JWT_NOT_BEFORE, allowing the same tolerance', () => {
      const token = craft({ alg: 'HS256', typ: 'JWT' }, { sub: 'u1', nbf: T0 + 100 });
      throwsCode(() => verify(token, SECRET, { now: at(T0) }), 'ERR_JWT_NOT_BEFORE', '100 s early');
      throwsCode(() => verify(token, SECRET, { now: at(T0 + 94) }), 'ERR_JWT_NOT_BEFORE', '6 s early');
      assert.equal(verify(token, SECRET, { now: at(T0 + 95) }).sub, 'u1', '5 s early is inside the tolerance');
      assert.equal(verify(token, SECRET, { now: at(T0 + 100), clockToleranceSec: 0 }).sub, 'u1', 'valid from nbf itself');
    });

    it('checks iss and aud only when issuer and audience are given', () => {
      const token = sign({ iss: 'auth.example', aud: ['api', 'admin'] }, SECRET, { now: at(T0) });
      const opts = { now: at(T0) };
      assert.equal(verify(token, SECRET, { ...opts, issuer: 'auth.example', audience: 'admin' }).iss, 'auth.example');
      throwsCode(() => verify(token, SECRET, { ...opts, issuer: 'evil.example' }), 'ERR_JWT_ISSUER', 'other issuer');
      throwsCode(() => verify(token, SECRET, { ...opts, audience: 'billing' }), 'ERR_JWT_AUDIENCE', 'audience not in the array');

      const single = sign({ aud: 'api' }, SECRET, { now: at(T0) });
      assert.equal(verify(single, SECRET, { ...opts, audience: 'api' }).aud, 'api', 'aud may be a single string');
      throwsCode(() => verify(single, SECRET, { ...opts, issuer: 'auth.example' }), 'ERR_JWT_ISSUER', 'missing iss');
      throwsCode(() => verify(single, SECRET, { ...opts, audience: 'ap' }), 'ERR_JWT_AUDIENCE', 'no substring matches');
    });

    it('checks the signature before any claim, and throws JwtError instances', () => {
      const expired = sign({ sub: 'u1' }, SECRET, { now: at(T0), expiresInSec: 60 });
      let caught;
      try {
        verify(expired, 'wrong-secret', { now: at(T0 + 3600) });
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof JwtError, 'verify must throw a JwtError');
      assert.ok(caught instanceof Error, 'JwtError must extend Error');
      assert.equal(caught.name, 'JwtError');
      assert.equal(caught.code, 'ERR_JWT_SIGNATURE', 'a forged token must never get as far as the exp check');
      assert.throws(() => verify(expired, ''), TypeError, 'an empty secret is a programming error: TypeError');
    });
  });
});
