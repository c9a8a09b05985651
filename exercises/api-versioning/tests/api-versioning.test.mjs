import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveVersion, createVersionedApi } from './api-versioning.mjs';

const get = (url, headers = {}) => ({ method: 'GET', url, headers });

// A small weather API: v1 reports Celsius only, v2 adds Fahrenheit and humidity.
// v1 is deprecated since 2025-01-01 and retired on 2026-01-01.
const DEPRECATED_AT = '2025-01-01T00:00:00Z'; // 1735689600 in Unix seconds
const SUNSET = '2026-01-01T00:00:00Z';
const DOCS = 'https://docs.example.com/migrate-to-v2';

function weatherApi({ now = () => Date.parse('2025-06-01T00:00:00Z') } = {}) {
  const calls = [];
  const api = createVersionedApi({
    defaultVersion: 2,
    now,
    versions: {
      1: {
        routes: {
          'GET /weather': (req, info) => {
            calls.push({ req, info });
            return { body: { tempC: 21 } };
          },
        },
        deprecation: { date: DEPRECATED_AT, sunset: SUNSET, link: DOCS },
      },
      2: {
        routes: {
          'GET /weather': (req, info) => {
            calls.push({ req, info });
            return { body: { tempC: 21, tempF: 69.8, humidity: 0.4 } };
          },
          'POST /alerts': () => ({ status: 201, headers: { location: '/v2/alerts/7' }, body: { id: 7 } }),
        },
      },
    },
  });
  return { api, calls };
}

describe('resolveVersion', () => {
  it('takes the version from a leading /vN segment and strips it from the path', () => {
    assert.deepEqual(resolveVersion(get('/v1/weather'), 2), { version: 1, source: 'url', path: '/weather' });
    assert.deepEqual(
      resolveVersion(get('/v12/cities/oslo/weather?units=metric'), 2),
      { version: 12, source: 'url', path: '/cities/oslo/weather' },
      'multi-digit versions work, and the query string is not part of the path',
    );
    assert.deepEqual(
      resolveVersion(get('/v3'), 2),
      { version: 3, source: 'url', path: '/' },
      'a bare /vN prefix leaves the path /',
    );
  });

  it('reads the version from a vendor media type in the Accept header', () => {
    assert.deepEqual(
      resolveVersion(get('/weather', { accept: 'application/vnd.app.v1+json' }), 2),
      { version: 1, source: 'header', path: '/weather' },
    );
    assert.deepEqual(
      resolveVersion(get('/weather?city=Oslo', { accept: 'text/html, Application/VND.App.V3+JSON; q=0.9, */*' }), 2),
      { version: 3, source: 'header', path: '/weather' },
      'the vendor type may be one entry of a list, carry parameters and use any letter case',
    );
  });

  it('the URL prefix takes precedence over the Accept header', () => {
    assert.deepEqual(
      resolveVersion(get('/v1/weather', { accept: 'application/vnd.app.v2+json' }), 2),
      { version: 1, source: 'url', path: '/weather' },
    );
  });

  it('falls back to the default version when neither the URL nor the header names one', () => {
    const cases = [
      [get('/weather'), '/weather'],
      [get('/weather', { accept: 'application/json' }), '/weather'],
      [get('/v2beta/weather'), '/v2beta/weather'],
      [get('/version'), '/version'],
      [get('/docs/v1/intro'), '/docs/v1/intro'],
      [{ method: 'GET', url: '/weather' }, '/weather'],
    ];
    for (const [req, path] of cases) {
      assert.deepEqual(
        resolveVersion(req, 2),
        { version: 2, source: 'default', path },
        `${req.url} with accept ${String(req.headers?.accept)} names no version`,
      );
    }
  });
});

describe('createVersionedApi', () => {
  it('routes each request to the handler of its version, passing req and { version, path }', () => {
    const { api, calls } = weatherApi();
    const v1 = api(get('/v1/weather?city=Oslo'));
    assert.equal(v1.status, 200);
    assert.deepEqual(v1.body, { tempC: 21 }, '/v1/weather must reach the v1 handler');
    const viaHeader = api(get('/weather', { accept: 'application/vnd.app.v1+json' }));
    assert.deepEqual(viaHeader.body, { tempC: 21 }, 'the Accept header must select v1 as well');
    const byDefault = api(get('/weather'));
    assert.deepEqual(byDefault.body, { tempC: 21, tempF: 69.8, humidity: 0.4 }, 'no version means the default, v2');
    assert.equal(calls[0].req.url, '/v1/weather?city=Oslo', 'the handler must get the original request');
    assert.deepEqual(calls[0].info, { version: 1, path: '/weather' });
    assert.deepEqual(calls[2].info, { version: 2, path: '/weather' });
  });

  it("keeps the handler's status and headers, and defaults the status to 200", () => {
    const { api } = weatherApi();
    const created = api({ method: 'POST', url: '/v2/alerts', headers: {} });
    assert.equal(created.status, 201, 'a status returned by the handler must be kept');
    assert.equal(created.headers.location, '/v2/alerts/7', "the handler's headers must be kept");
    assert.deepEqual(created.body, { id: 7 });
    assert.equal(api(get('/v2/weather')).status, 200, 'a handler that returns no status means 200');
  });

  it('answers 400 listing the supported versions when the version is unknown', () => {
    const { api, calls } = weatherApi();
    for (const req of [get('/v9/weather'), get('/v0/weather'), get('/weather', { accept: 'application/vnd.app.v7+json' })]) {
      const res = api(req);
      assert.equal(res.status, 400, `${req.url} (${String(req.headers.accept)}) asks for an unknown version`);
      assert.equal(res.body.error, 'UnsupportedVersion');
      assert.deepEqual(res.body.supported, [1, 2], 'the body must list the supported versions, ascending');
    }
    assert.equal(calls.length, 0, 'no handler may run for an unknown version');
  });

  it('answers 404 for a route the resolved version does not have', () => {
    const { api } = weatherApi();
    const res = api({ method: 'POST', url: '/v1/alerts', headers: {} });
    assert.equal(res.status, 404, 'POST /alerts exists in v2 only');
    assert.equal(res.body.error, 'NotFound');
    assert.equal(api({ method: 'DELETE', url: '/v2/weather', headers: {} }).status, 404, 'the method is part of the route');
  });

  it('adds Deprecation, Sunset and Link headers to every response of a deprecated version only', () => {
    const { api } = weatherApi();
    const expected = {
      deprecation: '@1735689600',
      sunset: 'Thu, 01 Jan 2026 00:00:00 GMT',
      link: `<${DOCS}>; rel="deprecation"; type="text/html"`,
    };
    for (const req of [get('/v1/weather'), get('/v1/nowhere')]) {
      const res = api(req);
      for (const [name, value] of Object.entries(expected)) {
        assert.equal(res.headers[name], value, `${req.url} (status ${res.status}): header ${name}`);
      }
    }
    const current = api(get('/v2/weather'));
    for (const name of Object.keys(expected)) {
      assert.equal(name in current.headers, false, `v2 is not deprecated, so it must not send ${name}`);
    }
  });

  it('answers 410 Gone from the sunset instant on, using the injected clock', () => {
    let t = Date.parse(SUNSET) - 1;
    const { api, calls } = weatherApi({ now: () => t });
    assert.equal(api(get('/v1/weather')).status, 200, 'one millisecond before the sunset v1 still works');
    t = Date.parse(SUNSET);
    const gone = api(get('/v1/weather'));
    assert.equal(gone.status, 410, 'at the sunset instant v1 is gone');
    assert.equal(gone.body.error, 'VersionGone');
    assert.equal(gone.headers.sunset, 'Thu, 01 Jan 2026 00:00:00 GMT', 'a 410 still tells when the version ended');
    assert.equal(api(get('/weather', { accept: 'application/vnd.app.v1+json' })).status, 410);
    assert.equal(calls.length, 1, 'no handler may run for a retired version');
    assert.equal(api(get('/v2/weather')).status, 200, 'other versions are unaffected');
  });

  it('sets Vary: Accept on every response, errors included', () => {
    const { api } = weatherApi();
    for (const req of [get('/v2/weather'), get('/weather'), get('/v9/weather'), get('/v2/missing')]) {
      const res = api(req);
      assert.equal(res.headers.vary, 'Accept', `${req.url} (status ${res.status}) must send vary: Accept`);
    }
  });

  it('throws a RangeError when the default version is not one of the versions', () => {
    const versions = { 1: { routes: {} }, 2: { routes: {} } };
    assert.throws(() => createVersionedApi({ versions, defaultVersion: 3 }), RangeError);
    assert.throws(() => createVersionedApi({ versions, defaultVersion: '2' }), RangeError, "'2' is a string, not version 2");
    assert.doesNotThrow(() => createVersionedApi({ versions, defaultVersion: 1 }));
  });
});
