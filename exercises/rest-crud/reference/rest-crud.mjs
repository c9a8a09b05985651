// Reference solution: an in-memory /users REST resource on plain node:http.
//
// Every failure is thrown as an HttpError and turned into a JSON response in one place,
// so each handler reads top to bottom as the list of checks it makes, in order.

import http from 'node:http';

class HttpError extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** application/json or any application/<something>+json, with optional parameters. */
function isJsonContentType(header) {
  if (typeof header !== 'string') return false;
  const mediaType = header.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType);
}

async function readJsonBody(req) {
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new HttpError(415, 'Content-Type must be application/json');
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'request body must be a JSON object');
  }
  return body;
}

const isName = (value) => typeof value === 'string' && value.trim() !== '';
const isEmail = (value) => typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value);

/** Checks the fields present in body; with partial = false both are required. */
function validate(body, { partial }) {
  const fields = {};
  if (body.name !== undefined || !partial) {
    if (!isName(body.name)) throw new HttpError(400, 'name must be a non-empty string');
    fields.name = body.name;
  }
  if (body.email !== undefined || !partial) {
    if (!isEmail(body.email)) throw new HttpError(400, 'email must look like user@host');
    fields.email = body.email;
  }
  return fields; // only known fields: a client cannot set id or anything else
}

export function createUserApi() {
  /** id -> user; a Map keeps insertion order, which is creation order. */
  const users = new Map();
  let lastId = 0;

  function assertEmailFree(email, ownId) {
    const wanted = email.toLowerCase();
    for (const user of users.values()) {
      if (user.id !== ownId && user.email.toLowerCase() === wanted) {
        throw new HttpError(409, `email ${email} is already in use`);
      }
    }
  }

  function findUser(id) {
    const user = users.get(id);
    if (!user) throw new HttpError(404, `user ${id} not found`);
    return user;
  }

  async function handleCollection(req, res) {
    if (req.method === 'GET') {
      sendJson(res, 200, [...users.values()]);
      return;
    }
    if (req.method === 'POST') {
      const fields = validate(await readJsonBody(req), { partial: false });
      assertEmailFree(fields.email);
      const id = String(++lastId); // never reused, even after a delete
      const user = { id, ...fields };
      users.set(id, user);
      sendJson(res, 201, user, { Location: `/users/${id}` });
      return;
    }
    throw new HttpError(405, `${req.method} is not allowed on /users`, { Allow: 'GET, POST' });
  }

  async function handleItem(req, res, id) {
    const allowed = ['GET', 'PUT', 'PATCH', 'DELETE'];
    if (!allowed.includes(req.method)) {
      throw new HttpError(405, `${req.method} is not allowed on /users/:id`, {
        Allow: 'DELETE, GET, PATCH, PUT',
      });
    }
    const user = findUser(id);
    switch (req.method) {
      case 'GET':
        sendJson(res, 200, user);
        return;
      case 'PUT': {
        const fields = validate(await readJsonBody(req), { partial: false });
        assertEmailFree(fields.email, id);
        const replaced = { id, ...fields };
        users.set(id, replaced);
        sendJson(res, 200, replaced);
        return;
      }
      case 'PATCH': {
        const fields = validate(await readJsonBody(req), { partial: true });
        if (fields.email !== undefined) assertEmailFree(fields.email, id);
        const merged = { ...user, ...fields };
        users.set(id, merged);
        sendJson(res, 200, merged);
        return;
      }
      case 'DELETE':
        users.delete(id);
        res.writeHead(204).end();
        return;
    }
  }

  return http.createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://localhost');
      const segments = pathname.split('/').filter(Boolean);
      if (segments[0] === 'users' && segments.length === 1) {
        await handleCollection(req, res);
      } else if (segments[0] === 'users' && segments.length === 2) {
        await handleItem(req, res, decodeURIComponent(segments[1]));
      } else {
        throw new HttpError(404, 'Not Found');
      }
    } catch (err) {
      if (err instanceof HttpError) {
        sendJson(res, err.status, { error: err.message }, err.headers);
      } else if (err instanceof URIError) {
        sendJson(res, 400, { error: 'malformed URL' });
      } else {
        // A bug, not the client's fault: log it, and do not leak the details.
        console.error(err);
        if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
        else res.destroy();
      }
    }
  });
}
