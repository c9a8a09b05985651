import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  paginate,
  encodeCursor,
  decodeCursor,
  PaginationError,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
} from './cursor-pagination.mjs';

const post = (id, createdAt) => ({ id, createdAt, title: `post ${id}` });
const ids = (page) => page.edges.map((edge) => edge.node.id);
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64url');
const decodeByHand = (cursor) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

// Six posts a second apart, a..f, already in order.
const timeline = () => ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => post(id, 1_000 * (i + 1)));

// Follows endCursor until hasNextPage is false and returns every page's ids.
function walk(items, first) {
  const pages = [];
  let after;
  for (let guard = 0; guard < 100; guard++) {
    const page = paginate(items, { first, after });
    pages.push(ids(page));
    if (!page.pageInfo.hasNextPage) return pages;
    after = page.pageInfo.endCursor;
  }
  throw new Error('hasNextPage never became false');
}

// assert.throws validator: a PaginationError with status 400 and this code.
const paginationError = (code, label) => (error) => {
  assert.ok(error instanceof PaginationError, `${label}: expected a PaginationError, got ${error?.name}: ${error?.message}`);
  assert.equal(error.status, 400, `${label}: status must be 400`);
  assert.equal(error.code, code, `${label}: code`);
  return true;
};

describe('paginate', () => {
  describe('pages', () => {
    it('returns the first `first` items ordered by createdAt, then id, with hasNextPage', () => {
      const page = paginate(timeline(), { first: 2 });
      assert.deepEqual(ids(page), ['a', 'b']);
      assert.equal(page.pageInfo.hasNextPage, true, 'four more items follow');
      assert.deepEqual(page.edges[0].node, post('a', 1_000), 'node must be the item itself, every field kept');
      assert.deepEqual(ids(paginate(timeline(), { first: 2, after: null })), ['a', 'b'], 'after: null starts at the beginning');
    });

    it('accepts items in any order and does not modify the input array', () => {
      const items = [post('c', 2_000), post('a', 3_000), post('b', 1_000), post('a0', 2_000)];
      const before = structuredClone(items);
      const page = paginate(items, { first: 10 });
      assert.deepEqual(ids(page), ['b', 'a0', 'c', 'a'], 'order is createdAt first, id only for equal createdAt');
      assert.equal(page.pageInfo.hasNextPage, false);
      assert.deepEqual(items, before, 'paginate must sort a copy, not the array the caller passed');
    });

    it('defaults first to 20 and clamps it to 100', () => {
      assert.equal(DEFAULT_PAGE_SIZE, 20);
      assert.equal(MAX_PAGE_SIZE, 100);
      const many = Array.from({ length: 250 }, (_, i) => post(`p${String(i).padStart(3, '0')}`, i));
      assert.equal(paginate(many).edges.length, 20, 'no options: 20 items');
      assert.equal(paginate(many, {}).edges.length, 20, 'no first: 20 items');
      const clamped = paginate(many, { first: 1_000 });
      assert.equal(clamped.edges.length, 100, 'first above the maximum must be clamped, not rejected');
      assert.equal(clamped.pageInfo.hasNextPage, true);
    });

    it('an empty page has no edges, a null endCursor and hasNextPage false', () => {
      assert.deepEqual(paginate([], { first: 5 }), { edges: [], pageInfo: { endCursor: null, hasNextPage: false } });
      const past = paginate(timeline(), { first: 5, after: encodeCursor({ createdAt: 9_999, id: 'z' }) });
      assert.deepEqual(past, { edges: [], pageInfo: { endCursor: null, hasNextPage: false } }, 'a cursor after the last item');
    });
  });

  describe('cursors', () => {
    it('each edge cursor is base64url JSON of its createdAt and id, and endCursor is the last one', () => {
      const page = paginate(timeline(), { first: 3 });
      page.edges.forEach((edge) => {
        assert.match(edge.cursor, /^[A-Za-z0-9_-]+$/, 'a base64url string: no +, /, or = padding');
        assert.deepEqual(decodeByHand(edge.cursor), { createdAt: edge.node.createdAt, id: edge.node.id });
      });
      assert.equal(page.pageInfo.endCursor, page.edges[2].cursor, 'endCursor must be the cursor of the last edge');
      assert.equal(encodeCursor(post('q', 42)), b64('{"createdAt":42,"id":"q"}'), 'exactly these two keys, in this order');
      assert.deepEqual(decodeCursor(encodeCursor(post('q', 42))), { createdAt: 42, id: 'q' }, 'decode(encode(x)) gives the key back');
    });

    it('following endCursor visits every item exactly once and ends with hasNextPage false', () => {
      const seven = [...timeline(), post('g', 7_000)];
      assert.deepEqual(walk(seven, 3), [['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
      assert.deepEqual(
        walk(timeline(), 3),
        [['a', 'b', 'c'], ['d', 'e', 'f']],
        'when the count is an exact multiple of first, the second page already has hasNextPage false',
      );
    });

    it('ties on createdAt are broken by id, so a page boundary inside a tie neither skips nor repeats', () => {
      // Five posts written in the same millisecond, plus one before and one after.
      const items = [post('x', 5_000), post('e', 5_000), post('b', 5_000), post('first', 1), post('d', 5_000), post('a', 5_000), post('last', 9_000)];
      assert.deepEqual(walk(items, 2), [['first', 'a'], ['b', 'd'], ['e', 'x'], ['last']]);
    });

    it('inserting older items between requests does not shift the next page', () => {
      const items = timeline();
      const page1 = paginate(items, { first: 3 });
      assert.deepEqual(ids(page1), ['a', 'b', 'c']);
      // A backfill adds two posts older than everything the client has seen, and one new post.
      items.push(post('old1', 10), post('old2', 20), post('g', 7_000));
      const page2 = paginate(items, { first: 3, after: page1.pageInfo.endCursor });
      assert.deepEqual(
        ids(page2),
        ['d', 'e', 'f'],
        'an offset of 3 would now return b, c, d again; the cursor must continue right after c',
      );
      assert.equal(page2.pageInfo.hasNextPage, true, 'the new post g comes after f');
    });

    it('a cursor keeps working after the item it points to is deleted', () => {
      const items = timeline();
      const page1 = paginate(items, { first: 3 });
      const withoutC = items.filter((item) => item.id !== 'c');
      assert.deepEqual(ids(paginate(withoutC, { first: 3, after: page1.pageInfo.endCursor })), ['d', 'e', 'f']);
    });
  });

  describe('errors', () => {
    it('malformed cursors are rejected with a PaginationError, status 400, code INVALID_CURSOR', () => {
      const bad = {
        'an empty string': '',
        'a number': 12345,
        'not base64url': 'not a cursor!',
        'base64url of plain text': b64('hello'),
        'base64url of null': b64('null'),
        'base64url of an array': b64('[42,"q"]'),
        'createdAt as a string': b64('{"createdAt":"42","id":"q"}'),
        'a fractional createdAt': b64('{"createdAt":4.2,"id":"q"}'),
        'a missing id': b64('{"createdAt":42}'),
        'an empty id': b64('{"createdAt":42,"id":""}'),
        'a numeric id': b64('{"createdAt":42,"id":7}'),
      };
      for (const [label, cursor] of Object.entries(bad)) {
        assert.throws(() => decodeCursor(cursor), paginationError('INVALID_CURSOR', `decodeCursor: ${label}`));
        assert.throws(() => paginate(timeline(), { after: cursor }), paginationError('INVALID_CURSOR', `paginate: ${label}`));
      }
    });

    it('tampered cursors are rejected even when they decode to valid fields', () => {
      const good = encodeCursor({ createdAt: 42, id: 'q' });
      const tampered = {
        'padding added': `${good}=`,
        'a character appended': `${good}A`,
        'an extra key': b64('{"createdAt":42,"id":"q","admin":true}'),
        'keys swapped': b64('{"id":"q","createdAt":42}'),
        'spaces added': b64('{"createdAt": 42, "id": "q"}'),
        'standard base64 instead of base64url': Buffer.from('{"createdAt":42,"id":"q?>"}').toString('base64'),
      };
      for (const [label, cursor] of Object.entries(tampered)) {
        assert.throws(() => decodeCursor(cursor), paginationError('INVALID_CURSOR', label));
      }
      assert.deepEqual(decodeCursor(good), { createdAt: 42, id: 'q' }, 'the untouched cursor is still valid');
    });

    it('first must be an integer >= 1, otherwise a PaginationError with code INVALID_FIRST', () => {
      for (const first of [0, -1, 2.5, NaN, '10', null]) {
        assert.throws(() => paginate(timeline(), { first }), paginationError('INVALID_FIRST', `first ${String(first)}`));
      }
    });
  });
});
