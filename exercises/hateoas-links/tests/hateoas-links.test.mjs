import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { orderResource, orderCollection } from './hateoas-links.mjs';

const BASE = 'https://api.example.com/v1';
const ORDERS = `${BASE}/orders`;

const order = (status, id = 42) => ({ id, status, total: 1999, currency: 'EUR' });

// n orders with ids 1..n, all pending.
const orderList = (n) => Array.from({ length: n }, (_, i) => order('pending', i + 1));
const page = (n, size) => ({ href: `${ORDERS}?page=${n}&pageSize=${size}` });

describe('orderResource', () => {
  it('keeps the order fields, adds self and collection links, and does not modify the order', () => {
    const input = order('cancelled');
    const before = structuredClone(input);
    const resource = orderResource(input, BASE);
    assert.deepEqual(resource, {
      id: 42,
      status: 'cancelled',
      total: 1999,
      currency: 'EUR',
      _links: { self: { href: `${ORDERS}/42` }, collection: { href: ORDERS } },
    });
    assert.deepEqual(input, before, 'the order passed in must not get a _links property');
  });

  it('a pending order links to pay and cancel', () => {
    assert.deepEqual(orderResource(order('pending'), BASE)._links, {
      self: { href: `${ORDERS}/42` },
      collection: { href: ORDERS },
      pay: { href: `${ORDERS}/42/payment`, method: 'POST' },
      cancel: { href: `${ORDERS}/42/cancellation`, method: 'POST' },
    });
  });

  it('a paid order links to ship and refund', () => {
    assert.deepEqual(orderResource(order('paid'), BASE)._links, {
      self: { href: `${ORDERS}/42` },
      collection: { href: ORDERS },
      ship: { href: `${ORDERS}/42/shipment`, method: 'POST' },
      refund: { href: `${ORDERS}/42/refund`, method: 'POST' },
    });
  });

  it('a shipped order links to track with GET', () => {
    assert.deepEqual(orderResource(order('shipped'), BASE)._links, {
      self: { href: `${ORDERS}/42` },
      collection: { href: ORDERS },
      track: { href: `${ORDERS}/42/tracking`, method: 'GET' },
    });
  });

  it('cancelled and refunded orders only link to self and collection', () => {
    for (const status of ['cancelled', 'refunded']) {
      assert.deepEqual(
        Object.keys(orderResource(order(status), BASE)._links).sort(),
        ['collection', 'self'],
        `a ${status} order allows no further action`,
      );
    }
  });

  it('builds the same hrefs whether or not the base URL has a path or a trailing slash', () => {
    const cases = [
      ['https://api.example.com', 'https://api.example.com/orders/42'],
      ['https://api.example.com/', 'https://api.example.com/orders/42'],
      ['https://api.example.com/v1', 'https://api.example.com/v1/orders/42'],
      ['https://api.example.com/v1/', 'https://api.example.com/v1/orders/42'],
      ['http://localhost:3000/shop/api', 'http://localhost:3000/shop/api/orders/42'],
    ];
    for (const [base, expected] of cases) {
      const links = orderResource(order('shipped'), base)._links;
      assert.equal(links.self.href, expected, `base ${base}`);
      assert.equal(links.track.href, `${expected}/tracking`, `base ${base}`);
    }
  });

  it('percent-encodes the order id in every href', () => {
    const links = orderResource(order('pending', 'a/b c?d'), BASE)._links;
    assert.equal(links.self.href, `${ORDERS}/a%2Fb%20c%3Fd`, 'a / or ? in an id must not change the path or start a query');
    assert.equal(links.pay.href, `${ORDERS}/a%2Fb%20c%3Fd/payment`);
  });

  it('throws a RangeError for an unknown status and a TypeError for a base URL that is not absolute', () => {
    for (const status of ['archived', '', undefined, 'constructor', 'toString']) {
      assert.throws(() => orderResource(order(status), BASE), RangeError, `status ${String(status)} is unknown`);
    }
    for (const base of ['/v1', 'api.example.com', '']) {
      assert.throws(() => orderResource(order('paid'), base), TypeError, `base URL '${base}' is not absolute`);
    }
  });
});

describe('orderCollection', () => {
  it('embeds the requested page of orders as order resources, with page metadata', () => {
    const orders = orderList(25);
    const result = orderCollection(orders, { baseUrl: BASE, page: 2, pageSize: 10 });
    assert.deepEqual(
      result._embedded.orders.map((o) => o.id),
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      'page 2 of size 10 holds the 11th to the 20th order',
    );
    assert.deepEqual(result._embedded.orders[0], orderResource(orders[10], BASE), 'each embedded order carries its own _links');
    const { page: p, pageSize, total, totalPages } = result;
    assert.deepEqual({ page: p, pageSize, total, totalPages }, { page: 2, pageSize: 10, total: 25, totalPages: 3 });
    const defaults = orderCollection(orders, { baseUrl: BASE });
    assert.equal(defaults.page, 1, 'page defaults to 1');
    assert.equal(defaults.pageSize, 10, 'pageSize defaults to 10');
    assert.equal(defaults._embedded.orders.length, 10);
  });

  it('a middle page links to self, first, prev, next and last', () => {
    const result = orderCollection(orderList(25), { baseUrl: BASE, page: 2, pageSize: 10 });
    assert.deepEqual(result._links, {
      self: page(2, 10),
      first: page(1, 10),
      prev: page(1, 10),
      next: page(3, 10),
      last: page(3, 10),
    });
  });

  it('the first page has no prev link and the last page has no next link', () => {
    const first = orderCollection(orderList(25), { baseUrl: BASE, page: 1, pageSize: 10 });
    assert.equal('prev' in first._links, false, 'no prev on page 1: leave the key out, do not set it to null');
    assert.deepEqual(first._links.next, page(2, 10));
    const last = orderCollection(orderList(25), { baseUrl: BASE, page: 3, pageSize: 10 });
    assert.equal('next' in last._links, false, 'no next on the last page');
    assert.deepEqual(last._links.prev, page(2, 10));
    assert.equal(last._embedded.orders.length, 5, 'the last page holds the remaining 5 orders');
  });

  it('an empty collection has one page and links only to self, first and last', () => {
    const result = orderCollection([], { baseUrl: `${BASE}/`, pageSize: 20 });
    assert.deepEqual(result, {
      _links: { self: page(1, 20), first: page(1, 20), last: page(1, 20) },
      _embedded: { orders: [] },
      page: 1,
      pageSize: 20,
      total: 0,
      totalPages: 1,
    });
  });

  it('throws a RangeError for a page outside 1..totalPages or a pageSize that is not a positive integer', () => {
    const orders = orderList(25);
    for (const bad of [0, 4, -1, 1.5, '2', NaN]) {
      assert.throws(
        () => orderCollection(orders, { baseUrl: BASE, page: bad, pageSize: 10 }),
        RangeError,
        `page ${String(bad)} must be rejected (25 orders of 10 per page make 3 pages)`,
      );
    }
    for (const bad of [0, -5, 2.5, '10', Infinity]) {
      assert.throws(() => orderCollection(orders, { baseUrl: BASE, pageSize: bad }), RangeError, `pageSize ${String(bad)}`);
    }
  });
});
