// Reference solution: gzip files with stream.pipeline, replacing the destination
// only when everything succeeded.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export function compressFile(src, dest) {
  return transformFile(src, dest, () => zlib.createGzip(), (error) => error);
}

export function decompressFile(src, dest) {
  return transformFile(src, dest, () => zlib.createGunzip(), (error) => {
    // zlib reports bad input with codes such as Z_DATA_ERROR ("incorrect header
    // check") and Z_BUF_ERROR ("unexpected end of file", a truncated file).
    if (typeof error?.code === 'string' && error.code.startsWith('Z_')) {
      return new Error(`not a valid gzip file: ${src} (${error.message})`, { cause: error });
    }
    return error;
  });
}

export async function roundTrip(data) {
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new TypeError('data must be a Buffer, a Uint8Array or a string');
  }
  const compressed = await gzip(data);
  const restored = await gunzip(compressed);
  return { compressed, restored };
}

async function transformFile(src, dest, makeTransform, mapError) {
  // Open the source first: if it is missing, fail before creating anything.
  const input = createReadStream(src);
  await once(input, 'open'); // rejects with the ENOENT error

  // Write next to dest (same folder, so the same file system) and rename at the
  // end: rename() replaces dest in one step, so dest is never half-written.
  const tmp = `${dest}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const output = createWriteStream(tmp, { flags: 'wx' });
  try {
    await pipeline(input, makeTransform(), output);
    await rename(tmp, dest);
  } catch (error) {
    input.destroy();
    // pipeline() may settle on an error before the write stream has closed its
    // file descriptor: wait for 'close', then delete. (Not with events.once,
    // which would reject on the 'error' this stream is emitting.)
    if (!output.closed) await new Promise((resolve) => output.once('close', resolve));
    await rm(tmp, { force: true });
    throw mapError(error);
  }
  return { bytesIn: input.bytesRead, bytesOut: output.bytesWritten };
}
