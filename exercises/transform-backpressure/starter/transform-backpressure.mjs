// Line splitting and backpressure. Replace every `throw` below.
// See README.md for the exact behaviour the tests expect.
import { Transform } from 'node:stream';

export class LineSplitter extends Transform {
  /** The number of lines pushed so far. */
  lineCount = 0;

  /**
   * @param {{ maxLineLength?: number }} [options]
   */
  constructor({ maxLineLength = Infinity } = {}) {
    // The readable side emits strings, one per push(): object mode.
    super({ readableObjectMode: true });
    // TODO: keep maxLineLength, a buffer for the unfinished line and a decoder
    // for UTF-8 characters that are cut between two chunks.
  }

  _transform(chunk, encoding, callback) {
    // TODO: add the chunk to the unfinished line, push every complete line,
    // keep the rest, and fail with a RangeError if a line is too long.
    throw new Error('not implemented');
  }

  _flush(callback) {
    // TODO: push the last line if the input did not end with a newline.
    throw new Error('not implemented');
  }
}

/**
 * Copy everything from `readable` to `writable`, respecting backpressure.
 * @param {import('node:stream').Readable} readable
 * @param {import('node:stream').Writable} writable
 * @returns {Promise<void>} settles once writable has finished, or on the first error
 */
export function pump(readable, writable) {
  // TODO: listen for 'data', pause when write() returns false, resume on 'drain',
  // end the writable on 'end', resolve on 'finish', reject on either side's 'error'.
  throw new Error('not implemented');
}
