// Line-numbering TCP echo server. Replace the `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

import net from 'node:net';

/**
 * Creates (but does not start) the echo server. The caller runs server.listen(...).
 *
 * Per connection: every line ending in "\n" is answered with "<n>: <line>\n", where n counts
 * the lines of that connection from 1. "QUIT" is answered with "BYE\n" and ends the
 * connection. server.close(callback) must also say "BYE\n" to, and end, every open connection.
 *
 * @returns {net.Server}
 */
export function createEchoServer() {
  // TODO: net.createServer({ allowHalfOpen: true }, (socket) => { ... }) or a subclass of
  // net.Server; keep the open sockets in a Set so close() can end them.
  throw new Error('not implemented');
}
