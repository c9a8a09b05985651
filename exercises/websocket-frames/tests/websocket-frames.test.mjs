import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptKey, encodeFrame, decodeFrame, OPCODES } from './websocket-frames.mjs';

// Byte-for-byte examples from RFC 6455, section 5.7.
const HELLO_UNMASKED = Buffer.from([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
const HELLO_MASK = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
const HELLO_MASKED = Buffer.from([
  0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58,
]);

// A payload whose bytes differ from each other, so a wrong offset shows up.
const bytes = (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff));

const hex = (buf) => Buffer.from(buf).toString('hex');

describe('websocket frames', () => {
  describe('acceptKey', () => {
    it('matches the handshake example from RFC 6455', () => {
      assert.equal(
        acceptKey('dGhlIHNhbXBsZSBub25jZQ=='),
        's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
        'base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")) for the RFC sample key',
      );
      assert.equal(acceptKey('x3JJHMbDL1EzLkh9GBhXDw=='), 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
    });

    it('rejects a key that is not a non-empty string with a TypeError', () => {
      for (const bad of [undefined, null, '', 42, Buffer.from('abc')]) {
        assert.throws(() => acceptKey(bad), TypeError, `acceptKey(${String(bad)}) must throw a TypeError`);
      }
    });
  });

  describe('encodeFrame', () => {
    it('encodes the unmasked and masked "Hello" text frames from the RFC', () => {
      assert.equal(
        hex(encodeFrame({ opcode: OPCODES.TEXT, payload: 'Hello' })),
        hex(HELLO_UNMASKED),
        'a server-to-client frame: FIN + TEXT, no mask bit, length 5',
      );
      assert.equal(
        hex(encodeFrame({ opcode: OPCODES.TEXT, payload: 'Hello', mask: HELLO_MASK })),
        hex(HELLO_MASKED),
        'a client-to-server frame: mask bit set, the 4 key bytes, then the XORed payload',
      );
      assert.ok(Buffer.isBuffer(encodeFrame({ opcode: OPCODES.PING })), 'encodeFrame must return a Buffer');
    });

    it('clears FIN for fragments and encodes strings as UTF-8', () => {
      assert.equal(
        hex(encodeFrame({ fin: false, opcode: OPCODES.TEXT, payload: 'Hel' })),
        '010348656c',
        'the first fragment of "Hello": FIN clear, opcode TEXT',
      );
      assert.equal(
        hex(encodeFrame({ opcode: OPCODES.CONTINUATION, payload: 'lo' })),
        '80026c6f',
        'the last fragment: FIN set, opcode CONTINUATION (0)',
      );
      assert.equal(
        hex(encodeFrame({ opcode: OPCODES.TEXT, payload: 'héllo' })),
        '810668c3a96c6c6f',
        'the length is in bytes: "é" takes two bytes in UTF-8',
      );
    });

    it('does not modify the payload or the mask it is given', () => {
      const payload = bytes(40);
      const mask = Buffer.from([1, 2, 3, 4]);
      encodeFrame({ opcode: OPCODES.BINARY, payload, mask });
      assert.equal(hex(payload), hex(bytes(40)), 'masking must write into the new frame, not the input');
      assert.equal(hex(mask), '01020304');
    });

    it('uses a 7-bit length up to 125, a 16-bit length up to 65535 and a 64-bit length above', () => {
      const cases = [
        [0, '8200'],
        [125, '827d'],
        [126, '827e007e'],
        [256, '827e0100'],
        [65535, '827effff'],
        [65536, '827f0000000000010000'],
      ];
      for (const [size, header] of cases) {
        const frame = encodeFrame({ opcode: OPCODES.BINARY, payload: bytes(size) });
        assert.equal(hex(frame.subarray(0, header.length / 2)), header, `header for a ${size}-byte payload`);
        assert.equal(frame.length, header.length / 2 + size, `total length for a ${size}-byte payload`);
        assert.ok(frame.subarray(header.length / 2).equals(bytes(size)), `payload bytes for size ${size}`);
      }
      const masked = encodeFrame({ opcode: OPCODES.BINARY, payload: bytes(300), mask: HELLO_MASK });
      assert.equal(hex(masked.subarray(0, 8)), '82fe012c37fa213d', 'mask bit + 126, the 16-bit length, then the key');
    });

    it('rejects unknown opcodes, bad masks and invalid control frames', () => {
      for (const opcode of [3, 7, 0xb, 16, -1, 1.5, undefined, '1']) {
        assert.throws(() => encodeFrame({ opcode, payload: 'x' }), RangeError, `opcode ${String(opcode)}`);
      }
      for (const mask of [Buffer.alloc(3), Buffer.alloc(5), 'abcd', [1, 2, 3, 4]]) {
        assert.throws(
          () => encodeFrame({ opcode: OPCODES.TEXT, payload: 'x', mask }),
          RangeError,
          `mask ${JSON.stringify(mask)} is not 4 bytes in a Buffer`,
        );
      }
      assert.throws(
        () => encodeFrame({ opcode: OPCODES.PING, payload: bytes(126) }),
        RangeError,
        'a control frame payload may be at most 125 bytes',
      );
      assert.throws(
        () => encodeFrame({ fin: false, opcode: OPCODES.CLOSE }),
        RangeError,
        'control frames may not be fragmented',
      );
      assert.throws(() => encodeFrame({ opcode: OPCODES.TEXT, payload: 42 }), TypeError, 'payload 42');
    });
  });

  describe('decodeFrame', () => {
    it('decodes the unmasked and masked "Hello" frames from the RFC', () => {
      const plain = decodeFrame(HELLO_UNMASKED);
      assert.deepEqual(
        { ...plain, payload: plain.payload.toString() },
        { fin: true, opcode: OPCODES.TEXT, masked: false, payload: 'Hello', frameLength: 7 },
      );
      const masked = decodeFrame(HELLO_MASKED);
      assert.ok(Buffer.isBuffer(masked.payload), 'payload must be a Buffer');
      assert.equal(masked.payload.toString(), 'Hello', 'the payload must come back unmasked');
      assert.equal(masked.masked, true);
      assert.equal(masked.frameLength, 11);
    });

    it('round-trips payloads of every length class, masked and unmasked', () => {
      for (const size of [0, 1, 125, 126, 127, 65535, 65536, 70000]) {
        for (const mask of [undefined, Buffer.from([0xde, 0xad, 0xbe, 0xef])]) {
          const frame = encodeFrame({ opcode: OPCODES.BINARY, payload: bytes(size), mask });
          const decoded = decodeFrame(frame);
          const label = `${size} bytes, ${mask ? 'masked' : 'unmasked'}`;
          assert.ok(decoded, `${label}: a complete frame must decode`);
          assert.equal(decoded.frameLength, frame.length, `${label}: frameLength`);
          assert.equal(decoded.payload.length, size, `${label}: payload length`);
          assert.ok(decoded.payload.equals(bytes(size)), `${label}: payload bytes`);
        }
      }
    });

    it('returns null until the buffer holds the whole frame', () => {
      const frames = [
        HELLO_MASKED,
        encodeFrame({ opcode: OPCODES.BINARY, payload: bytes(300), mask: HELLO_MASK }),
        encodeFrame({ opcode: OPCODES.BINARY, payload: bytes(65536) }),
      ];
      for (const frame of frames) {
        // Every cut inside the header, and a few inside the payload.
        const cuts = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, frame.length - 1].filter(
          (n) => n < frame.length,
        );
        for (const n of cuts) {
          assert.equal(
            decodeFrame(frame.subarray(0, n)),
            null,
            `the first ${n} of ${frame.length} bytes are not a complete frame`,
          );
        }
        assert.notEqual(decodeFrame(frame), null, 'the full frame must decode');
      }
    });

    it('decodes only the first frame and reports how many bytes it used', () => {
      const first = encodeFrame({ fin: false, opcode: OPCODES.TEXT, payload: 'Hel' });
      const second = encodeFrame({ opcode: OPCODES.CONTINUATION, payload: 'lo', mask: HELLO_MASK });
      const joined = Buffer.concat([first, second, Buffer.from([0x81])]);
      const a = decodeFrame(joined);
      assert.equal(a.fin, false);
      assert.equal(a.payload.toString(), 'Hel');
      assert.equal(a.frameLength, first.length, 'frameLength tells the caller where the next frame starts');
      const b = decodeFrame(joined.subarray(a.frameLength));
      assert.equal(b.opcode, OPCODES.CONTINUATION);
      assert.equal(b.payload.toString(), 'lo');
      assert.equal(decodeFrame(joined.subarray(a.frameLength + b.frameLength)), null, 'one stray byte');
    });

    it('does not modify the buffer it decodes', () => {
      const frame = Buffer.from(HELLO_MASKED);
      decodeFrame(frame);
      assert.equal(hex(frame), hex(HELLO_MASKED), 'unmasking must write into a new Buffer');
    });

    it('rejects RSV bits, unknown opcodes, invalid control frames and oversized lengths', () => {
      const cases = [
        [[0xc1, 0x00], 'RSV1 set (no extension negotiated)'],
        [[0x83, 0x00], 'reserved opcode 3'],
        [[0x09, 0x00], 'a fragmented ping (FIN clear on a control frame)'],
        [[0x89, 0x7e, 0x00, 0x7e], 'a ping with a 126-byte payload'],
        [[0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0], '64-bit length with the most significant bit set'],
        [[0x82, 0x7f, 0x00, 0x20, 0, 0, 0, 0, 0, 0], '64-bit length above Number.MAX_SAFE_INTEGER'],
      ];
      for (const [header, label] of cases) {
        assert.throws(() => decodeFrame(Buffer.from(header)), RangeError, `${label} must throw a RangeError`);
      }
      assert.throws(() => decodeFrame('81 05'), TypeError, 'a string is not a Buffer');
    });
  });
});
