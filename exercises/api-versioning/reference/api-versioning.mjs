// Reference solution: resolve an API version per request and route to that version.
//
// Everything here is a pure function of its inputs (plus the injected clock), so the
// same code could sit behind node:http, Express or Koa: only the request/response
// objects would need adapting.

const PREFIX = /^\/v(\d+)(?=\/|$)/;
const VENDOR_TYPE = /^application\/vnd\.app\.v(\d+)\+json$/;

/** The path part of a request URL such as '/v1/weather?city=Oslo#top'. */
function pathnameOf(url) {
  return url.split(/[?#]/, 1)[0] || '/';
}

/** The version named by the first vendor media type in an Accept header, or undefined. */
function versionFromAccept(accept) {
  if (typeof accept !== 'string') return undefined;
  for (const range of accept.split(',')) {
    // Drop parameters such as '; q=0.9' and compare case-insensitively.
    const mediaType = range.split(';', 1)[0].trim().toLowerCase();
    const match = VENDOR_TYPE.exec(mediaType);
    if (match) return Number(match[1]);
  }
  return undefined;
}

export function resolveVersion(req, defaultVersion) {
  const pathname = pathnameOf(req.url);

  const prefix = PREFIX.exec(pathname);
  if (prefix) {
    return {
      version: Number(prefix[1]),
      source: 'url',
      path: pathname.slice(prefix[0].length) || '/',
    };
  }

  const fromHeader = versionFromAccept(req.headers?.accept);
  if (fromHeader !== undefined) {
    return { version: fromHeader, source: 'header', path: pathname };
  }

  return { version: defaultVersion, source: 'default', path: pathname };
}

/** The Deprecation, Sunset and Link headers for a version's deprecation settings. */
function deprecationHeaders({ date, sunset, link }) {
  const headers = {
    // RFC 9745: a Structured Field Date, '@' followed by Unix time in seconds.
    deprecation: `@${Math.floor(new Date(date).getTime() / 1000)}`,
  };
  // RFC 8594: an HTTP-date, which is exactly what toUTCString() produces.
  if (sunset !== undefined) headers.sunset = new Date(sunset).toUTCString();
  if (link !== undefined) headers.link = `<${link}>; rel="deprecation"; type="text/html"`;
  return headers;
}

export function createVersionedApi({ versions, defaultVersion, now = Date.now }) {
  // Object keys are strings; keep numbers so they compare with resolved versions.
  const supported = Object.keys(versions)
    .map(Number)
    .sort((a, b) => a - b);
  if (!supported.includes(defaultVersion)) {
    throw new RangeError(
      `defaultVersion ${String(defaultVersion)} is not one of the versions ${supported.join(', ')}`,
    );
  }

  return function handle(req) {
    const { version, path } = resolveVersion(req, defaultVersion);

    // The answer depends on the Accept header, so shared caches must key on it too.
    const headers = { vary: 'Accept' };

    if (!supported.includes(version)) {
      return {
        status: 400,
        headers,
        body: {
          error: 'UnsupportedVersion',
          message: `API version ${version} is not supported`,
          supported,
        },
      };
    }

    const config = versions[version];
    if (config.deprecation) {
      Object.assign(headers, deprecationHeaders(config.deprecation));
      const { sunset } = config.deprecation;
      if (sunset !== undefined && now() >= new Date(sunset).getTime()) {
        return {
          status: 410,
          headers,
          body: { error: 'VersionGone', message: `API version ${version} was retired` },
        };
      }
    }

    const handler = config.routes[`${req.method.toUpperCase()} ${path}`];
    if (handler === undefined) {
      return {
        status: 404,
        headers,
        body: { error: 'NotFound', message: `No route ${req.method} ${path} in version ${version}` },
      };
    }

    const response = handler(req, { version, path });
    return {
      status: response.status ?? 200,
      // The versioning headers are added on top of the handler's own.
      headers: { ...response.headers, ...headers },
      body: response.body,
    };
  };
}
