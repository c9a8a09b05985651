import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MultipartError, getBoundary, parseMultipart } from './multipart-parser.mjs';

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

// Joins strings and Buffers into one body Buffer; strings are UTF-8.
const bytes = (...pieces) => Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));

// One part: the delimiter line, headers, blank line and content (a string or a Buffer).
const part = (headers, content, boundary = BOUNDARY) =>
  bytes(`--${boundary}\r\n`, ...headers.map((h) => `${h}\r\n`), '\r\n', content, '\r\n');
const field = (name, value) => part([`Content-Disposition: form-data; name="${name}"`], value);
const close = (boundary = BOUNDARY) => `--${boundary}--\r\n`;

// Asserts that fn throws a MultipartError with exactly this message.
function throwsMultipart(fn, message) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof MultipartError, `expected a MultipartError, got ${error?.name}: ${error?.message}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe('getBoundary', () => {
  it('reads a plain or quoted boundary, ignoring case and other parameters', () => {
    assert.equal(getBoundary(CONTENT_TYPE), BOUNDARY);
    assert.equal(getBoundary('Multipart/Form-Data; BOUNDARY=abc'), 'abc', 'type and parameter names are case-insensitive');
    assert.equal(getBoundary('multipart/form-data; charset=utf-8; boundary="a b:c=d"'), 'a b:c=d', 'quotes are removed');
    assert.equal(getBoundary('multipart/form-data;boundary=xyz ; foo=bar'), 'xyz', 'whitespace around parameters is ignored');
  });

  it('throws a MultipartError for another media type, a missing boundary or one longer than 70 characters', () => {
    throwsMultipart(() => getBoundary('application/json; boundary=abc'), 'not multipart/form-data: application/json');
    throwsMultipart(() => getBoundary('multipart/form-data'), 'no boundary in Content-Type');
    throwsMultipart(() => getBoundary('multipart/form-data; boundary='), 'no boundary in Content-Type');
    throwsMultipart(() => getBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`), 'boundary is longer than 70 characters');
    assert.equal(getBoundary(`multipart/form-data; boundary=${'x'.repeat(70)}`).length, 70, '70 characters is the maximum');
  });
});

describe('parseMultipart', () => {
  describe('valid bodies', () => {
    it('parses a text field and a file part', () => {
      const body = bytes(
        field('title', 'Holiday'),
        part(['Content-Disposition: form-data; name="photo"; filename="beach.png"', 'Content-Type: image/png'], Buffer.from([0x89, 0x50, 0x4e, 0x47])),
        close(),
      );
      const { fields, files } = parseMultipart(body, CONTENT_TYPE);
      assert.deepEqual(fields, [{ name: 'title', value: 'Holiday' }]);
      assert.equal(files.length, 1);
      const [file] = files;
      assert.deepEqual(
        { name: file.name, filename: file.filename, contentType: file.contentType },
        { name: 'photo', filename: 'beach.png', contentType: 'image/png' },
      );
      assert.ok(Buffer.isBuffer(file.data), 'file.data must be a Buffer');
      assert.deepEqual([...file.data], [0x89, 0x50, 0x4e, 0x47], 'the CRLF before the next boundary is not part of the data');
    });

    it('keeps fields in order, including repeated names and empty values', () => {
      const body = bytes(field('tag', 'a'), field('empty', ''), field('tag', 'b'), field('multi', 'line 1\r\nline 2\r\n'), close());
      assert.deepEqual(parseMultipart(body, CONTENT_TYPE).fields, [
        { name: 'tag', value: 'a' },
        { name: 'empty', value: '' },
        { name: 'tag', value: 'b' },
        { name: 'multi', value: 'line 1\r\nline 2\r\n' },
      ]);
    });

    it('decodes field values and file names as UTF-8', () => {
      const body = bytes(
        field('comment', 'Привет, wörld €'),
        part(['Content-Disposition: form-data; name="cv"; filename="résumé 履歴書.pdf"', 'Content-Type: application/pdf'], '%PDF'),
        close(),
      );
      const { fields, files } = parseMultipart(body, CONTENT_TYPE);
      assert.equal(fields[0].value, 'Привет, wörld €');
      assert.equal(files[0].filename, 'résumé 履歴書.pdf', 'header bytes must be decoded as UTF-8, not latin1');
    });

    it('keeps binary file content intact, including -- and CRLF sequences', () => {
      const data = bytes(
        Buffer.from([0x00, 0xff, 0xfe, 0x2d, 0x2d, 0x0d]),
        '--\r\n--\r\n', // dashes at the start of a line
        `\r\n--${BOUNDARY.slice(0, -1)}`, // almost the boundary
        `x--${BOUNDARY}`, // the boundary, but not at the start of a line
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        '\r\n', // content that itself ends with CRLF
      );
      const body = bytes(
        part(['Content-Disposition: form-data; name="blob"; filename="blob.bin"', 'Content-Type: application/octet-stream'], data),
        close(),
      );
      const [file] = parseMultipart(body, CONTENT_TYPE).files;
      assert.equal(file.data.length, data.length, 'the file has the wrong length');
      assert.ok(file.data.equals(data), 'the file content changed');
    });

    it('ignores the preamble, the epilogue and whitespace after a boundary', () => {
      const body = bytes(
        'This is the preamble. It is to be ignored.\r\n',
        `--${BOUNDARY}  \t\r\n`, // transport padding before the CRLF
        'Content-Disposition: form-data; name="a"\r\n\r\n1\r\n',
        close(),
        'This is the epilogue, also ignored.\r\n',
      );
      assert.deepEqual(parseMultipart(body, CONTENT_TYPE), { fields: [{ name: 'a', value: '1' }], files: [] });
    });

    it('reads headers case-insensitively, handles quoted semicolons and defaults contentType to text/plain', () => {
      const body = bytes(
        part(['content-disposition: Form-Data; Name=plain; FILENAME="a;b.txt"'], 'text'),
        part(['CONTENT-DISPOSITION:form-data;name="x"', 'X-Extra: ignored'], 'y'),
        close(),
      );
      const { fields, files } = parseMultipart(body, CONTENT_TYPE);
      assert.deepEqual(
        files.map(({ name, filename, contentType }) => ({ name, filename, contentType })),
        [{ name: 'plain', filename: 'a;b.txt', contentType: 'text/plain' }],
      );
      assert.deepEqual(fields, [{ name: 'x', value: 'y' }]);
    });

    it('parses an empty form and a file input with no file chosen', () => {
      assert.deepEqual(parseMultipart(Buffer.from(close()), CONTENT_TYPE), { fields: [], files: [] });
      const body = bytes(
        part(['Content-Disposition: form-data; name="upload"; filename=""', 'Content-Type: application/octet-stream'], ''),
        close(),
      );
      const [file] = parseMultipart(body, CONTENT_TYPE).files;
      assert.equal(file.filename, '', 'an empty filename still makes it a file part');
      assert.equal(file.data.length, 0);
    });
  });

  describe('malformed bodies', () => {
    it('throws when the opening boundary is missing', () => {
      const other = bytes(field('a', '1'), close()).toString().replaceAll(BOUNDARY, 'some-other-boundary');
      throwsMultipart(() => parseMultipart(Buffer.from(other), CONTENT_TYPE), 'opening boundary not found');
      throwsMultipart(() => parseMultipart(Buffer.alloc(0), CONTENT_TYPE), 'opening boundary not found');
    });

    it('throws when the closing boundary is missing', () => {
      const full = bytes(field('a', '1'), field('b', '2'), close());
      const truncated = full.subarray(0, full.length - 30);
      throwsMultipart(() => parseMultipart(truncated, CONTENT_TYPE), 'closing boundary not found');
      const noClose = bytes(field('a', '1'));
      throwsMultipart(() => parseMultipart(noClose, CONTENT_TYPE), 'closing boundary not found');
    });

    it('names the broken part when its headers are wrong', () => {
      const cases = [
        [`--${BOUNDARY}\r\nContent-Disposition: form-data; name="b"\r\nno blank line after the headers\r\n`, 'part 2: header block not terminated'],
        [part(['Content-Disposition: form-data; name="b"', 'this is not a header'], ''), 'part 2: malformed header line'],
        [part(['Content-Type: text/plain'], 'x'), 'part 2: missing Content-Disposition header'],
        [part(['Content-Disposition: attachment; name="b"'], 'x'), 'part 2: Content-Disposition is not form-data with a name'],
        [part(['Content-Disposition: form-data; filename="b.txt"'], 'x'), 'part 2: Content-Disposition is not form-data with a name'],
      ];
      for (const [broken, message] of cases) {
        const body = bytes(field('a', '1'), broken, close());
        throwsMultipart(() => parseMultipart(body, CONTENT_TYPE), message);
      }
    });

    it('throws a TypeError when the body is not a Buffer, and checks the Content-Type', () => {
      assert.throws(() => parseMultipart('--x--', 'multipart/form-data; boundary=x'), TypeError);
      throwsMultipart(() => parseMultipart(Buffer.from('--x--'), 'text/plain'), 'not multipart/form-data: text/plain');
    });
  });
});
