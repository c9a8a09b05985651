// Reference solution: the byte-level pieces of RFC 6455 (WebSocket), as pure functions.
//
// Frame layout (section 5.2):
//
//   byte 0: FIN (1 bit) | RSV1-3 (3 bits, must be 0) | opcode (4 bits)
//   byte 1: MASK (1 bit) | payload length (7 bits): 0-125, or 126 / 127 as a marker
//   then:   a 16-bit (marker 126) or 64-bit (marker 127) big-endian length, if any
//   then:   a 4-byte masking key, if MASK is set
//   then:   the payload, XORed with the masking key byte by byte if MASK is set

import { createHash } from 'node:crypto';

/** The fixed GUID that RFC 6455 appends to Sec-WebSocket-Key before hashing. */
export const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const OPCODES = Object.freeze({
  CONTINUATION: 0x0,
  TEXT: 0x1,
  BINARY: 0x2,
  CLOSE: 0x8,
  PING: 0x9,
  PONG: 0xa,
});

const KNOWN_OPCODES = new Set(Object.values(OPCODES));

export function acceptKey(secWebSocketKey) {
  if (typeof secWebSocketKey !== 'string' || secWebSocketKey.length === 0) {
    throw new TypeError('secWebSocketKey must be a non-empty string');
  }
  return createHash('sha1').update(secWebSocketKey + WS_GUID).digest('base64');
}

/** Validates the opcode, and the extra rules for control frames (section 5.5). */
function checkOpcode(opcode, fin, length) {
  if (!KNOWN_OPCODES.has(opcode)) {
    throw new RangeError(`unknown opcode ${String(opcode)}`);
  }
  if (opcode >= 0x8) {
    if (!fin) throw new RangeError('control frames must not be fragmented');
    if (length > 125) throw new RangeError('control frame payload must be 125 bytes or less');
  }
}

export function encodeFrame({ fin = true, opcode, payload = '', mask } = {}) {
  let data;
  if (typeof payload === 'string') data = Buffer.from(payload, 'utf8');
  else if (payload instanceof Uint8Array) data = payload;
  else throw new TypeError('payload must be a string, a Buffer or a Uint8Array');

  checkOpcode(opcode, fin, data.length);
  if (mask !== undefined && !(mask instanceof Uint8Array && mask.length === 4)) {
    throw new RangeError('mask must be a 4-byte Buffer or Uint8Array');
  }

  const length = data.length;
  // Always the shortest form: the RFC requires the minimal number of length bytes.
  const extended = length <= 125 ? 0 : length <= 0xffff ? 2 : 8;
  const maskSize = mask === undefined ? 0 : 4;
  const headerSize = 2 + extended + maskSize;
  const frame = Buffer.alloc(headerSize + length);

  frame[0] = (fin ? 0x80 : 0) | opcode;
  frame[1] = (maskSize ? 0x80 : 0) | (extended === 0 ? length : extended === 2 ? 126 : 127);
  if (extended === 2) frame.writeUInt16BE(length, 2);
  else if (extended === 8) frame.writeBigUInt64BE(BigInt(length), 2);

  if (mask === undefined) {
    frame.set(data, headerSize);
  } else {
    frame.set(mask, 2 + extended);
    // Write the masked bytes into the new frame; the caller's payload stays untouched.
    for (let i = 0; i < length; i++) {
      frame[headerSize + i] = data[i] ^ mask[i & 3];
    }
  }
  return frame;
}

export function decodeFrame(buffer) {
  if (!(buffer instanceof Uint8Array)) {
    throw new TypeError('decodeFrame expects a Buffer');
  }
  if (buffer.length < 2) return null;

  const fin = (buffer[0] & 0x80) !== 0;
  if ((buffer[0] & 0x70) !== 0) {
    throw new RangeError('RSV bits must be 0 (no extension was negotiated)');
  }
  const opcode = buffer[0] & 0x0f;
  const masked = (buffer[1] & 0x80) !== 0;
  const lengthField = buffer[1] & 0x7f;
  // A control frame with marker 126 or 127 is already too long, so lengthField is enough here.
  checkOpcode(opcode, fin, lengthField);

  let offset = 2;
  let length = lengthField;
  if (lengthField === 126) {
    if (buffer.length < offset + 2) return null;
    length = (buffer[2] << 8) | buffer[3];
    offset += 2;
  } else if (lengthField === 127) {
    if (buffer.length < offset + 8) return null;
    const big = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).readBigUInt64BE(2);
    // The most significant bit must be 0, and a JavaScript number can only index so far.
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`payload length ${big} is too large`);
    }
    length = Number(big);
    offset += 8;
  }

  let mask;
  if (masked) {
    if (buffer.length < offset + 4) return null;
    mask = buffer.subarray(offset, offset + 4);
    offset += 4;
  }

  const frameLength = offset + length;
  if (buffer.length < frameLength) return null;

  let payload;
  if (masked) {
    // A fresh Buffer: unmasking in place would corrupt the caller's buffer.
    payload = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
      payload[i] = buffer[offset + i] ^ mask[i & 3];
    }
  } else {
    payload = Buffer.from(buffer.subarray(offset, frameLength));
  }

  return { fin, opcode, masked, payload, frameLength };
}
