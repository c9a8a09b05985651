// WebSocket frames (RFC 6455). Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

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

/**
 * The Sec-WebSocket-Accept value for a client's Sec-WebSocket-Key.
 * @param {string} secWebSocketKey
 * @returns {string} base64 of SHA-1(key + WS_GUID)
 */
export function acceptKey(secWebSocketKey) {
  // TODO: TypeError unless a non-empty string; then hash with createHash('sha1').
  throw new Error('not implemented');
}

/**
 * Builds one frame.
 * @param {{ fin?: boolean, opcode: number, payload?: string | Uint8Array, mask?: Uint8Array }} frame
 * @returns {Buffer}
 */
export function encodeFrame({ fin = true, opcode, payload = '', mask } = {}) {
  // TODO: validate, pick the length form (7, 16 or 64 bits), write the header,
  // then copy the payload, XORed with the mask when there is one.
  throw new Error('not implemented');
}

/**
 * Reads the first frame in buffer.
 * @param {Buffer} buffer
 * @returns {{ fin: boolean, opcode: number, masked: boolean, payload: Buffer, frameLength: number } | null}
 *   null when the buffer does not hold a complete frame yet
 */
export function decodeFrame(buffer) {
  // TODO: read the two header bytes, the extended length, the mask, then the payload;
  // return null as soon as a part you need is not in the buffer yet.
  throw new Error('not implemented');
}
