// Reference solution: a line-splitting Transform and a hand-written pump() that
// respects backpressure.
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter extends Transform {
  /** The number of lines pushed so far. */
  lineCount = 0;

  // Bytes in, strings out: the readable side is in object mode, so each push()
  // stays one chunk (one line) for the consumer.
  #decoder = new StringDecoder('utf8');
  #partial = '';
  #maxLineLength;

  constructor({ maxLineLength = Infinity } = {}) {
    super({ readableObjectMode: true });
    this.#maxLineLength = maxLineLength;
  }

  _transform(chunk, encoding, callback) {
    // Strings written to the writable side arrive here as Buffers (decodeStrings
    // defaults to true). The StringDecoder keeps the first bytes of a multi-byte
    // character that was cut in half and completes it with the next chunk.
    this.#partial += this.#decoder.write(chunk);
    const pieces = this.#partial.split('\n');
    // The last piece has no '\n' after it yet: keep it for the next chunk.
    this.#partial = pieces.pop();
    for (const piece of pieces) {
      const error = this.#pushLine(piece);
      if (error) return callback(error);
    }
    // Fail early on a runaway line instead of buffering it until a '\n' shows up.
    // A trailing '\r' may be the first half of a CRLF, so it does not count yet.
    const pending = this.#partial.endsWith('\r') ? this.#partial.length - 1 : this.#partial.length;
    if (pending > this.#maxLineLength) return callback(this.#tooLong());
    callback();
  }

  _flush(callback) {
    this.#partial += this.#decoder.end();
    // Input that ends with '\n' leaves '' behind: that is not an extra line.
    if (this.#partial !== '') {
      const error = this.#pushLine(this.#partial);
      this.#partial = '';
      if (error) return callback(error);
    }
    callback();
  }

  #pushLine(piece) {
    const line = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
    if (line.length > this.#maxLineLength) return this.#tooLong();
    this.lineCount++;
    this.push(line);
    return null;
  }

  #tooLong() {
    return new RangeError(`line ${this.lineCount + 1} is longer than ${this.#maxLineLength} characters`);
  }
}

export function pump(readable, writable) {
  return new Promise((resolve, reject) => {
    let settled = false;

    const onData = (chunk) => {
      // write() returning false means "my buffer is full": stop the flow until
      // the writable has flushed it and emits 'drain'.
      if (!writable.write(chunk)) readable.pause();
    };
    const onDrain = () => readable.resume();
    const onEnd = () => writable.end();
    const onFinish = () => settle(null);
    const onReadableError = (error) => settle(error, writable);
    const onWritableError = (error) => settle(error, readable);

    function settle(error, other) {
      if (settled) return;
      settled = true;
      readable.off('data', onData);
      readable.off('end', onEnd);
      readable.off('error', onReadableError);
      writable.off('drain', onDrain);
      writable.off('finish', onFinish);
      writable.off('error', onWritableError);
      if (error) {
        // Tear down the other side so no file descriptor or socket is left open.
        other.destroy();
        reject(error);
      } else {
        resolve();
      }
    }

    readable.on('error', onReadableError);
    writable.on('error', onWritableError);
    writable.on('drain', onDrain);
    writable.on('finish', onFinish);
    readable.on('end', onEnd);
    readable.on('data', onData); // attaching 'data' switches the readable to flowing mode
  });
}
