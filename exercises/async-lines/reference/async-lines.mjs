// Reference solution: stream a text file line by line with an async generator.
//
// Only the current chunk and one unfinished line are ever in memory. Three details make it
// correct:
//   - the stream decodes (createReadStream's `encoding` option uses a StringDecoder), so a
//     character whose bytes straddle two chunks is held back until it is complete;
//   - the text after the last '\n' of a chunk is kept and glued to the next chunk;
//   - `finally` destroys the stream, so a consumer that stops early (break, return, throw)
//     closes the file instead of leaking the descriptor.

import { createReadStream } from 'node:fs';

export async function* lines(path, { encoding = 'utf8', highWaterMark } = {}) {
  // The body of an async generator runs on the first next(), so nothing is opened
  // until someone starts iterating.
  const stream = createReadStream(path, { encoding, highWaterMark });
  let pending = ''; // text after the last newline seen so far
  try {
    // for await pauses the stream while we are suspended at a `yield`: backpressure.
    for await (const chunk of stream) {
      pending += chunk;
      let start = 0;
      let newline;
      while ((newline = pending.indexOf('\n', start)) !== -1) {
        const end = newline > start && pending[newline - 1] === '\r' ? newline - 1 : newline;
        yield pending.slice(start, end);
        start = newline + 1;
      }
      pending = pending.slice(start);
    }
    // A last line without a newline still counts; a trailing newline adds no empty line.
    if (pending !== '') yield pending;
  } finally {
    // Runs on normal completion, on errors, and when the consumer stops early: then
    // for await has already asked the stream to stop; destroying it again is harmless.
    stream.destroy();
  }
}
