// Reference solution: a buffered multipart/form-data parser (RFC 7578 / RFC 2046).

export class MultipartError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MultipartError';
  }
}

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function getBoundary(contentType) {
  if (typeof contentType !== 'string') throw new TypeError('contentType must be a string');
  const { value, params } = parseHeaderValue(contentType);
  if (value.toLowerCase() !== 'multipart/form-data') {
    throw new MultipartError(`not multipart/form-data: ${value}`);
  }
  const boundary = params.get('boundary');
  if (!boundary) throw new MultipartError('no boundary in Content-Type');
  if (boundary.length > 70) throw new MultipartError('boundary is longer than 70 characters');
  return boundary;
}

export function parseMultipart(body, contentType) {
  if (!Buffer.isBuffer(body)) throw new TypeError('body must be a Buffer');
  const boundary = getBoundary(contentType);
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  // Every delimiter after the first one starts on a new line: CRLF belongs to it,
  // not to the content before it.
  const delimiter = Buffer.concat([CRLF, dashBoundary]);

  // The first delimiter may open the body, or follow a preamble and a CRLF.
  let current = body.subarray(0, dashBoundary.length).equals(dashBoundary)
    ? delimiterEnd(body, dashBoundary.length)
    : null;
  current ??= findDelimiter(body, delimiter, 0);
  if (!current) throw new MultipartError('opening boundary not found');

  const fields = [];
  const files = [];
  for (let number = 1; !current.last; number++) {
    const next = findDelimiter(body, delimiter, current.next);
    if (!next) throw new MultipartError('closing boundary not found');
    addPart(body.subarray(current.next, next.start), number, fields, files);
    current = next;
  }
  // Anything after the closing delimiter is the epilogue: ignored.
  return { fields, files };
}

// Finds the next `delimiter` at or after `from` that is followed by "--" (the
// closing delimiter) or by optional spaces/tabs and CRLF. A match followed by
// anything else is content that merely looks like a boundary: keep searching.
function findDelimiter(body, delimiter, from) {
  for (let i = body.indexOf(delimiter, from); i !== -1; i = body.indexOf(delimiter, i + 1)) {
    const end = delimiterEnd(body, i + delimiter.length);
    if (end) return { start: i, ...end };
  }
  return null;
}

// Looks at the bytes right after a boundary. Returns where the next part starts
// and whether this was the closing delimiter, or null if it is not a delimiter.
function delimiterEnd(body, at) {
  if (body[at] === DASH && body[at + 1] === DASH) return { next: at + 2, last: true };
  let i = at;
  while (body[i] === SPACE || body[i] === TAB) i++; // transport padding
  if (body[i] === CR && body[i + 1] === LF) return { next: i + 2, last: false };
  return null;
}

function addPart(part, number, fields, files) {
  let headerText;
  let content;
  if (part[0] === CR && part[1] === LF) {
    headerText = ''; // no headers at all: the blank line comes first
    content = part.subarray(2);
  } else {
    const end = part.indexOf(HEADER_END);
    if (end === -1) throw new MultipartError(`part ${number}: header block not terminated`);
    headerText = part.toString('utf8', 0, end); // browsers send raw UTF-8 file names
    content = part.subarray(end + HEADER_END.length);
  }

  const headers = new Map();
  for (const line of headerText === '' ? [] : headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`part ${number}: malformed header line`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }

  const disposition = headers.get('content-disposition');
  if (disposition === undefined) {
    throw new MultipartError(`part ${number}: missing Content-Disposition header`);
  }
  const { value, params } = parseHeaderValue(disposition);
  const name = params.get('name');
  if (value.toLowerCase() !== 'form-data' || name === undefined) {
    throw new MultipartError(`part ${number}: Content-Disposition is not form-data with a name`);
  }

  if (params.has('filename')) {
    files.push({
      name,
      filename: params.get('filename'),
      contentType: headers.get('content-type') || 'text/plain', // RFC 7578's default
      data: content, // a view into body, no copy
    });
  } else {
    fields.push({ name, value: content.toString('utf8') });
  }
}

// Splits `type; a=1; b="x;y"` into { value: 'type', params: Map { a => '1', b => 'x;y' } }.
// Parameter names are case-insensitive; a quoted value runs to the next double quote.
function parseHeaderValue(header) {
  const pieces = [];
  let piece = '';
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      pieces.push(piece);
      piece = '';
    } else {
      piece += char;
    }
  }
  pieces.push(piece);

  const params = new Map();
  for (const raw of pieces.slice(1)) {
    const eq = raw.indexOf('=');
    if (eq === -1) continue;
    const name = raw.slice(0, eq).trim().toLowerCase();
    let value = raw.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!params.has(name)) params.set(name, value);
  }
  return { value: pieces[0].trim(), params };
}
