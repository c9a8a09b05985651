import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Router } from './router.mjs';

// Named handlers make assertion messages readable.
const named = (name) => {
  const fn = () => name;
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
};

// params and query may be plain or prototype-less objects: compare their own properties.
const own = (obj) => ({ ...obj });

function hit(router, method, url) {
  const result = router.match(method, url);
  assert.equal(
    typeof result.handler,
    'function',
    `${method} ${url} should match a route, got ${JSON.stringify(result)}`,
  );
  return result;
}

describe('Router', () => {
  describe('registration', () => {
    it('route methods return the router and reject an invalid path or handler', () => {
      const router = new Router();
      const h = named('h');
      assert.equal(router.get('/a', h), router, 'get() must return the router for chaining');
      assert.equal(router.post('/a', h).put('/a', h).delete('/a', h), router);
      for (const path of ['users', '', 42, undefined, '/files/*/meta', '/users/:']) {
        assert.throws(() => router.get(path, h), TypeError, `path ${JSON.stringify(path)} must be rejected`);
      }
      for (const handler of [undefined, 'handler', {}]) {
        assert.throws(() => router.post('/b', handler), TypeError, `handler ${String(handler)} must be rejected`);
      }
    });

    it('match throws a TypeError for a url that does not start with a slash', () => {
      const router = new Router().get('/', named('root'));
      for (const url of ['users', 'http://example.com/', '', undefined]) {
        assert.throws(() => router.match('GET', url), TypeError, `url ${JSON.stringify(url)}`);
      }
    });
  });

  describe('matching', () => {
    it('matches a static path and returns the handler with empty params and query', () => {
      const list = named('listUsers');
      const root = named('root');
      const router = new Router().get('/users', list).get('/', root);
      const result = hit(router, 'GET', '/users');
      assert.equal(result.handler, list);
      assert.deepEqual(own(result.params), {});
      assert.deepEqual(own(result.query), {});
      assert.equal(hit(router, 'GET', '/').handler, root, '"/" is a route too');
    });

    it('captures named params and percent-decodes them', () => {
      const show = named('showComment');
      const router = new Router().get('/posts/:postId/comments/:id', show);
      const result = hit(router, 'GET', '/posts/42/comments/7');
      assert.equal(result.handler, show);
      assert.deepEqual(own(result.params), { postId: '42', id: '7' }, 'params are strings');
      assert.deepEqual(
        own(hit(router, 'GET', '/posts/J%C3%BCrgen/comments/a%2Fb').params),
        { postId: 'Jürgen', id: 'a/b' },
        'decode each segment after splitting, so an encoded "/" stays inside its param',
      );
    });

    it('a * wildcard as the last segment captures the rest of the path', () => {
      const files = named('files');
      const router = new Router().get('/files/*', files);
      assert.equal(own(hit(router, 'GET', '/files/docs/2024/report%20v2.pdf').params)['*'], 'docs/2024/report v2.pdf');
      assert.equal(own(hit(router, 'GET', '/files/x').params)['*'], 'x');
      assert.equal(own(hit(router, 'GET', '/files').params)['*'], '', 'the rest may be empty');
      assert.equal(router.match('GET', '/other/x').status, 404);
    });

    it('ignores empty segments and a trailing slash but compares literals case-sensitively', () => {
      const show = named('showUser');
      const router = new Router().get('/users/:id', show);
      assert.equal(hit(router, 'GET', '/users/42/').handler, show, 'a trailing slash is ignored');
      assert.equal(hit(router, 'GET', '//users///42').handler, show, 'empty segments are ignored');
      assert.equal(router.match('GET', '/users').status, 404, 'a param needs a non-empty segment');
      assert.equal(router.match('GET', '/users/42/posts').status, 404, 'extra segments do not match');
      assert.equal(router.match('GET', '/Users/42').status, 404, 'literal segments are case-sensitive');
    });

    it('the first registered matching route wins', () => {
      const me = named('me');
      const byId = named('byId');
      const first = new Router().get('/users/me', me).get('/users/:id', byId);
      assert.equal(hit(first, 'GET', '/users/me').handler, me);
      assert.equal(hit(first, 'GET', '/users/7').handler, byId);
      const second = new Router().get('/users/:id', byId).get('/users/me', me);
      assert.equal(hit(second, 'GET', '/users/me').handler, byId, 'registration order decides, not specificity');
    });

    it('compares the method case-insensitively', () => {
      const create = named('create');
      const router = new Router().post('/users', create);
      assert.equal(hit(router, 'post', '/users').handler, create);
      assert.equal(hit(router, 'Post', '/users').handler, create);
    });
  });

  describe('query', () => {
    it('parses the query string into strings, decoding + and percent escapes', () => {
      const router = new Router().get('/search', named('search'));
      const { query } = hit(router, 'GET', '/search?q=red+shoes&size=42&note=caf%C3%A9%26bar&empty=&flag');
      assert.deepEqual(own(query), { q: 'red shoes', size: '42', note: 'café&bar', empty: '', flag: '' });
    });

    it('collects a repeated query key into an array in order', () => {
      const router = new Router().get('/posts', named('posts'));
      const { query } = hit(router, 'GET', '/posts?tag=node&page=2&tag=http&tag=tcp');
      assert.deepEqual(own(query), { tag: ['node', 'http', 'tcp'], page: '2' });
    });

    it('stores any key, including __proto__, as an own property', () => {
      const router = new Router().get('/', named('root'));
      const { query } = hit(router, 'GET', '/?__proto__=x&constructor=y&toString=z');
      assert.equal(Object.hasOwn(query, '__proto__'), true, 'assigning to __proto__ on a {} object is silently lost');
      assert.deepEqual(
        [query.__proto__, query.constructor, query.toString],
        ['x', 'y', 'z'],
        'a prototype-less object (Object.create(null)) stores these like any other key',
      );
    });
  });

  describe('misses', () => {
    it('returns 404 with an empty allow list when no route matches the path', () => {
      const router = new Router().get('/users', named('list'));
      const miss = router.match('GET', '/products');
      assert.equal(miss.handler, undefined, 'a miss has no handler');
      assert.equal(miss.status, 404);
      assert.deepEqual(miss.allow, []);
      assert.equal(new Router().match('GET', '/').status, 404, 'an empty router matches nothing');
    });

    it('returns 405 with the sorted methods that do match the path', () => {
      const h = named('h');
      const router = new Router().put('/users/:id', h).get('/users/:id', h).delete('/users/*', h).post('/users', h);
      const miss = router.match('POST', '/users/7');
      assert.equal(miss.status, 405, 'the path exists, just not for POST');
      assert.deepEqual(
        miss.allow,
        ['DELETE', 'GET', 'PUT'],
        'every method with a route for this path (wildcards too), sorted, without duplicates',
      );
      assert.deepEqual(
        router.match('PATCH', '/users').allow,
        ['DELETE', 'POST'],
        '"/users/*" matches "/users" too (the rest is empty)',
      );
    });

    it('returns 400 for a malformed percent-encoding in the path', () => {
      const router = new Router().get('/users/:id', named('show'));
      for (const url of ['/users/%E0%A4%A', '/users/%FF', '/users/100%']) {
        const miss = router.match('GET', url);
        assert.equal(miss.status, 400, `${url} cannot be decoded (decodeURIComponent throws a URIError)`);
        assert.deepEqual(miss.allow, []);
      }
    });
  });
});
