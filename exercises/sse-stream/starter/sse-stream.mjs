// Server-Sent Events helper. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

/** The comment the handler writes every heartbeatMs. */
export const HEARTBEAT = ': heartbeat\n\n';

/**
 * Formats one event in the text/event-stream format.
 * @param {{ id?: string | number, event?: string, data?: unknown, retry?: number }} fields
 * @returns {string} the event, ending with a blank line
 */
export function formatEvent({ id, event, data, retry } = {}) {
  // TODO: id, event, retry lines (validated), then one "data: " line per line of data.
  throw new Error('not implemented');
}

/**
 * Creates a node:http request handler that streams the source's events to each client.
 * @param {{ history: object[], subscribe(listener: (event: object) => void): () => void }} source
 * @param {{ heartbeatMs?: number, setInterval?: Function, clearInterval?: Function }} [options]
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createSseHandler(
  source,
  { heartbeatMs = 15_000, setInterval: every = setInterval, clearInterval: stop = clearInterval } = {},
) {
  // TODO: return (req, res) => { ... }: 405 for non-GET; headers + flushHeaders; replay
  // after Last-Event-ID; subscribe; heartbeat with every(); clean up on res 'close'.
  throw new Error('not implemented');
}
