// HAL links for orders. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

/**
 * @param {{ id: string | number, status: string }} order  other fields are copied as they are
 * @param {string} baseUrl  an absolute URL such as 'https://api.example.com/v1'
 * @returns {object} a copy of order plus `_links`
 */
export function orderResource(order, baseUrl) {
  // TODO: RangeError for an unknown status.
  // TODO: self and collection links, then one link per action the status allows.
  // TODO: join hrefs so that a base URL with or without a trailing slash gives the same result,
  //       and percent-encode the id.
  throw new Error('not implemented');
}

/**
 * @param {Array<object>} orders  the whole collection, in display order
 * @param {{ baseUrl: string, page?: number, pageSize?: number }} options
 * @returns {{ _links: object, _embedded: { orders: object[] }, page: number, pageSize: number, total: number, totalPages: number }}
 */
export function orderCollection(orders, { baseUrl, page = 1, pageSize = 10 }) {
  // TODO: validate pageSize and page (RangeError), slice out the page, embed each order
  //       with orderResource, and link self, first, prev (if any), next (if any), last.
  throw new Error('not implemented');
}
