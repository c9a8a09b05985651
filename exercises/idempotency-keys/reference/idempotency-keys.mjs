// Reference solution: idempotency keys for POST requests, as popularised by Stripe.
//
// The store is any object with synchronous get/set/delete (a Map works). Because there
// is no await between the get and the set that claims a key, two concurrent requests
// cannot both claim it: JavaScript runs one of them to the first await before the other.
// A shared store such as Redis needs an atomic "set if absent" (SET key value NX PX ttl).

import { createHash } from 'node:crypto';

const HEADER = 'idempotency-key';
const MAX_KEY_LENGTH = 255;

// JSON with object keys sorted, so { a: 1, b: 2 } and { b: 2, a: 1 } look the same.
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined) // JSON.stringify drops these too
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// What "the same request" means: same method, same path, same body. Hashing keeps
// the stored records small whatever the size of the body.
function fingerprint({ method, path, body }) {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

export function withIdempotency(store, handler, { ttlMs = 24 * 60 * 60 * 1000, now = Date.now } = {}) {
  for (const method of ['get', 'set', 'delete']) {
    if (typeof store?.[method] !== 'function') throw new TypeError(`store.${method} must be a function`);
  }
  if (typeof handler !== 'function') throw new TypeError('handler must be a function');
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a finite number > 0, got ${String(ttlMs)}`);
  }

  return async function idempotent(req) {
    const key = req.headers?.[HEADER];
    if (req.method !== 'POST' || key === undefined) return handler(req);
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      return { status: 400, body: { error: 'invalid_idempotency_key' } };
    }

    const print = fingerprint(req);
    let record = store.get(key);
    if (record !== undefined && now() >= record.expiresAt) {
      store.delete(key); // expired: as if the key had never been used
      record = undefined;
    }

    if (record !== undefined) {
      if (record.fingerprint !== print) return { status: 422, body: { error: 'idempotency_key_reused' } };
      if (record.state === 'in-flight') return { status: 409, body: { error: 'idempotency_key_in_use' } };
      const replay = structuredClone(record.response);
      replay.headers = { ...replay.headers, 'idempotent-replayed': 'true' };
      return replay;
    }

    // Claim the key before the first await.
    const claim = { state: 'in-flight', fingerprint: print, expiresAt: now() + ttlMs };
    store.set(key, claim);
    const stillOurs = () => store.get(key) === claim; // not expired and replaced meanwhile

    let response;
    try {
      response = await handler(req);
    } catch (error) {
      if (stillOurs()) store.delete(key); // let the client retry with the same key
      throw error;
    }

    if (stillOurs()) {
      if (response.status >= 500) {
        store.delete(key); // a server error is not a final answer
      } else {
        // A copy, so later changes to the object we return cannot alter the replays.
        store.set(key, {
          state: 'completed',
          fingerprint: print,
          response: structuredClone(response),
          expiresAt: now() + ttlMs,
        });
      }
    }
    return response;
  };
}
