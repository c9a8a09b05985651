// Reference solution: an application error hierarchy and an HTTP mapper.
//
// Operational errors (bad input, missing records, conflicts) are expected: they carry a
// status and a message written for the client. Everything else (a TypeError from a bug, a
// driver error that quotes SQL) is a programmer or unknown error: the client learns only
// that something went wrong, and the details stay in the logs.

const isHttpErrorStatus = (status) => Number.isInteger(status) && status >= 400 && status <= 599;

export class AppError extends Error {
  /**
   * @param {string} message
   * @param {{ code?: string, status?: number, isOperational?: boolean, cause?: unknown }} [options]
   */
  constructor(message, options = {}) {
    const { code = 'INTERNAL_ERROR', status = 500, isOperational = true } = options;
    if (!isHttpErrorStatus(status)) {
      throw new RangeError(`status must be an integer from 400 to 599, got ${String(status)}`);
    }
    // Error itself reads options.cause, and only when the property exists, so an error
    // created without a cause has no `cause` property at all.
    super(message, options);
    // new.target is the class that `new` was called on, so every subclass, even one
    // declared elsewhere, gets its own name. Non-enumerable, like Error.prototype.name.
    Object.defineProperty(this, 'name', {
      value: new.target.name,
      writable: true,
      configurable: true,
    });
    this.code = code;
    this.status = status;
    this.isOperational = isOperational;
  }

  // What JSON.stringify and API responses see. Never the stack or the cause: both may
  // contain internals (file paths, SQL, hostnames).
  toJSON() {
    return { name: this.name, code: this.code, message: this.message, status: this.status };
  }
}

export class NotFoundError extends AppError {
  constructor(resource = 'Resource', id = undefined, options = {}) {
    const message = id === undefined ? `${resource} not found` : `${resource} '${id}' not found`;
    super(message, { code: 'NOT_FOUND', ...options, status: 404 });
    this.resource = resource;
    this.id = id;
  }
}

const isPlainObject = (value) =>
  value !== null &&
  typeof value === 'object' &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));

export class ValidationError extends AppError {
  constructor(message = 'Validation failed', fields = {}, options = {}) {
    if (!isPlainObject(fields) || !Object.values(fields).every((v) => typeof v === 'string')) {
      throw new TypeError('fields must be a plain object mapping field names to message strings');
    }
    super(message, { code: 'VALIDATION_FAILED', ...options, status: 400 });
    // A frozen copy: later changes to the caller's object cannot change the error.
    this.fields = Object.freeze({ ...fields });
  }

  toJSON() {
    return { ...super.toJSON(), fields: this.fields };
  }
}

export class ConflictError extends AppError {
  constructor(message, options = {}) {
    super(message, { code: 'CONFLICT', ...options, status: 409 });
  }
}

/** The body for every error the client must not learn anything about. */
const internalError = () => ({
  name: 'InternalServerError',
  code: 'INTERNAL_ERROR',
  message: 'Internal Server Error',
  status: 500,
});

export function toHttp(error) {
  if (error instanceof AppError && error.isOperational) {
    return { status: error.status, body: { error: error.toJSON() } };
  }
  // Unknown errors, programmer errors, non-operational AppErrors and thrown non-errors
  // all look the same from the outside. (Log the real error where you call this.)
  return { status: 500, body: { error: internalError() } };
}
