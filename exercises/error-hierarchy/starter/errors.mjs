// An application error hierarchy and an HTTP mapper. Replace every `throw` below.
// See README.md for the exact behaviour the tests expect.

export class AppError extends Error {
  /**
   * @param {string} message
   * @param {{ code?: string, status?: number, isOperational?: boolean, cause?: unknown }} [options]
   *   defaults: code 'INTERNAL_ERROR', status 500, isOperational true, no cause
   */
  constructor(message, options = {}) {
    // TODO: RangeError unless status is an integer from 400 to 599 (check it before super()).
    // TODO: super(message, ...) so that the standard `cause` is set only when given.
    // TODO: name = the name of the class that was instantiated (new.target), not enumerable.
    // TODO: code, status and isOperational properties.
    super(message);
    throw new Error('not implemented');
  }

  /** @returns {{ name: string, code: string, message: string, status: number }} */
  toJSON() {
    throw new Error('not implemented');
  }
}

export class NotFoundError extends AppError {
  /** message "<resource> '<id>' not found", or "<resource> not found" without an id; status 404 */
  constructor(resource = 'Resource', id = undefined, options = {}) {
    // TODO: code 'NOT_FOUND' unless options.code is given; keep resource and id.
    super('not implemented');
  }
}

export class ValidationError extends AppError {
  /** fields: a plain object mapping field names to message strings; status 400 */
  constructor(message = 'Validation failed', fields = {}, options = {}) {
    // TODO: TypeError for bad fields; code 'VALIDATION_FAILED'; a frozen copy in this.fields;
    super('not implemented');
  }

  /** @returns {object} AppError's toJSON() plus `fields` */
  toJSON() {
    throw new Error('not implemented');
  }
}

export class ConflictError extends AppError {
  /** status 409, code 'CONFLICT' unless options.code is given */
  constructor(message, options = {}) {
    super('not implemented');
  }
}

/**
 * Turns anything that was thrown into an HTTP response description.
 * @param {unknown} error
 * @returns {{ status: number, body: { error: object } }}
 */
export function toHttp(error) {
  // TODO: operational AppError -> its status and { error: error.toJSON() };
  // TODO: anything else -> a generic 500 that reveals nothing.
  throw new Error('not implemented');
}
