// Reference solution: Server-Sent Events on plain node:http.
//
// SSE is a long-lived HTTP response with Content-Type text/event-stream. The server keeps
// writing small text blocks ("events"); the browser's EventSource parses them, and when the
// connection drops it reconnects by itself, sending the id of the last event it saw in a
// Last-Event-ID header so that the server can fill the gap.

const LINE_BREAK = /\r\n|\r|\n/;

function singleLine(field, value) {
  const text = String(value);
  // A line break would end the field early and let the rest be read as new fields.
  if (LINE_BREAK.test(text)) {
    throw new TypeError(`${field} must not contain a line break`);
  }
  return text;
}

export function formatEvent({ id, event, data, retry } = {}) {
  let out = '';
  if (id !== undefined) out += `id: ${singleLine('id', id)}\n`;
  if (event !== undefined) out += `event: ${singleLine('event', event)}\n`;
  if (retry !== undefined) {
    if (!Number.isInteger(retry) || retry < 0) {
      throw new RangeError(`retry must be an integer >= 0, got ${String(retry)}`);
    }
    out += `retry: ${retry}\n`;
  }
  if (data !== undefined) {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    // The client joins consecutive data lines with "\n", so this round-trips.
    for (const line of text.split(LINE_BREAK)) out += `data: ${line}\n`;
  }
  // A blank line ends the event: only then does the browser dispatch it.
  return `${out}\n`;
}

export const HEARTBEAT = ': heartbeat\n\n';

/** The events the client missed, given the Last-Event-ID header (or undefined). */
function missedEvents(history, lastEventId) {
  if (lastEventId === undefined) return [];
  const index = history.findIndex((e) => e.id !== undefined && String(e.id) === lastEventId);
  // An id we do not know (too old, or from before a restart): send everything we have.
  return index === -1 ? history : history.slice(index + 1);
}

export function createSseHandler(
  source,
  { heartbeatMs = 15_000, setInterval: every = setInterval, clearInterval: stop = clearInterval } = {},
) {
  return function sseHandler(req, res) {
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }

    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      // Ask nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    // Send the status line and headers now: the client's EventSource fires 'open' on them,
    // and without this Node waits for the first write.
    res.flushHeaders();

    const send = (event) => res.write(formatEvent(event));

    // Replay and subscribe in the same synchronous step, so no event can fall in between.
    for (const event of missedEvents(source.history, req.headers['last-event-id'])) send(event);
    const unsubscribe = source.subscribe(send);

    // A comment line keeps proxies and load balancers from closing an idle connection.
    const timer = every(() => res.write(HEARTBEAT), heartbeatMs);

    // 'close' on the response fires when the client goes away (or the server destroys the
    // socket). Without this cleanup every disconnected client would leak a listener and a timer.
    res.on('close', () => {
      stop(timer);
      unsubscribe();
    });
  };
}
