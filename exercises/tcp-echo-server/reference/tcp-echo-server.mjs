// Reference solution: a line-based TCP echo server on node:net.
//
// TCP delivers a byte stream, not messages: one 'data' event may hold half a line, or
// several lines, or stop in the middle of a multi-byte UTF-8 character. So each
// connection keeps a text buffer, and only complete lines (ending in "\n") are answered.

import net from 'node:net';

class EchoServer extends net.Server {
  /** Every connection that is still open, so close() can end them. */
  #sockets = new Set();

  constructor() {
    // allowHalfOpen: when the client ends its side, Node must not end ours for us.
    // We answer the last unterminated line and then end it ourselves in the 'end' handler.
    super({ allowHalfOpen: true });
    this.on('connection', (socket) => this.#handle(socket));
  }

  #handle(socket) {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    // A socket can fail (for example ECONNRESET when the client vanishes). Without an
    // 'error' listener that would crash the whole server process.
    socket.on('error', () => socket.destroy());

    // setEncoding uses a StringDecoder, which holds back an incomplete UTF-8 sequence
    // until the rest of its bytes arrive.
    socket.setEncoding('utf8');
    let pending = '';
    let lineNumber = 0;
    // After QUIT, or after close() said BYE, the server has ended its side: ignore the rest.
    const finished = () => socket.writableEnded;

    const answer = (rawLine) => {
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (line === 'QUIT') {
        socket.end('BYE\n');
        return;
      }
      lineNumber += 1;
      socket.write(`${lineNumber}: ${line}\n`);
    };

    socket.on('data', (chunk) => {
      if (finished()) return;
      pending += chunk;
      let newline;
      while (!finished() && (newline = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        answer(line);
      }
    });

    socket.on('end', () => {
      // The client will send nothing more: answer a last line without "\n", then end.
      if (finished()) return;
      if (pending !== '') answer(pending);
      if (!finished()) socket.end();
    });
  }

  close(callback) {
    // Stop accepting first; net.Server calls callback once every connection has closed.
    super.close(callback);
    for (const socket of this.#sockets) {
      if (!socket.writableEnded) socket.end('BYE\n');
    }
    return this;
  }
}

export function createEchoServer() {
  return new EchoServer();
}
