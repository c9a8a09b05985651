// Read a (huge) text file line by line with an async generator. Replace the `throw` below.
// See README.md for the exact behaviour the tests expect.

/**
 * Yields the lines of the file at `path`, without their '\n' or '\r\n' endings, reading it
 * as a stream (fs.createReadStream) instead of loading it whole.
 *
 * @param {string | URL} path
 * @param {{ encoding?: BufferEncoding, highWaterMark?: number }} [options]
 *   encoding defaults to 'utf8'; highWaterMark (the chunk size in bytes) is passed on to
 *   fs.createReadStream, which uses 64 KiB when it is undefined
 * @returns {AsyncGenerator<string, void, undefined>}
 */
export async function* lines(path, { encoding = 'utf8', highWaterMark } = {}) {
  // TODO: open the file with createReadStream from node:fs, passing encoding and highWaterMark.
  // TODO: for await over the chunks; keep the unfinished end of each chunk for the next one.
  // TODO: yield the last line if it has no newline.
  // TODO: always destroy the stream, also when the consumer breaks out early (try/finally).
  throw new Error('not implemented');
}
