// Reference solution: keyset ("cursor") pagination over (createdAt, id).
//
// A cursor remembers the sort key of the last item a client has seen, not its position.
// The next page is "the items whose key is greater than that", so rows inserted or
// deleted elsewhere cannot shift it. In SQL this is
//   WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT $3 + 1
// backed by an index on (created_at, id).

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export class PaginationError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'PaginationError';
    this.status = 400;
    this.code = code;
  }
}

/** Sort order: createdAt ascending, then id ascending (plain code-unit comparison). */
function compareKeys(a, b) {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export function encodeCursor({ createdAt, id }) {
  // Build a fresh object so the key order, and so the string, is always the same.
  return Buffer.from(JSON.stringify({ createdAt, id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor) {
  const invalid = () => new PaginationError('after is not a valid cursor', 'INVALID_CURSOR');
  if (typeof cursor !== 'string' || cursor === '') throw invalid();

  let value;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    !Number.isSafeInteger(value.createdAt) ||
    typeof value.id !== 'string' ||
    value.id === ''
  ) {
    throw invalid();
  }

  // Node's base64url decoder skips characters it does not know, and JSON allows other
  // key orders, spaces and extra keys. Only accept the exact string we would have
  // issued; that one check rules out every such variation.
  const key = { createdAt: value.createdAt, id: value.id };
  if (encodeCursor(key) !== cursor) throw invalid();
  return key;
}

export function paginate(items, { first = DEFAULT_PAGE_SIZE, after } = {}) {
  if (!Number.isInteger(first) || first < 1) {
    throw new PaginationError(`first must be an integer >= 1, got ${String(first)}`, 'INVALID_FIRST');
  }
  const limit = Math.min(first, MAX_PAGE_SIZE);
  const cursor = after === undefined || after === null ? null : decodeCursor(after);

  // Sort a copy: the caller's array must stay as it was.
  const sorted = [...items].sort(compareKeys);
  const start = cursor === null ? 0 : sorted.findIndex((item) => compareKeys(item, cursor) > 0);
  const rest = start === -1 ? [] : sorted.slice(start);

  const edges = rest.slice(0, limit).map((node) => ({ node, cursor: encodeCursor(node) }));
  return {
    edges,
    pageInfo: {
      endCursor: edges.length > 0 ? edges.at(-1).cursor : null,
      hasNextPage: rest.length > limit,
    },
  };
}
