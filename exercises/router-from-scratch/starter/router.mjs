// HTTP router from scratch. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export class Router {
  /** Adds a GET route. path starts with "/"; handler is a function. Returns this. */
  get(path, handler) {
    throw new Error('not implemented');
  }

  /** Adds a POST route. Returns this. */
  post(path, handler) {
    throw new Error('not implemented');
  }

  /** Adds a PUT route. Returns this. */
  put(path, handler) {
    throw new Error('not implemented');
  }

  /** Adds a DELETE route. Returns this. */
  delete(path, handler) {
    throw new Error('not implemented');
  }

  /**
   * Finds the route for a request.
   * @param {string} method  e.g. 'GET' (any case)
   * @param {string} url     the request target, e.g. '/users/42?fields=name', as in req.url
   * @returns {{ handler: Function, params: object, query: object } | { status: 400 | 404 | 405, allow: string[] }}
   */
  match(method, url) {
    // TODO: parse with new URL(...), split and decode the path, try the routes in order,
    // and build the query object from url.searchParams.
    throw new Error('not implemented');
  }
}
