import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, ConflictError, NotFoundError, ValidationError, toHttp } from './errors.mjs';

// The one body every unknown error must turn into.
const GENERIC_500 = {
  status: 500,
  body: {
    error: { name: 'InternalServerError', code: 'INTERNAL_ERROR', message: 'Internal Server Error', status: 500 },
  },
};

describe('error hierarchy', () => {
  describe('AppError', () => {
    it('is an Error with a message and defaults for code, status and isOperational', () => {
      const err = new AppError('Something broke');
      assert.ok(err instanceof Error, 'AppError must extend Error');
      assert.equal(err.message, 'Something broke');
      assert.equal(err.code, 'INTERNAL_ERROR');
      assert.equal(err.status, 500);
      assert.equal(err.isOperational, true, 'errors you create on purpose are operational by default');
      assert.equal(typeof err.stack, 'string', 'the stack trace must be kept');
    });

    it('takes code, status, isOperational and the standard cause from its options', () => {
      const low = new Error('ECONNREFUSED 10.0.0.5:5432');
      const err = new AppError('Payment provider unavailable', {
        code: 'PAYMENT_UNAVAILABLE',
        status: 503,
        isOperational: false,
        cause: low,
      });
      assert.equal(err.code, 'PAYMENT_UNAVAILABLE');
      assert.equal(err.status, 503);
      assert.equal(err.isOperational, false);
      assert.equal(err.cause, low, 'the cause must be the original error object');
      assert.equal(Object.hasOwn(new AppError('no cause'), 'cause'), false, 'without the option there is no cause property');
    });

    it('rejects a status that is not an HTTP error status with a RangeError', () => {
      for (const status of [200, 302, 399, 600, 404.5, '404', null]) {
        assert.throws(() => new AppError('x', { status }), RangeError, `status ${JSON.stringify(status)} must be rejected`);
      }
      assert.equal(new AppError('x', { status: 418 }).status, 418, 'any status from 400 to 599 is fine');
    });

    it('toJSON gives name, code, message and status, and never the stack or the cause', () => {
      const err = new AppError('Quota exceeded', { code: 'QUOTA', status: 429, cause: new Error('redis said: secret-host:6379') });
      assert.deepEqual(err.toJSON(), { name: 'AppError', code: 'QUOTA', message: 'Quota exceeded', status: 429 });
      const json = JSON.stringify(err);
      assert.deepEqual(JSON.parse(json), err.toJSON(), 'JSON.stringify must use toJSON');
      assert.ok(!json.includes('secret-host'), 'the cause must not be serialised');
      assert.ok(!json.includes('    at '), 'the stack must not be serialised');
    });
  });

  describe('subclasses', () => {
    it('NotFoundError builds its message from the resource and id, with status 404', () => {
      const err = new NotFoundError('User', 42);
      assert.equal(err.message, "User '42' not found");
      assert.equal(err.status, 404);
      assert.equal(err.code, 'NOT_FOUND');
      assert.equal(err.resource, 'User');
      assert.equal(err.id, 42);
      assert.equal(new NotFoundError('Route').message, 'Route not found', 'without an id there are no quotes');
      const cause = new Error('0 rows');
      assert.equal(new NotFoundError('Order', 'A-1', { cause }).cause, cause, 'options are passed on to AppError');
    });

    it('ValidationError keeps a frozen copy of its field errors and adds them to toJSON', () => {
      const fields = { email: 'must be an email address', age: 'must be at least 18' };
      const err = new ValidationError('Invalid sign-up form', fields);
      assert.equal(err.status, 400);
      assert.equal(err.code, 'VALIDATION_FAILED');
      assert.deepEqual(err.fields, fields);
      fields.email = 'changed later';
      assert.equal(err.fields.email, 'must be an email address', 'the error must keep its own copy');
      assert.ok(Object.isFrozen(err.fields), 'fields must be frozen');
      assert.deepEqual(err.toJSON(), {
        name: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: 'Invalid sign-up form',
        status: 400,
        fields: { email: 'must be an email address', age: 'must be at least 18' },
      });
      const plain = new ValidationError();
      assert.equal(plain.message, 'Validation failed');
      assert.deepEqual(plain.fields, {});
    });

    it('ValidationError rejects fields that are not an object of strings with a TypeError', () => {
      for (const fields of [null, 'email is required', ['email'], { email: 42 }, new Map()]) {
        assert.throws(
          () => new ValidationError('Invalid', fields),
          TypeError,
          `fields ${JSON.stringify(fields)} must be rejected`,
        );
      }
    });

    it('ConflictError has status 409 and accepts a more specific code', () => {
      const err = new ConflictError('Email already registered', { code: 'EMAIL_TAKEN' });
      assert.equal(err.status, 409);
      assert.equal(err.code, 'EMAIL_TAKEN');
      assert.equal(new ConflictError('Version mismatch').code, 'CONFLICT');
      assert.equal(new ConflictError('x', { status: 400 }).status, 409, 'a subclass fixes its own status');
    });

    it('instanceof and name are right for every class, including the first line of the stack', () => {
      const cases = [
        [new AppError('a'), 'AppError'],
        [new NotFoundError('User', 1), 'NotFoundError'],
        [new ValidationError('v'), 'ValidationError'],
        [new ConflictError('c'), 'ConflictError'],
      ];
      for (const [err, name] of cases) {
        assert.ok(err instanceof Error && err instanceof AppError, `${name} must be an Error and an AppError`);
        assert.equal(err.name, name);
        assert.ok(err.stack.startsWith(`${name}: `), `${name}'s stack must start with "${name}: ", got ${err.stack.split('\n')[0]}`);
        assert.equal(Object.keys(err).includes('name'), false, `${name}: name must not be enumerable, like Error's`);
      }
      assert.equal(new NotFoundError('x') instanceof ValidationError, false, 'siblings are not instances of each other');
    });

    it('a subclass declared elsewhere gets its own name without extra code', () => {
      class PaymentError extends AppError {}
      const err = new PaymentError('Card declined', { code: 'CARD_DECLINED', status: 402 });
      assert.equal(err.name, 'PaymentError', 'derive the name from the class that was instantiated (new.target)');
      assert.ok(err instanceof PaymentError && err instanceof AppError);
      assert.deepEqual(err.toJSON(), { name: 'PaymentError', code: 'CARD_DECLINED', message: 'Card declined', status: 402 });
    });
  });

  describe('toHttp', () => {
    it('maps an operational AppError to its status and a JSON body', () => {
      assert.deepEqual(toHttp(new NotFoundError('User', 7)), {
        status: 404,
        body: { error: { name: 'NotFoundError', code: 'NOT_FOUND', message: "User '7' not found", status: 404 } },
      });
      const validation = toHttp(new ValidationError('Invalid', { name: 'is required' }));
      assert.equal(validation.status, 400);
      assert.deepEqual(validation.body.error.fields, { name: 'is required' }, 'field errors reach the client');
    });

    it('hides the message and stack of an unknown error behind a generic 500', () => {
      const leak = new Error('duplicate key in users_pkey; password=hunter2');
      const result = toHttp(leak);
      assert.deepEqual(result, GENERIC_500);
      const text = JSON.stringify(result);
      assert.ok(!text.includes('hunter2'), 'the message of an unknown error must not reach the client');
      assert.ok(!text.includes('    at '), 'no stack trace may reach the client');
      assert.deepEqual(toHttp(new TypeError("Cannot read properties of undefined (reading 'id')")), GENERIC_500);
    });

    it('treats a non-operational AppError as unknown', () => {
      const err = new AppError('DATABASE_URL is not set', { isOperational: false, status: 503 });
      assert.deepEqual(toHttp(err), GENERIC_500);
    });

    it('accepts thrown values that are not errors, without throwing', () => {
      const lookalike = { status: 404, isOperational: true, toJSON: () => ({ message: 'fake' }) };
      for (const thrown of ['boom', undefined, null, 42, lookalike]) {
        assert.deepEqual(toHttp(thrown), GENERIC_500, `toHttp(${JSON.stringify(thrown)}) must give the generic 500`);
      }
    });
  });
});
