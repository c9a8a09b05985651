// A multipart/form-data parser. Replace every `throw new Error('not implemented')` below.
// See README.md for the exact behaviour and error messages the tests expect.

/** Thrown for a malformed Content-Type or body. Ready to use: no changes needed. */
export class MultipartError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MultipartError';
  }
}

/**
 * Extract the boundary from a Content-Type header value.
 * @param {string} contentType  e.g. 'multipart/form-data; boundary=----abc123'
 * @returns {string} the boundary, without quotes
 */
export function getBoundary(contentType) {
  // TODO: check the media type, find the boundary parameter, unquote it, validate it.
  throw new Error('not implemented');
}

/**
 * Parse a whole multipart/form-data body.
 * @param {Buffer} body
 * @param {string} contentType  the request's Content-Type header
 * @returns {{
 *   fields: { name: string, value: string }[],
 *   files: { name: string, filename: string, contentType: string, data: Buffer }[],
 * }}
 */
export function parseMultipart(body, contentType) {
  // TODO: find the delimiters with Buffer#indexOf, split the parts, parse each part's headers.
  throw new Error('not implemented');
}
