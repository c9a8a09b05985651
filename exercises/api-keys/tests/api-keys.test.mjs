import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ApiKeyManager } from './api-keys.mjs';

const MIN = 60_000;
const KEY_FORMAT = /^ak_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

// A fake clock, starting exactly on a minute boundary so fixed windows are easy to reason about.
function fakeClock(start = 1_700_000_040_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

function setup(options = {}) {
  const clock = fakeClock();
  const store = new Map();
  const keys = new ApiKeyManager({ now: clock.now, store, ...options });
  return { clock, store, keys };
}

const bearer = (key) => ({ authorization: `Bearer ${key}` });
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

describe('ApiKeyManager', () => {
  describe('issue', () => {
    it('returns ak_<id>_<secret> with a 16-hex-digit id and a 32-byte base64url secret', () => {
      const { keys } = setup();
      const a = keys.issue('acme');
      const b = keys.issue('acme');
      const match = KEY_FORMAT.exec(a.key);
      assert.ok(match, `key ${a.key} must look like ak_<16 hex digits>_<43 base64url characters>`);
      assert.equal(match[1], a.id, 'the id in the key is the id that issue returns');
      assert.equal(Buffer.from(match[2], 'base64url').length, 32, 'the secret is 32 random bytes');
      assert.notEqual(a.id, b.id);
      assert.notEqual(a.key, b.key);
      assert.equal(new ApiKeyManager({ prefix: 'live' }).issue('x').key.startsWith('live_'), true, 'prefix is configurable');
      assert.throws(() => new ApiKeyManager({ prefix: 'sk_live' }), TypeError, 'a prefix may not contain _');
    });

    it('stores only a SHA-256 hash of the secret, and list never shows the key', () => {
      const { store, keys } = setup();
      const { id, key } = keys.issue('acme', { scopes: ['orders:read'] });
      const secret = KEY_FORMAT.exec(key)[2];
      assert.ok(store.has(id), 'the store is keyed by key id');
      const dump = JSON.stringify([...store.values()]);
      assert.equal(dump.includes(secret), false, 'the raw secret must not be stored');
      assert.ok(dump.includes(sha256(secret)), 'the record holds sha256(secret) as hex');
      const listed = keys.list('acme');
      assert.deepEqual(listed, [{
        id,
        ownerId: 'acme',
        scopes: ['orders:read'],
        rateLimit: { limit: 60, windowMs: 60_000 },
        createdAt: 1_700_000_040_000,
        lastUsedAt: null,
      }], 'list shows metadata with the default rate limit; the key was shown once, by issue');
      assert.deepEqual(keys.list('someone-else'), []);
    });

    it('rejects a bad ownerId or scopes with a TypeError and a bad rateLimit with a RangeError', () => {
      const { keys } = setup();
      for (const ownerId of [undefined, '', 7]) {
        assert.throws(() => keys.issue(ownerId), TypeError, `ownerId ${String(ownerId)}`);
      }
      for (const scopes of ['orders:read', [''], [42]]) {
        assert.throws(() => keys.issue('acme', { scopes }), TypeError, `scopes ${JSON.stringify(scopes)}`);
      }
      for (const rateLimit of [null, { limit: 0, windowMs: 1000 }, { limit: 5 }, { limit: 1.5, windowMs: 1000 }]) {
        assert.throws(() => keys.issue('acme', { rateLimit }), RangeError, `rateLimit ${JSON.stringify(rateLimit)}`);
      }
      assert.deepEqual(keys.list('acme'), [], 'failed calls issue nothing');
    });
  });

  describe('authenticate', () => {
    it('accepts a valid Bearer key and reports the owner, scopes and remaining quota', () => {
      const { clock, keys } = setup();
      const { id, key } = keys.issue('acme', { scopes: ['orders:read', 'orders:write'], rateLimit: { limit: 10, windowMs: MIN } });
      clock.advance(5_000);
      assert.deepEqual(keys.authenticate(bearer(key)), {
        ok: true,
        keyId: id,
        ownerId: 'acme',
        scopes: ['orders:read', 'orders:write'],
        remaining: 9,
      });
      assert.equal(keys.authenticate({ authorization: `bearer   ${key}` }).ok, true, 'the scheme is case-insensitive');
      assert.equal(keys.list('acme')[0].lastUsedAt, clock.now(), 'usage is tracked in lastUsedAt');
    });

    it('answers 401 missing_key without a Bearer authorization header', () => {
      const { keys } = setup();
      const { key } = keys.issue('acme');
      for (const headers of [{}, undefined, { authorization: key }, { authorization: `Basic ${key}` }, { authorization: 'Bearer ' }, { 'x-api-key': key }]) {
        assert.deepEqual(
          keys.authenticate(headers),
          { ok: false, status: 401, error: 'missing_key' },
          `headers ${JSON.stringify(headers)}`,
        );
      }
    });

    it('answers 401 invalid_key for a malformed, unknown or wrong key', () => {
      const { keys } = setup();
      const { id, key } = keys.issue('acme');
      const other = keys.issue('globex');
      const secretOfOther = KEY_FORMAT.exec(other.key)[2];
      const candidates = {
        'a truncated key': key.slice(0, -1),
        'another prefix': key.replace(/^ak_/, 'sk_'),
        'an unknown id': `ak_0000000000000000_${secretOfOther}`,
        "the right id with another key's secret": `ak_${id}_${secretOfOther}`,
        'random text': 'hello',
      };
      for (const [what, candidate] of Object.entries(candidates)) {
        assert.deepEqual(keys.authenticate(bearer(candidate)), { ok: false, status: 401, error: 'invalid_key' }, what);
      }
      assert.equal(keys.list('acme')[0].lastUsedAt, null, 'failed attempts are not usage of the key');
    });

    it('answers 403 insufficient_scope when the key lacks the scope, after counting the request', () => {
      const { keys } = setup();
      const { key } = keys.issue('acme', { scopes: ['orders:read'], rateLimit: { limit: 3, windowMs: MIN } });
      assert.equal(keys.authenticate(bearer(key), { scope: 'orders:read' }).ok, true);
      assert.deepEqual(keys.authenticate(bearer(key), { scope: 'orders:write' }), { ok: false, status: 403, error: 'insufficient_scope' });
      assert.deepEqual(keys.authenticate(bearer(key), { scope: 'orders' }), { ok: false, status: 403, error: 'insufficient_scope' }, 'scopes match exactly');
      assert.equal(keys.authenticate(bearer(key), { scope: 'orders:read' }).error, 'rate_limited', 'the two 403 requests used up quota too');
    });
  });

  describe('rate limits', () => {
    it('allows limit requests per fixed window, then 429 with retryAfterMs until the next window', () => {
      const { clock, keys } = setup(); // the clock starts on a window boundary
      const { key } = keys.issue('acme', { rateLimit: { limit: 3, windowMs: MIN } });
      clock.advance(40_000);
      assert.deepEqual([1, 2, 3].map(() => keys.authenticate(bearer(key)).remaining), [2, 1, 0]);
      assert.deepEqual(
        keys.authenticate(bearer(key)),
        { ok: false, status: 429, error: 'rate_limited', retryAfterMs: 20_000 },
        'the 4th request in the window is refused until the window ends 20 s later',
      );
      clock.advance(19_999);
      assert.equal(keys.authenticate(bearer(key)).retryAfterMs, 1, 'still the same window');
      clock.advance(1);
      assert.equal(keys.authenticate(bearer(key)).remaining, 2, 'windows are aligned to multiples of windowMs, not to the first request');
    });

    it('counts each key separately', () => {
      const { keys } = setup({ defaultRateLimit: { limit: 2, windowMs: MIN } });
      const a = keys.issue('acme');
      const b = keys.issue('acme');
      keys.authenticate(bearer(a.key));
      keys.authenticate(bearer(a.key));
      assert.equal(keys.authenticate(bearer(a.key)).status, 429, 'key a used its 2 requests');
      assert.equal(keys.authenticate(bearer(b.key)).remaining, 1, 'key b has its own counter');
      assert.deepEqual(keys.list('acme')[1].rateLimit, { limit: 2, windowMs: MIN }, 'defaultRateLimit applies when issue gets none');
    });
  });

  describe('revoke and rotate', () => {
    it('revoke makes a key fail at once', () => {
      const { keys } = setup();
      const { id, key } = keys.issue('acme');
      assert.equal(keys.authenticate(bearer(key)).ok, true);
      assert.equal(keys.revoke(id), true);
      assert.equal(keys.authenticate(bearer(key)).error, 'invalid_key');
      assert.deepEqual(keys.list('acme'), []);
      assert.equal(keys.revoke(id), false, 'revoking twice reports false');
    });

    it('rotate keeps the id, and the old key works only until the grace period ends', () => {
      const { clock, keys } = setup();
      const { id, key: oldKey } = keys.issue('acme');
      const rotated = keys.rotate(id, { graceMs: 10 * MIN });
      assert.equal(rotated.id, id, 'the key id stays, only the secret changes');
      assert.match(rotated.key, KEY_FORMAT);
      assert.notEqual(rotated.key, oldKey);
      clock.advance(10 * MIN - 1);
      assert.equal(keys.authenticate(bearer(oldKey)).ok, true, 'old key inside the grace period');
      assert.equal(keys.authenticate(bearer(rotated.key)).ok, true, 'new key');
      clock.advance(1);
      assert.equal(keys.authenticate(bearer(oldKey)).error, 'invalid_key', 'old key once the grace period is over');
      assert.equal(keys.authenticate(bearer(rotated.key)).ok, true, 'the new key has no expiry');

      const another = keys.issue('acme');
      const immediate = keys.rotate(another.id, { graceMs: 0 });
      assert.equal(keys.authenticate(bearer(another.key)).error, 'invalid_key', 'graceMs 0 retires the old key at once');
      assert.equal(keys.authenticate(bearer(immediate.key)).ok, true);
    });

    it('a second rotation never extends an older key, and revoke ends every version', () => {
      const { clock, keys } = setup();
      const first = keys.issue('acme');
      const second = keys.rotate(first.id, { graceMs: 60 * MIN });
      clock.advance(30 * MIN);
      const third = keys.rotate(first.id, { graceMs: 60 * MIN });
      clock.advance(30 * MIN);
      assert.equal(keys.authenticate(bearer(first.key)).error, 'invalid_key', 'the first key still ends 60 min after the first rotation');
      assert.equal(keys.authenticate(bearer(second.key)).ok, true, 'the second key has 30 more minutes');
      assert.equal(keys.authenticate(bearer(third.key)).ok, true);
      keys.revoke(first.id);
      assert.equal(keys.authenticate(bearer(second.key)).error, 'invalid_key', 'revoke ends the old version');
      assert.equal(keys.authenticate(bearer(third.key)).error, 'invalid_key', 'and the current one');
      assert.equal(keys.rotate(first.id), null, 'rotate returns null for an unknown id');
      assert.throws(() => keys.rotate(third.id, { graceMs: -1 }), RangeError);
    });

    it('old and new versions of a rotated key share one rate limit', () => {
      const { keys } = setup();
      const { id, key: oldKey } = keys.issue('acme', { rateLimit: { limit: 2, windowMs: MIN } });
      const { key: newKey } = keys.rotate(id, { graceMs: MIN });
      assert.equal(keys.authenticate(bearer(oldKey)).remaining, 1);
      assert.equal(keys.authenticate(bearer(newKey)).remaining, 0, 'the same key id, so the same counter');
      assert.equal(keys.authenticate(bearer(oldKey)).status, 429, 'rotation is no way around the limit');
    });
  });
});
