// In-memory REST API for /users on node:http. Replace the `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import http from 'node:http';

/**
 * Creates (but does not start) an HTTP server for the /users resource. Every call gets its
 * own empty store, with ids counting from 1.
 * @returns {http.Server}
 */
export function createUserApi() {
  // TODO: const users = new Map(); let lastId = 0;
  // return http.createServer(async (req, res) => { ... });
  // Tip: throw an error carrying a status from deep inside, and turn it into a JSON
  // response in one try/catch around the whole handler.
  throw new Error('not implemented');
}
