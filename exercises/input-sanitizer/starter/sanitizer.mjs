// Input validation and output encoding. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

/** Given: the rules for a sign-up form. Your validate() must work for any schema like it. */
export const signupSchema = {
  username: { type: 'string', required: true, trim: true, minLength: 3, maxLength: 20, pattern: /^[a-zA-Z0-9_]+$/ },
  email: { type: 'email', required: true, trim: true, lowercase: true, maxLength: 254 },
  password: { type: 'string', required: true, minLength: 8, maxLength: 128 },
  displayName: { type: 'string', trim: true, maxLength: 50 },
  age: { type: 'integer', min: 13, max: 150 },
  newsletter: { type: 'boolean', default: false },
};

/**
 * Validates and normalises input against schema.
 * @param {Record<string, object>} schema  field name -> rule (see README.md)
 * @param {unknown} input  usually a parsed JSON body
 * @param {{ unknown?: 'reject' | 'strip' }} [options]
 * @returns {{ value: object } | { errors: { path: string, message: string }[] }}
 */
export function validate(schema, input, { unknown = 'reject' } = {}) {
  // TODO: check the input is a plain object, then each schema field in order
  // (missing -> type -> trim -> lowercase -> lengths -> pattern/email, or min/max),
  // then unknown fields. Build a new object; never modify input.
  throw new Error('not implemented');
}

/**
 * Escapes text for use inside HTML element content or a quoted attribute value.
 * @returns {string}
 */
export function escapeHtml(value) {
  throw new Error('not implemented');
}
