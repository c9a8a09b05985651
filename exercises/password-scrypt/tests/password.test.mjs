import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { DEFAULT_PARAMS, hashPassword, verifyPassword, needsRehash } from './password.mjs';

// Cheap parameters so each hash takes a few milliseconds. Never use these in production.
const FAST = { N: 1024, r: 8, p: 1 };

const b64 = (buffer) => Buffer.from(buffer).toString('base64url');

function parts(stored) {
  const [id, N, r, p, salt, hash] = stored.split('$');
  return { id, N, r, p, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

// RFC 7914, section 12: scrypt("password", "NaCl", N = 1024, r = 8, p = 16, dkLen = 64).
const RFC_HASH = Buffer.from(
  'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
    '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  'hex',
);

describe('password hashing', () => {
  describe('hashPassword', () => {
    it('returns scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte hash', async () => {
      const stored = await hashPassword('correct horse battery staple', FAST);
      assert.equal(typeof stored, 'string', 'hashPassword must resolve to a string');
      assert.match(
        stored,
        /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/,
        'format: scrypt$N$r$p$salt$hash, numbers in decimal, salt and hash base64url without padding',
      );
      const { salt, hash } = parts(stored);
      assert.equal(salt.length, 16, 'the salt must be 16 random bytes');
      assert.equal(hash.length, 32, 'the hash must be a 32-byte scrypt key');
      assert.doesNotMatch(stored, /correct horse/, 'the password itself must never appear in the output');
    });

    it('derives the hash with scrypt from the stored salt and parameters', async () => {
      const stored = await hashPassword('hunter2', { N: 2048, r: 4, p: 2 });
      const { N, r, p, salt, hash } = parts(stored);
      assert.deepEqual([N, r, p], ['2048', '4', '2'], 'the parameters used must be the ones stored');
      const expected = scryptSync('hunter2', salt, 32, { N: 2048, r: 4, p: 2 });
      assert.ok(hash.equals(expected), 'hash must equal scrypt(password, salt, 32, { N, r, p })');
    });

    it('uses a fresh random salt for every hash', async () => {
      const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
      assert.notEqual(a, b, 'two hashes of one password must differ, or equal passwords show up as equal hashes');
      assert.ok(!parts(a).salt.equals(parts(b).salt), 'each call must draw a new salt from randomBytes');
    });

    it('rejects an empty or non-string password with a TypeError', async () => {
      for (const password of ['', undefined, null, 12345678, Buffer.from('secret')]) {
        await assert.rejects(
          hashPassword(password, FAST),
          TypeError,
          `password ${String(password)} must be rejected with a TypeError`,
        );
      }
    });

    it('rejects parameters outside the allowed ranges with a RangeError', async () => {
      const bad = [{ N: 1000 }, { N: 1 }, { N: 2 ** 21 }, { r: 0 }, { r: 33 }, { p: 1.5 }, { p: 17 }, { N: '1024' }];
      for (const params of bad) {
        await assert.rejects(
          hashPassword('pw', { ...FAST, ...params }),
          RangeError,
          `params ${JSON.stringify(params)} must be rejected with a RangeError`,
        );
      }
    });

    it("sets maxmem from N and r, so N = 2^15 works although it needs more than Node's 32 MiB default", async () => {
      // 128 * N * r = 32 MiB: scrypt with Node's default maxmem fails with "memory limit exceeded".
      const stored = await hashPassword('pw', { N: 2 ** 15, r: 8, p: 1 });
      assert.match(stored, /^scrypt\$32768\$8\$1\$/);
      assert.equal(await verifyPassword('pw', stored), true, 'verifyPassword needs the same maxmem');
    });
  });

  describe('verifyPassword', () => {
    it('resolves true for the right password and false for any other', async () => {
      const stored = await hashPassword('Tr0ub4dor&3', FAST);
      assert.equal(await verifyPassword('Tr0ub4dor&3', stored), true, 'the right password must verify');
      for (const wrong of ['tr0ub4dor&3', 'Tr0ub4dor&3 ', 'Tr0ub4dor&', 'x']) {
        assert.equal(await verifyPassword(wrong, stored), false, `${JSON.stringify(wrong)} must not verify`);
      }
    });

    it('reads N, r, p, salt and key length from the stored string (RFC 7914 test vector)', async () => {
      const stored = `scrypt$1024$8$16$${b64('NaCl')}$${b64(RFC_HASH)}`;
      assert.equal(
        await verifyPassword('password', stored),
        true,
        'verify with the stored N, r, p and salt, and a key as long as the stored hash (64 bytes here)',
      );
      assert.equal(await verifyPassword('Password', stored), false);
    });

    it('resolves false for an empty password and rejects a non-string one', async () => {
      const stored = await hashPassword('x', FAST);
      assert.equal(await verifyPassword('', stored), false, 'an empty password never matches');
      await assert.rejects(verifyPassword(undefined, stored), TypeError, 'a missing password is a TypeError');
    });

    it('rejects a malformed stored hash with a TypeError', async () => {
      const salt = b64('0123456789abcdef');
      const hash = b64(Buffer.alloc(32, 7));
      const malformed = [
        null,
        '',
        'plain-text-password',
        '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
        `scrypt$1024$8$1$${salt}`,
        `argon2$1024$8$1$${salt}$${hash}`,
        `scrypt$1000$8$1$${salt}$${hash}`,
        `scrypt$${2 ** 21}$8$1$${salt}$${hash}`,
        `scrypt$1024$0$1$${salt}$${hash}`,
        `scrypt$1024$8$x$${salt}$${hash}`,
        `scrypt$1024$8$1$$${hash}`,
        `scrypt$1024$8$1$${salt}$`,
        `scrypt$1024$8$1$${salt}$${hash}==`,
      ];
      for (const stored of malformed) {
        await assert.rejects(
          verifyPassword('password', stored),
          TypeError,
          `${JSON.stringify(stored)} must be rejected as malformed, not treated as a wrong password`,
        );
      }
    });

    it('normalises passwords to NFKC, so composed and decomposed accents match', async () => {
      const stored = await hashPassword('caf\u00e9', FAST); // "é" as one code point
      assert.equal(await verifyPassword('cafe\u0301', stored), true, '"e" + combining acute accent is the same password');
      assert.equal(await verifyPassword('cafe', stored), false);
    });

    it('tells apart long passwords that differ only after 72 bytes (unlike bcrypt)', async () => {
      const base = 'a'.repeat(80);
      const stored = await hashPassword(`${base}1`, FAST);
      assert.equal(await verifyPassword(`${base}1`, stored), true);
      assert.equal(await verifyPassword(`${base}2`, stored), false, 'scrypt uses the whole password: do not truncate it');
    });
  });

  describe('needsRehash', () => {
    it('is true when N, r or p differs from the target, false when all match, and throws on garbage', async () => {
      assert.deepEqual({ ...DEFAULT_PARAMS }, { N: 2 ** 17, r: 8, p: 1 }, 'DEFAULT_PARAMS are the production values');
      const stored = await hashPassword('pw', FAST);
      assert.equal(needsRehash(stored, FAST), false, 'same parameters: keep the hash');
      assert.equal(needsRehash(stored, { N: 2048, r: 8, p: 1 }), true, 'a higher N needs a rehash');
      assert.equal(needsRehash(stored, { N: 1024, r: 16, p: 1 }), true, 'a different r needs a rehash');
      assert.equal(needsRehash(stored, { N: 1024, r: 8, p: 2 }), true, 'a different p needs a rehash');
      assert.equal(needsRehash(stored), true, 'without params the target is DEFAULT_PARAMS');
      assert.equal(needsRehash(stored, { r: 8, p: 1, N: 1024 }), false, 'the order of the keys does not matter');
      assert.throws(() => needsRehash('md5$abc'), TypeError, 'a malformed stored hash throws a TypeError');
    });
  });
});
