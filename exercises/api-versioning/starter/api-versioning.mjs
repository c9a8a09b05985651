// API versioning: URL prefix, Accept header, default. Replace every `throw`.
// See README.md for the exact behaviour the tests expect.

/**
 * Works out which API version a request asks for.
 * @param {{ method: string, url: string, headers: Record<string, string> }} req
 * @param {number} defaultVersion  used when neither the URL nor the Accept header names one
 * @returns {{ version: number, source: 'url' | 'header' | 'default', path: string }}
 */
export function resolveVersion(req, defaultVersion) {
  // TODO: a leading /vN path segment wins; strip it from the path (what is left, or '/').
  // TODO: otherwise the first application/vnd.app.vN+json media type in req.headers.accept.
  // TODO: otherwise defaultVersion. `path` never includes the query string.
  throw new Error('not implemented');
}

/**
 * @param {object} options
 * @param {Record<number, { routes: Record<string, Function>, deprecation?: { date: any, sunset?: any, link?: string } }>} options.versions
 * @param {number} options.defaultVersion  must be one of the keys of `versions`
 * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
 * @returns {(req: object) => { status: number, headers: Record<string, string>, body: any }}
 */
export function createVersionedApi({ versions, defaultVersion, now = Date.now }) {
  // TODO: throw a RangeError if defaultVersion is not one of the configured versions.
  // TODO: return handle(req): 400 unknown version, deprecation headers, 410 after sunset,
  //       404 unknown route, otherwise the handler's response (status defaults to 200).
  //       Every response has the header vary: 'Accept'.
  throw new Error('not implemented');
}
