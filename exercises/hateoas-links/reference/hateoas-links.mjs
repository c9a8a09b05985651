// Reference solution: HAL-style hypermedia links for orders.
//
// The server, not the client, decides which actions an order allows right now and
// says so with links. A client shows a "Pay" button only if `_links.pay` is there,
// so the state machine lives in one place.

/** The actions each status allows: relation -> [path segment, HTTP method]. */
const ACTIONS = {
  pending: { pay: ['payment', 'POST'], cancel: ['cancellation', 'POST'] },
  paid: { ship: ['shipment', 'POST'], refund: ['refund', 'POST'] },
  shipped: { track: ['tracking', 'GET'] },
  cancelled: {},
  refunded: {},
};

/**
 * An absolute href: the base URL's path, then each segment percent-encoded.
 * Works whether or not baseUrl ends with '/', which `new URL(relative, base)` does not.
 */
function href(baseUrl, segments, query) {
  const url = new URL(baseUrl); // throws a TypeError unless baseUrl is an absolute URL
  const basePath = url.pathname.replace(/\/+$/, '');
  url.pathname = [basePath, ...segments.map((s) => encodeURIComponent(String(s)))].join('/');
  url.search = query ? new URLSearchParams(query).toString() : '';
  url.hash = '';
  return url.href;
}

export function orderResource(order, baseUrl) {
  if (!Object.hasOwn(ACTIONS, order.status)) {
    throw new RangeError(`unknown order status: ${String(order.status)}`);
  }
  const links = {
    self: { href: href(baseUrl, ['orders', order.id]) },
    collection: { href: href(baseUrl, ['orders']) },
  };
  for (const [rel, [segment, method]] of Object.entries(ACTIONS[order.status])) {
    links[rel] = { href: href(baseUrl, ['orders', order.id, segment]), method };
  }
  // A new object: the caller's order is left as it was.
  return { ...order, _links: links };
}

export function orderCollection(orders, { baseUrl, page = 1, pageSize = 10 }) {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be an integer >= 1, got ${String(pageSize)}`);
  }
  const total = orders.length;
  // An empty collection still has one (empty) page, so page=1 is always valid.
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) {
    throw new RangeError(`page must be an integer from 1 to ${totalPages}, got ${String(page)}`);
  }

  const pageLink = (n) => ({ href: href(baseUrl, ['orders'], { page: n, pageSize }) });
  const links = { self: pageLink(page), first: pageLink(1) };
  if (page > 1) links.prev = pageLink(page - 1);
  if (page < totalPages) links.next = pageLink(page + 1);
  links.last = pageLink(totalPages);

  const start = (page - 1) * pageSize;
  return {
    _links: links,
    _embedded: {
      orders: orders.slice(start, start + pageSize).map((order) => orderResource(order, baseUrl)),
    },
    page,
    pageSize,
    total,
    totalPages,
  };
}
