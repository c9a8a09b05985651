// Reference solution: a small schema validator that also normalises input, plus
// HTML escaping for output.
//
// Validate at the edge (types, lengths, formats, no unknown fields), store the
// normalised value as data, and encode it for the context where it is *used*
// (escapeHtml for HTML, parameters for SQL). No function here "cleans" input so
// that it becomes safe everywhere; no such function exists.

export const signupSchema = {
  username: { type: 'string', required: true, trim: true, minLength: 3, maxLength: 20, pattern: /^[a-zA-Z0-9_]+$/ },
  email: { type: 'email', required: true, trim: true, lowercase: true, maxLength: 254 },
  password: { type: 'string', required: true, minLength: 8, maxLength: 128 },
  displayName: { type: 'string', trim: true, maxLength: 50 },
  age: { type: 'integer', min: 13, max: 150 },
  newsletter: { type: 'boolean', default: false },
};

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const EMAIL = new RegExp(`^[a-z0-9.!#$%&'*+/=?^_\`{|}~-]{1,64}@${LABEL}(?:\\.${LABEL})+$`, 'i');

const TYPE_CHECKS = {
  string: [(v) => typeof v === 'string', 'must be a string'],
  email: [(v) => typeof v === 'string', 'must be a string'],
  integer: [(v) => Number.isInteger(v), 'must be an integer'],
  number: [(v) => typeof v === 'number' && Number.isFinite(v), 'must be a number'],
  boolean: [(v) => typeof v === 'boolean', 'must be a boolean'],
};

const isPlainObject = (value) => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

// Length in Unicode code points, so an emoji counts as 1, not 2 UTF-16 units.
const codePoints = (s) => [...s].length;

const MISSING = Symbol('missing');

/** Checks and normalises one present value: returns { value }, { error } or MISSING. */
function checkField(rule, raw) {
  const [isType, typeMessage] = TYPE_CHECKS[rule.type];
  if (!isType(raw)) return { error: typeMessage };

  if (typeof raw !== 'string') {
    if (rule.min !== undefined && raw < rule.min) return { error: `must be at least ${rule.min}` };
    if (rule.max !== undefined && raw > rule.max) return { error: `must be at most ${rule.max}` };
    return { value: raw };
  }

  let value = rule.trim ? raw.trim() : raw;
  if (value === '') return MISSING; // an empty string (after trimming) counts as not sent
  if (rule.lowercase) value = value.toLowerCase();
  const length = codePoints(value);
  if (rule.minLength !== undefined && length < rule.minLength) {
    return { error: `must be at least ${rule.minLength} characters` };
  }
  if (rule.maxLength !== undefined && length > rule.maxLength) {
    return { error: `must be at most ${rule.maxLength} characters` };
  }
  // search() rather than test(): test() on a pattern with the g flag resumes from
  // lastIndex, so the same input would pass and fail on alternate calls.
  if (rule.pattern && value.search(rule.pattern) === -1) return { error: 'has an invalid format' };
  if (rule.type === 'email' && !EMAIL.test(value)) return { error: 'must be a valid email address' };
  return { value };
}

export function validate(schema, input, { unknown = 'reject' } = {}) {
  if (unknown !== 'reject' && unknown !== 'strip') {
    throw new TypeError(`unknown must be 'reject' or 'strip', got ${String(unknown)}`);
  }
  if (!isPlainObject(input)) return { errors: [{ path: '', message: 'must be an object' }] };

  const value = {};
  const errors = [];
  for (const [path, rule] of Object.entries(schema)) {
    // Own properties only: never pick a field up from the prototype chain.
    const raw = Object.hasOwn(input, path) ? input[path] : undefined;
    const result = raw === undefined || raw === null ? MISSING : checkField(rule, raw);

    if (result === MISSING) {
      if (rule.required) errors.push({ path, message: 'is required' });
      else if (rule.default !== undefined) value[path] = rule.default;
    } else if ('error' in result) {
      errors.push({ path, message: result.error });
    } else {
      value[path] = result.value;
    }
  }

  if (unknown === 'reject') {
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(schema, key)) errors.push({ path: key, message: 'is not allowed' });
    }
  }
  // With 'strip', unknown keys are simply never copied: `value` only gets schema keys.

  return errors.length > 0 ? { errors } : { value };
}

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  if (value === undefined || value === null) return '';
  // One pass with a character class, so '&' produced by an escape is never escaped again.
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}
