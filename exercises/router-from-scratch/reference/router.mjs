// Reference solution: an HTTP router without a server.
//
// Routes are tried in registration order, like Express. A route is compiled once into a
// list of segments; matching a request walks the decoded request segments alongside it.
// A path that some route matches but not for this method is a 405, not a 404.

/** Splits a path into its non-empty segments: '/users//42/' -> ['users', '42']. */
const segmentsOf = (path) => path.split('/').filter((segment) => segment !== '');

function compile(path) {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(`route path must be a string starting with "/", got ${JSON.stringify(path)}`);
  }
  const parts = segmentsOf(path).map((segment, i, all) => {
    if (segment === '*') {
      if (i !== all.length - 1) throw new TypeError(`"*" must be the last segment in ${path}`);
      return { kind: 'wildcard' };
    }
    if (segment.startsWith(':')) {
      if (segment.length === 1) throw new TypeError(`parameter without a name in ${path}`);
      return { kind: 'param', name: segment.slice(1) };
    }
    return { kind: 'literal', text: segment };
  });
  return parts;
}

/** Params for segments matched against parts, or null when they do not match. */
function matchParts(parts, segments) {
  const params = Object.create(null);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'wildcard') {
      params['*'] = segments.slice(i).join('/');
      return params;
    }
    if (i >= segments.length) return null;
    if (part.kind === 'param') params[part.name] = segments[i];
    else if (part.text !== segments[i]) return null;
  }
  return parts.length === segments.length ? params : null;
}

function parseQuery(searchParams) {
  // No prototype: a key such as "__proto__" or "constructor" is just a key.
  const query = Object.create(null);
  for (const [key, value] of searchParams) {
    if (!(key in query)) query[key] = value;
    else if (Array.isArray(query[key])) query[key].push(value);
    else query[key] = [query[key], value];
  }
  return query;
}

export class Router {
  /** [{ method, parts, handler }] in registration order */
  #routes = [];

  #add(method, path, handler) {
    const parts = compile(path);
    if (typeof handler !== 'function') {
      throw new TypeError(`handler for ${method} ${path} must be a function`);
    }
    this.#routes.push({ method, parts, handler });
    return this;
  }

  get(path, handler) {
    return this.#add('GET', path, handler);
  }

  post(path, handler) {
    return this.#add('POST', path, handler);
  }

  put(path, handler) {
    return this.#add('PUT', path, handler);
  }

  delete(path, handler) {
    return this.#add('DELETE', path, handler);
  }

  match(method, url) {
    if (typeof method !== 'string') throw new TypeError('method must be a string');
    if (typeof url !== 'string' || !url.startsWith('/')) {
      throw new TypeError(`url must be a string starting with "/", got ${JSON.stringify(url)}`);
    }
    // Prefixing (rather than passing a base) keeps "//host/x" a path instead of a new host.
    const parsed = new URL(`http://router.local${url}`);

    let segments;
    try {
      segments = segmentsOf(parsed.pathname).map(decodeURIComponent);
    } catch {
      return { status: 400, allow: [] }; // e.g. "%E0%A4%A" is not valid percent-encoded UTF-8
    }

    const wanted = method.toUpperCase();
    const allowed = new Set();
    for (const route of this.#routes) {
      const params = matchParts(route.parts, segments);
      if (params === null) continue;
      if (route.method === wanted) {
        return { handler: route.handler, params, query: parseQuery(parsed.searchParams) };
      }
      allowed.add(route.method);
    }
    if (allowed.size > 0) return { status: 405, allow: [...allowed].sort() };
    return { status: 404, allow: [] };
  }
}
