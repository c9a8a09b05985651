import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate, signupSchema, escapeHtml } from './sanitizer.mjs';

const VALID = {
  username: 'ada_lovelace',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
};

const signup = (fields, options) => validate(signupSchema, { ...VALID, ...fields }, options);

// Freezes an object and everything inside it, so any attempt to modify it throws.
function deepFreeze(object) {
  for (const value of Object.values(object)) {
    if (typeof value === 'object' && value !== null) deepFreeze(value);
  }
  return Object.freeze(object);
}

describe('input sanitizer', () => {
  describe('validate with signupSchema', () => {
    it('returns { value } with trimmed, lowercased and defaulted fields for a valid signup', () => {
      const result = validate(signupSchema, {
        username: '  ada_lovelace ',
        email: '  Ada@Example.COM\n',
        password: ' correct horse battery staple ',
        displayName: '  Ada <3  ',
      });
      assert.deepEqual(result, {
        value: {
          username: 'ada_lovelace',
          email: 'ada@example.com',
          password: ' correct horse battery staple ',
          displayName: 'Ada <3',
          newsletter: false,
        },
      }, 'strings trimmed, email lowercased, password untouched, newsletter defaulted, absent age left out');
    });

    it('reports missing required fields: absent, null, or empty after trimming', () => {
      assert.deepEqual(validate(signupSchema, { username: null, email: '   ' }), {
        errors: [
          { path: 'username', message: 'is required' },
          { path: 'email', message: 'is required' },
          { path: 'password', message: 'is required' },
        ],
      });
      assert.deepEqual(
        signup({ password: '' }),
        { errors: [{ path: 'password', message: 'is required' }] },
        'an empty password counts as missing',
      );
      assert.deepEqual(
        signup({ displayName: '   ', age: null }).value,
        { ...VALID, newsletter: false },
        'optional fields that are blank or null are left out of value',
      );
    });

    it('rejects values of the wrong type without coercing them', () => {
      assert.deepEqual(
        validate(signupSchema, {
          username: 42,
          email: ['ada@example.com'],
          password: { length: 10 },
          age: '30',
          newsletter: 'true',
        }),
        {
          errors: [
            { path: 'username', message: 'must be a string' },
            { path: 'email', message: 'must be a string' },
            { path: 'password', message: 'must be a string' },
            { path: 'age', message: 'must be an integer' },
            { path: 'newsletter', message: 'must be a boolean' },
          ],
        },
      );
    });

    it('checks lengths in code points, after trimming', () => {
      assert.deepEqual(signup({ username: '  ab  ' }).errors, [
        { path: 'username', message: 'must be at least 3 characters' },
      ], "'  ab  ' trims to 2 characters");
      assert.deepEqual(signup({ username: 'a'.repeat(21) }).errors, [
        { path: 'username', message: 'must be at most 20 characters' },
      ]);
      assert.equal(
        signup({ displayName: '😀'.repeat(50) }).value?.displayName,
        '😀'.repeat(50),
        '50 emoji are 50 characters (code points), even though their .length is 100',
      );
      assert.deepEqual(signup({ displayName: '😀'.repeat(51) }).errors, [
        { path: 'displayName', message: 'must be at most 50 characters' },
      ]);
      assert.deepEqual(signup({ password: 'x'.repeat(129) }).errors, [
        { path: 'password', message: 'must be at most 128 characters' },
      ]);
    });

    it('checks the username pattern after the length checks', () => {
      assert.deepEqual(signup({ username: 'ada lovelace' }).errors, [
        { path: 'username', message: 'has an invalid format' },
      ]);
      assert.deepEqual(signup({ username: "x' OR '1'='1" }).errors, [
        { path: 'username', message: 'has an invalid format' },
      ]);
      assert.deepEqual(signup({ username: 'a b' }).errors, [
        { path: 'username', message: 'has an invalid format' },
      ], 'three characters long, so the length passes and the pattern decides');
    });

    it('accepts well-formed email addresses and rejects malformed ones', () => {
      for (const email of ['a@b.co', 'first.last+tag@mail.example.org', "o'brien@x-y.io", 'USER@EXAMPLE.COM']) {
        assert.equal(signup({ email }).value?.email, email.toLowerCase(), `${email} must be accepted`);
      }
      const bad = ['ada', 'ada@', '@example.com', 'ada@example', 'ada@@example.com', 'a da@example.com',
        'ada@-example.com', 'ada@example-.com', 'ada@example..com', '<script>@example.com', `${'a'.repeat(65)}@example.com`];
      for (const email of bad) {
        assert.deepEqual(
          signup({ email }).errors,
          [{ path: 'email', message: 'must be a valid email address' }],
          `${email} must be rejected`,
        );
      }
    });

    it('enforces integer bounds on age', () => {
      assert.equal(signup({ age: 13 }).value?.age, 13, '13 is the minimum and is allowed');
      assert.deepEqual(signup({ age: 12 }).errors, [{ path: 'age', message: 'must be at least 13' }]);
      assert.deepEqual(signup({ age: 151 }).errors, [{ path: 'age', message: 'must be at most 150' }]);
      for (const age of [13.5, NaN, Infinity]) {
        assert.deepEqual(signup({ age }).errors, [{ path: 'age', message: 'must be an integer' }], `age ${age}`);
      }
    });

    it('rejects unknown fields by default, including __proto__', () => {
      const input = JSON.parse('{"username":"ada_x","email":"a@b.co","password":"12345678","isAdmin":true,"__proto__":{"role":"admin"}}');
      assert.deepEqual(validate(signupSchema, input), {
        errors: [
          { path: 'isAdmin', message: 'is not allowed' },
          { path: '__proto__', message: 'is not allowed' },
        ],
      }, 'unknown fields are reported after the schema fields, in input order (mass assignment protection)');
    });

    it("strips unknown fields with { unknown: 'strip' } without polluting any prototype", () => {
      const input = JSON.parse('{"username":"ada_x","email":"a@b.co","password":"12345678","isAdmin":true,"__proto__":{"role":"admin"}}');
      const { value } = validate(signupSchema, input, { unknown: 'strip' });
      assert.deepEqual(value, { username: 'ada_x', email: 'a@b.co', password: '12345678', newsletter: false });
      assert.equal(value.role, undefined, 'role must not arrive through a polluted prototype');
      assert.equal(Object.getPrototypeOf(value), Object.prototype, 'value is an ordinary object');
      assert.equal({}.role, undefined, 'Object.prototype must be untouched');
      assert.throws(() => validate(signupSchema, VALID, { unknown: 'ignore' }), TypeError, "unknown must be 'reject' or 'strip'");
    });

    it('reports a single root error for input that is not a plain object', () => {
      for (const input of [null, undefined, [], 'username=ada', 42, new Date()]) {
        assert.deepEqual(
          validate(signupSchema, input),
          { errors: [{ path: '', message: 'must be an object' }] },
          `input ${String(input)}`,
        );
      }
    });

    it('never modifies the input', () => {
      const input = deepFreeze({ username: '  Ada_L  ', email: ' A@B.CO ', password: '12345678', extra: { x: 1 } });
      const copy = structuredClone(input);
      assert.doesNotThrow(() => {
        validate(signupSchema, input);
        validate(signupSchema, input, { unknown: 'strip' });
      }, 'validate must build a new object instead of writing to the input');
      assert.deepEqual(input, copy);
    });
  });

  describe('validate with another schema', () => {
    it('supports number, pattern and default rules', () => {
      const schema = {
        sku: { type: 'string', required: true, pattern: /^[A-Z]{3}-\d{4}$/g },
        price: { type: 'number', required: true, min: 0 },
        qty: { type: 'integer', default: 1, min: 1 },
      };
      assert.deepEqual(validate(schema, { sku: 'ABC-1234', price: 9.99 }), { value: { sku: 'ABC-1234', price: 9.99, qty: 1 } });
      assert.deepEqual(
        validate(schema, { sku: 'ABC-1234', price: 0, qty: 3 }),
        { value: { sku: 'ABC-1234', price: 0, qty: 3 } },
        'the same input must pass again, even though the pattern has the g flag',
      );
      assert.deepEqual(validate(schema, { sku: 'abc-1234', price: -1, qty: 0 }), {
        errors: [
          { path: 'sku', message: 'has an invalid format' },
          { path: 'price', message: 'must be at least 0' },
          { path: 'qty', message: 'must be at least 1' },
        ],
      });
      assert.deepEqual(validate(schema, { sku: 'ABC-1234', price: Infinity }).errors, [
        { path: 'price', message: 'must be a number' },
      ]);
    });
  });

  describe('escapeHtml', () => {
    it('escapes the five HTML-special characters', () => {
      assert.equal(
        escapeHtml(`<img src=x onerror="alert('xss')">`),
        '&lt;img src=x onerror=&quot;alert(&#39;xss&#39;)&quot;&gt;',
      );
      assert.equal(escapeHtml('Tom & Jerry'), 'Tom &amp; Jerry');
      assert.equal(escapeHtml('plain text, nothing to do'), 'plain text, nothing to do');
    });

    it('escapes & exactly once, maps null and undefined to an empty string and converts other values', () => {
      assert.equal(escapeHtml('&lt;'), '&amp;lt;', 'text that looks like an entity is still text: escape its &');
      assert.equal(escapeHtml('<&>'), '&lt;&amp;&gt;', 'an & produced by escaping must not be escaped again');
      assert.equal(escapeHtml(null), '');
      assert.equal(escapeHtml(undefined), '');
      assert.equal(escapeHtml(42), '42');
      assert.equal(escapeHtml({ toString: () => '<b>' }), '&lt;b&gt;');
    });
  });
});
