import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { createUserApi } from './rest-crud.mjs';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('users REST API', () => {
  let server;
  let base;

  beforeEach(async () => {
    server = createUserApi();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${server.address().port}`;
  });

  afterEach(async () => {
    if (!server?.listening) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // Sends a request; a plain object body is sent as JSON. Returns status, headers and the
  // parsed JSON body (or null for an empty body).
  async function call(method, path, { body, headers } = {}) {
    const init = { method, headers: { ...headers } };
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        init.body = body;
      } else {
        init.body = JSON.stringify(body);
        init.headers = { ...JSON_HEADERS, ...headers };
      }
    }
    const response = await fetch(base + path, { ...init, signal: AbortSignal.timeout(2000) });
    const text = await response.text();
    let json = null;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        assert.fail(`${method} ${path}: the response body is not JSON: ${JSON.stringify(text)}`);
      }
    }
    return { status: response.status, headers: response.headers, body: json, text };
  }

  const create = async (user) => {
    const res = await call('POST', '/users', { body: user });
    assert.equal(res.status, 201, `creating ${JSON.stringify(user)}: ${res.text}`);
    return res.body;
  };

  // Every error response is JSON with a non-empty "error" message.
  function assertError(res, status, what) {
    assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.text}`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${what}: JSON content type`);
    assert.equal(typeof res.body?.error, 'string', `${what}: body must be { "error": "..." }`);
    assert.notEqual(res.body.error, '', `${what}: the error message must not be empty`);
  }

  describe('create and read', () => {
    it('POST /users answers 201 with a Location header and the stored user', async () => {
      const res = await call('POST', '/users', {
        body: { id: '999', name: 'Ada', email: 'ada@example.com', admin: true },
      });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('location'), '/users/1', 'Location points at the new resource');
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(
        res.body,
        { id: '1', name: 'Ada', email: 'ada@example.com' },
        'the server assigns the id; the client id and unknown fields are dropped',
      );
    });

    it('assigns ids in sequence and never reuses one after a delete', async () => {
      assert.equal((await create({ name: 'A', email: 'a@x.io' })).id, '1');
      assert.equal((await create({ name: 'B', email: 'b@x.io' })).id, '2');
      assert.equal((await call('DELETE', '/users/2')).status, 204);
      assert.equal((await create({ name: 'C', email: 'c@x.io' })).id, '3', 'id 2 must not come back');
    });

    it('GET /users lists the users in creation order, starting empty', async () => {
      const empty = await call('GET', '/users');
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body, [], 'a new server has no users');
      await create({ name: 'Ada', email: 'ada@example.com' });
      await create({ name: 'Linus', email: 'linus@example.com' });
      const list = await call('GET', '/users');
      assert.deepEqual(list.body, [
        { id: '1', name: 'Ada', email: 'ada@example.com' },
        { id: '2', name: 'Linus', email: 'linus@example.com' },
      ]);
    });

    it('GET /users/:id returns one user and 404 with a JSON error for an unknown id', async () => {
      await create({ name: 'Ada', email: 'ada@example.com' });
      const one = await call('GET', '/users/1');
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, { id: '1', name: 'Ada', email: 'ada@example.com' });
      assertError(await call('GET', '/users/42'), 404, 'GET of an id that was never created');
      assertError(await call('GET', '/users/abc'), 404, 'GET of a non-numeric id');
    });
  });

  describe('update and delete', () => {
    it('PUT replaces the whole user and requires every field', async () => {
      await create({ name: 'Ada', email: 'ada@example.com' });
      const res = await call('PUT', '/users/1', { body: { name: 'Ada Lovelace', email: 'al@example.com' } });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { id: '1', name: 'Ada Lovelace', email: 'al@example.com' });
      assert.deepEqual((await call('GET', '/users/1')).body, res.body, 'the replacement must be stored');
      assertError(await call('PUT', '/users/1', { body: { name: 'Only a name' } }), 400, 'PUT without email');
      assert.equal((await call('GET', '/users/1')).body.name, 'Ada Lovelace', 'a rejected PUT changes nothing');
    });

    it('PATCH changes only the given fields and accepts application/merge-patch+json', async () => {
      await create({ name: 'Ada', email: 'ada@example.com' });
      const res = await call('PATCH', '/users/1', { body: { name: 'Countess' } });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { id: '1', name: 'Countess', email: 'ada@example.com' }, 'email is kept');
      const merge = await call('PATCH', '/users/1', {
        body: JSON.stringify({ email: 'countess@example.com' }),
        headers: { 'Content-Type': 'application/merge-patch+json' },
      });
      assert.equal(merge.status, 200, `merge-patch+json is JSON too: ${merge.text}`);
      assert.deepEqual(merge.body, { id: '1', name: 'Countess', email: 'countess@example.com' });
      assertError(await call('PATCH', '/users/1', { body: { email: 'not-an-email' } }), 400, 'PATCH with a bad email');
    });

    it('DELETE answers 204 with an empty body, and the user is gone', async () => {
      await create({ name: 'Ada', email: 'ada@example.com' });
      const res = await call('DELETE', '/users/1');
      assert.equal(res.status, 204);
      assert.equal(res.text, '', '204 No Content has no body');
      assertError(await call('GET', '/users/1'), 404, 'GET after DELETE');
      assert.deepEqual((await call('GET', '/users')).body, []);
    });

    it('PUT, PATCH and DELETE answer 404 for an unknown id', async () => {
      const body = { name: 'Ghost', email: 'ghost@example.com' };
      assertError(await call('PUT', '/users/7', { body }), 404, 'PUT does not create missing users');
      assertError(await call('PATCH', '/users/7', { body }), 404, 'PATCH of an unknown id');
      assertError(await call('DELETE', '/users/7'), 404, 'DELETE of an unknown id');
      assert.deepEqual((await call('GET', '/users')).body, [], 'nothing may have been created');
    });
  });

  describe('errors', () => {
    it('answers 400 for a body that is not valid JSON and stores nothing', async () => {
      for (const text of ['{"name": "Ada",', '', 'name=Ada', "{'name': 'Ada'}"]) {
        const res = await call('POST', '/users', { body: text, headers: JSON_HEADERS });
        assertError(res, 400, `POST with body ${JSON.stringify(text)}`);
      }
      assert.deepEqual((await call('GET', '/users')).body, []);
    });

    it('answers 400 when the body is not an object or a field is invalid', async () => {
      const bad = [
        [[], 'an array'],
        [null, 'null'],
        ['"Ada"', 'a JSON string'],
        [{ email: 'ada@example.com' }, 'no name'],
        [{ name: '  ', email: 'ada@example.com' }, 'a blank name'],
        [{ name: 42, email: 'ada@example.com' }, 'a number as name'],
        [{ name: 'Ada' }, 'no email'],
        [{ name: 'Ada', email: 'ada.example.com' }, 'an email without @'],
      ];
      for (const [body, what] of bad) {
        const payload = typeof body === 'string' ? body : JSON.stringify(body);
        const res = await call('POST', '/users', { body: payload, headers: JSON_HEADERS });
        assertError(res, 400, `POST with ${what}`);
      }
      assert.deepEqual((await call('GET', '/users')).body, []);
    });

    it('answers 415 unless the Content-Type is JSON, with parameters and +json types accepted', async () => {
      const json = JSON.stringify({ name: 'Ada', email: 'ada@example.com' });
      assertError(
        await call('POST', '/users', { body: json, headers: { 'Content-Type': 'text/plain' } }),
        415,
        'text/plain',
      );
      assertError(
        await call('POST', '/users', { body: new TextEncoder().encode(json) }),
        415,
        'no Content-Type header at all',
      );
      assertError(
        await call('POST', '/users', { body: json, headers: { 'Content-Type': 'application/jsonp' } }),
        415,
        'application/jsonp is not JSON',
      );
      const ok = await call('POST', '/users', {
        body: json,
        headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
      });
      assert.equal(ok.status, 201, `media types are case-insensitive and may carry parameters: ${ok.text}`);
    });

    it('answers 409 for a duplicate email, compared case-insensitively, but not for the user itself', async () => {
      await create({ name: 'Ada', email: 'ada@example.com' });
      await create({ name: 'Linus', email: 'linus@example.com' });
      assertError(
        await call('POST', '/users', { body: { name: 'Imposter', email: 'ADA@example.com' } }),
        409,
        'POST with an email that differs only in case',
      );
      assertError(
        await call('PATCH', '/users/2', { body: { email: 'ada@example.com' } }),
        409,
        "PATCH to another user's email",
      );
      assertError(
        await call('PUT', '/users/2', { body: { name: 'Linus', email: 'Ada@Example.com' } }),
        409,
        "PUT with another user's email",
      );
      const own = await call('PUT', '/users/1', { body: { name: 'Ada L.', email: 'ada@example.com' } });
      assert.equal(own.status, 200, `keeping your own email is not a conflict: ${own.text}`);
      assert.equal((await call('GET', '/users')).body.length, 2);
    });

    it('answers 404 for an unknown path and 405 with an Allow header for an unsupported method', async () => {
      assertError(await call('GET', '/products'), 404, 'GET /products');
      assertError(await call('GET', '/users/1/posts'), 404, 'GET /users/1/posts');
      const collection = await call('DELETE', '/users');
      assertError(collection, 405, 'DELETE /users');
      assert.deepEqual(
        collection.headers.get('allow')?.split(/,\s*/).sort(),
        ['GET', 'POST'],
        'Allow lists what /users supports',
      );
      await create({ name: 'Ada', email: 'ada@example.com' });
      const item = await call('POST', '/users/1', { body: { name: 'x', email: 'x@y.z' } });
      assertError(item, 405, 'POST /users/1');
      assert.deepEqual(item.headers.get('allow')?.split(/,\s*/).sort(), ['DELETE', 'GET', 'PATCH', 'PUT']);
    });
  });
});
