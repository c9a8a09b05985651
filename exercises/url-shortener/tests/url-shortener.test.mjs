import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Shortener, ShortenerError, encodeBase62, ALPHABET } from './url-shortener.mjs';

// A fake clock: tests move time forward by hand instead of waiting.
function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

// assert.throws validator: a ShortenerError with this HTTP status and code.
const shortenerError = (status, code, label) => (error) => {
  assert.ok(error instanceof ShortenerError, `${label}: expected a ShortenerError, got ${error?.name}: ${error?.message}`);
  assert.equal(error.status, status, `${label}: status`);
  assert.equal(error.code, code, `${label}: code`);
  return true;
};

const ARTICLE = 'https://example.com/articles/2025/how-we-scaled-postgres';

describe('encodeBase62', () => {
  it('uses the digits 0-9, a-z, A-Z, most significant digit first', () => {
    assert.equal(ALPHABET, '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const cases = [
      [0, '0'],
      [9, '9'],
      [10, 'a'],
      [35, 'z'],
      [36, 'A'],
      [61, 'Z'],
      [62, '10'],
      [3843, 'ZZ'],
      [3844, '100'],
      [62 ** 5, '100000'],
      [Number.MAX_SAFE_INTEGER, 'FfGNdXsE7'],
    ];
    for (const [n, expected] of cases) {
      assert.equal(encodeBase62(n), expected, `encodeBase62(${n})`);
    }
  });

  it('throws a RangeError for negative, fractional, unsafe or non-number input', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53, '10', 10n, undefined]) {
      assert.throws(() => encodeBase62(bad), RangeError, `encodeBase62(${String(bad)})`);
    }
  });
});

describe('Shortener', () => {
  describe('shorten', () => {
    it('generated codes are base62 of a counter that starts at firstId, six characters by default', () => {
      const s = new Shortener({ now: fakeClock().now });
      assert.equal(s.shorten(ARTICLE).code, '100000', 'the default firstId is 62 ** 5');
      assert.equal(s.shorten(ARTICLE).code, '100001', 'the counter goes up by one per link');
      const small = new Shortener({ now: fakeClock().now, firstId: 61 });
      assert.deepEqual([small.shorten(ARTICLE).code, small.shorten(ARTICLE).code], ['Z', '10']);
    });

    it('returns the normalized URL and gives the same URL a new code every time', () => {
      const clock = fakeClock();
      const s = new Shortener({ now: clock.now });
      const a = s.shorten('HTTPS://Example.COM');
      assert.deepEqual(a, { code: '100000', url: 'https://example.com/', expiresAt: null }, 'store new URL(url).href');
      const b = s.shorten('https://example.com/');
      assert.notEqual(b.code, a.code, 'shortening a URL twice creates two independent links');
      assert.equal(s.resolve(a.code).url, 'https://example.com/');
    });

    it('rejects anything but an absolute http or https URL with status 400', () => {
      const s = new Shortener({ now: fakeClock().now });
      for (const bad of ['example.com', '/relative/path', '', 'http://', 'javascript:alert(1)', 'ftp://files.example.com/x', 'mailto:a@example.com', 42, null]) {
        assert.throws(() => s.shorten(bad), shortenerError(400, 'INVALID_URL', `url ${String(bad)}`));
      }
      assert.equal(s.shorten(ARTICLE).code, '100000', 'rejected calls must not use up counter values');
    });

    it('rejects a ttlMs that is not a finite number > 0 with status 400', () => {
      const s = new Shortener({ now: fakeClock().now });
      for (const bad of [0, -1, NaN, Infinity, '60000', null]) {
        assert.throws(() => s.shorten(ARTICLE, { ttlMs: bad }), shortenerError(400, 'INVALID_TTL', `ttlMs ${String(bad)}`));
      }
    });
  });

  describe('aliases', () => {
    it('a valid alias becomes the code and does not use up a counter value', () => {
      const s = new Shortener({ now: fakeClock().now });
      assert.equal(s.shorten(ARTICLE, { alias: 'Scaling_PG-2025' }).code, 'Scaling_PG-2025');
      assert.equal(s.resolve('Scaling_PG-2025').url, ARTICLE);
      assert.equal(s.shorten(ARTICLE).code, '100000', 'the next generated code is still the first one');
    });

    it('rejects an alias with other characters or a length outside 3 to 32 with status 400', () => {
      const s = new Shortener({ now: fakeClock().now });
      for (const bad of ['ab', 'a'.repeat(33), '', 'has space', 'a/b', 'dots.not.ok', 'ünïcode', 12345]) {
        assert.throws(() => s.shorten(ARTICLE, { alias: bad }), shortenerError(400, 'INVALID_ALIAS', `alias ${String(bad)}`));
      }
      assert.equal(s.shorten(ARTICLE, { alias: 'a'.repeat(32) }).code, 'a'.repeat(32), '32 characters is allowed');
      assert.equal(s.shorten(ARTICLE, { alias: 'abc' }).code, 'abc', '3 characters is allowed');
    });

    it('an alias already in use, as an alias or as a generated code, is refused with status 409', () => {
      const s = new Shortener({ now: fakeClock().now });
      s.shorten(ARTICLE, { alias: 'promo' });
      assert.throws(() => s.shorten('https://example.com/other', { alias: 'promo' }), shortenerError(409, 'ALIAS_TAKEN', 'taken alias'));
      const { code } = s.shorten(ARTICLE);
      assert.throws(() => s.shorten('https://example.com/other', { alias: code }), shortenerError(409, 'ALIAS_TAKEN', 'generated code'));
      assert.equal(s.resolve('promo').url, ARTICLE, 'a refused alias must not overwrite the existing link');
      assert.ok(s.shorten(ARTICLE, { alias: 'Promo' }), 'codes are case-sensitive: Promo is a different code');
    });

    it('generated codes skip values that were already claimed as aliases', () => {
      const s = new Shortener({ now: fakeClock().now, firstId: 3844 }); // 3844 is '100'
      s.shorten('https://example.com/a', { alias: '101' });
      s.shorten('https://example.com/b', { alias: '102' });
      const codes = [s.shorten(ARTICLE).code, s.shorten(ARTICLE).code, s.shorten(ARTICLE).code];
      assert.deepEqual(codes, ['100', '103', '104'], '101 and 102 belong to aliases, so the counter steps over them');
      assert.equal(s.resolve('101').url, 'https://example.com/a', 'the alias still points to its own URL');
    });
  });

  describe('resolve', () => {
    it('a tracked link answers 302 and counts every click', () => {
      const clock = fakeClock();
      const s = new Shortener({ now: clock.now });
      const created = clock.now();
      const { code } = s.shorten(ARTICLE);
      assert.deepEqual(s.stats(code), { code, url: ARTICLE, clicks: 0, createdAt: created, expiresAt: null, lastClickedAt: null });
      assert.deepEqual(s.resolve(code), { url: ARTICLE, status: 302 }, 'trackClicks defaults to true, which needs a 302');
      clock.advance(5_000);
      s.resolve(code);
      const stats = s.stats(code);
      assert.equal(stats.clicks, 2, 'both resolves must be counted');
      assert.equal(stats.lastClickedAt, created + 5_000, 'lastClickedAt is the time of the latest click');
    });

    it('an untracked link answers 301 and does not count clicks', () => {
      const s = new Shortener({ now: fakeClock().now });
      const { code } = s.shorten(ARTICLE, { trackClicks: false });
      assert.deepEqual(s.resolve(code), { url: ARTICLE, status: 301 }, 'a permanent redirect browsers may cache');
      s.resolve(code);
      assert.equal(s.stats(code).clicks, 0, 'clicks are only counted for tracked links');
      assert.equal(s.stats(code).lastClickedAt, null);
    });

    it('an unknown code answers 404, from resolve and from stats', () => {
      const s = new Shortener({ now: fakeClock().now });
      s.shorten(ARTICLE);
      for (const code of ['nope', '100001', '__proto__', 'constructor']) {
        assert.throws(() => s.resolve(code), shortenerError(404, 'NOT_FOUND', `resolve(${code})`));
        assert.throws(() => s.stats(code), shortenerError(404, 'NOT_FOUND', `stats(${code})`));
      }
    });

    it('a link answers 410 from its expiry instant on, and its code is never handed out again', () => {
      const clock = fakeClock();
      const s = new Shortener({ now: clock.now });
      const created = clock.now();
      const link = s.shorten(ARTICLE, { alias: 'flash-sale', ttlMs: 60_000 });
      assert.equal(link.expiresAt, created + 60_000, 'expiresAt is creation time plus ttlMs');
      clock.advance(59_999);
      assert.equal(s.resolve('flash-sale').status, 302, 'one millisecond before expiry the link still works');
      clock.advance(1);
      assert.throws(() => s.resolve('flash-sale'), shortenerError(410, 'EXPIRED', 'at the expiry instant'));
      assert.equal(s.stats('flash-sale').clicks, 1, 'stats still work after expiry, and the 410 was not counted');
      assert.throws(
        () => s.shorten('https://example.com/other', { alias: 'flash-sale' }),
        shortenerError(409, 'ALIAS_TAKEN', 'reusing an expired code'),
      );
    });
  });
});
