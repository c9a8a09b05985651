// Gzip files with streams. Replace every `throw` below.
// See README.md for the exact behaviour the tests expect.

/**
 * Gzip the file at `src` into `dest`.
 * @param {string} src
 * @param {string} dest
 * @returns {Promise<{ bytesIn: number, bytesOut: number }>}
 */
export async function compressFile(src, dest) {
  // TODO: stream.pipeline(read stream, zlib.createGzip(), write stream to a temp file),
  // then rename the temp file to dest. On failure remove the temp file.
  throw new Error('not implemented');
}

/**
 * Gunzip the file at `src` into `dest`.
 * @param {string} src
 * @param {string} dest
 * @returns {Promise<{ bytesIn: number, bytesOut: number }>}
 */
export async function decompressFile(src, dest) {
  // TODO: same as compressFile with zlib.createGunzip(); wrap zlib errors (code 'Z_...').
  throw new Error('not implemented');
}

/**
 * Gzip `data` in memory, then gunzip the result.
 * @param {Buffer | Uint8Array | string} data
 * @returns {Promise<{ compressed: Buffer, restored: Buffer }>}
 */
export async function roundTrip(data) {
  // TODO: validate data, then use zlib.gzip and zlib.gunzip (promisified).
  throw new Error('not implemented');
}
