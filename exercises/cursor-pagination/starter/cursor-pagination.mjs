// Cursor pagination over (createdAt, id). Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The error for bad client input; an HTTP layer would answer with err.status. */
export class PaginationError extends Error {
  /**
   * @param {string} message
   * @param {'INVALID_CURSOR' | 'INVALID_FIRST'} code
   */
  constructor(message, code) {
    super(message);
    this.name = 'PaginationError';
    this.status = 400;
    this.code = code;
  }
}

/**
 * @param {{ createdAt: number, id: string }} item  extra properties are ignored
 * @returns {string} base64url of JSON.stringify({ createdAt, id })
 */
export function encodeCursor({ createdAt, id }) {
  throw new Error('not implemented');
}

/**
 * @param {string} cursor
 * @returns {{ createdAt: number, id: string }}
 * @throws {PaginationError} code 'INVALID_CURSOR' for anything encodeCursor would not produce
 */
export function decodeCursor(cursor) {
  // TODO: base64url -> JSON.parse (catch!) -> check the two fields -> check it round-trips.
  throw new Error('not implemented');
}

/**
 * @param {Array<{ createdAt: number, id: string }>} items  in any order; never modified
 * @param {{ first?: number, after?: string | null }} [options]
 * @returns {{ edges: Array<{ node: object, cursor: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } }}
 */
export function paginate(items, { first = DEFAULT_PAGE_SIZE, after } = {}) {
  // TODO: validate first (INVALID_FIRST) and clamp it to MAX_PAGE_SIZE.
  // TODO: decode `after` unless it is undefined or null.
  // TODO: order a copy by (createdAt, id), keep the items whose key is greater than the
  //       cursor's, and take one page of them.
  throw new Error('not implemented');
}
