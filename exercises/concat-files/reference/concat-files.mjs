// Reference solution: join Buffers two ways, and join files with streams.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';

export function concatBuffers(buffers, totalLength) {
  return Buffer.concat(buffers, totalLength);
}

export function concatBuffersManual(buffers, totalLength) {
  if (!Array.isArray(buffers)) throw new TypeError('buffers must be an array');
  let length = 0;
  buffers.forEach((buffer, index) => {
    if (!(buffer instanceof Uint8Array)) {
      throw new TypeError(`buffers[${index}] must be a Buffer or Uint8Array`);
    }
    length += buffer.length;
  });
  if (totalLength !== undefined) {
    if (!Number.isInteger(totalLength) || totalLength < 0) {
      throw new RangeError(`totalLength must be an integer >= 0, got ${String(totalLength)}`);
    }
    length = totalLength;
  }

  // Buffer.alloc zero-fills, so bytes past the inputs are 0 when totalLength is larger.
  // (Buffer.allocUnsafe would be faster, and would leak old memory into that tail.)
  const result = Buffer.alloc(length);
  let offset = 0;
  for (const buffer of buffers) {
    if (offset >= length) break;
    // A view on the same memory, so a plain Uint8Array gets Buffer's copy() too.
    const source = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    // copy() stops at the end of `result`, which truncates when totalLength is smaller.
    offset += source.copy(result, offset);
  }
  return result;
}

export async function concatFiles(sources, dest) {
  // Check everything before dest is touched: a failure here changes nothing on disk.
  const target = resolve(dest);
  for (const source of sources) {
    const info = await stat(source); // rejects with ENOENT for a missing file
    if (!info.isFile()) throw new Error(`not a regular file: ${source}`);
    if (resolve(source) === target) throw new Error(`destination is also a source: ${dest}`);
  }

  const out = createWriteStream(dest); // flags 'w': create or truncate
  try {
    for (const source of sources) {
      // One read stream at a time, in order. pipeline handles backpressure, and
      // end: false keeps `out` open for the next file.
      await pipeline(createReadStream(source), out, { end: false });
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await finished(out).catch(() => {}); // wait for the descriptor to close
    await rm(dest, { force: true });
    throw error;
  }
  return out.bytesWritten;
}
