import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SessionManager } from './session-manager.mjs';

const MIN = 60_000;

// A fake clock: tests move time forward by hand instead of waiting.
function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

// Idle timeout 30 minutes, absolute timeout 8 hours, a fake clock and a visible store.
function setup() {
  const clock = fakeClock();
  const store = new Map();
  const sessions = new SessionManager({ idleTimeoutMs: 30 * MIN, absoluteTimeoutMs: 8 * 60 * MIN, now: clock.now, store });
  return { clock, store, sessions };
}

describe('SessionManager', () => {
  describe('create', () => {
    it('returns a random 32-byte base64url session id and a separate handle', () => {
      const { sessions } = setup();
      const a = sessions.create('alice', { device: 'Firefox on Linux' });
      const b = sessions.create('alice', { device: 'Firefox on Linux' });
      assert.match(a.sessionId, /^[A-Za-z0-9_-]{43}$/, 'sessionId: 32 random bytes as base64url without padding');
      assert.equal(Buffer.from(a.sessionId, 'base64url').length, 32);
      assert.notEqual(a.sessionId, b.sessionId, 'every session gets a fresh random id');
      assert.equal(typeof a.handle, 'string');
      assert.ok(a.handle.length > 0, 'the handle must not be empty');
      assert.notEqual(a.handle, b.handle, 'every session gets its own handle');
      assert.notEqual(a.handle, a.sessionId, 'the handle is public and must not be the secret id');
      assert.notEqual(a.handle, sha256(a.sessionId), 'nor its hash');
    });

    it('stores only the SHA-256 hash of the session id', () => {
      const { store, sessions } = setup();
      const { sessionId } = sessions.create('alice', { device: 'phone' });
      assert.equal(store.size, 1, 'one session, one store entry');
      assert.ok(store.has(sha256(sessionId)), 'the store key must be sha256(sessionId) in hex');
      assert.equal(store.has(sessionId), false, 'the raw id must never be a key');
      const dump = JSON.stringify([...store.values()]);
      assert.equal(dump.includes(sessionId), false, 'the raw id must not appear in any stored record');
      assert.ok(dump.includes('alice') && dump.includes('phone'), 'the record holds userId and device');
    });

    it('rejects bad timeouts with a RangeError and a bad userId or device with a TypeError', () => {
      for (const bad of [0, -1, NaN, Infinity, '60000']) {
        assert.throws(() => new SessionManager({ idleTimeoutMs: bad }), RangeError, `idleTimeoutMs ${String(bad)}`);
        assert.throws(() => new SessionManager({ absoluteTimeoutMs: bad }), RangeError, `absoluteTimeoutMs ${String(bad)}`);
      }
      const { sessions } = setup();
      for (const userId of [undefined, '', 42, null]) {
        assert.throws(() => sessions.create(userId), TypeError, `userId ${String(userId)}`);
      }
      assert.throws(() => sessions.create('alice', { device: 7 }), TypeError, 'device must be a string');
      assert.equal(sessions.list('alice').length, 0, 'failed calls must not create sessions');
    });
  });

  describe('authenticate and timeouts', () => {
    it('returns the session and refreshes lastSeenAt; unknown ids give null', () => {
      const { clock, sessions } = setup();
      const t0 = clock.now();
      const { sessionId, handle } = sessions.create('alice', { device: 'laptop' });
      clock.advance(5 * MIN);
      assert.deepEqual(sessions.authenticate(sessionId), {
        handle,
        userId: 'alice',
        device: 'laptop',
        createdAt: t0,
        lastSeenAt: t0 + 5 * MIN,
      });
      const copy = sessions.authenticate(sessionId);
      copy.userId = 'mallory';
      assert.equal(sessions.authenticate(sessionId).userId, 'alice', 'return a copy, not the stored record');
      for (const id of ['nope', '', undefined, null, 42, sha256(sessionId)]) {
        assert.equal(sessions.authenticate(id), null, `${String(id).slice(0, 20)} is not a session id`);
      }
    });

    it('expires a session idle for idleTimeoutMs and deletes it from the store', () => {
      const { clock, store, sessions } = setup();
      const { sessionId } = sessions.create('alice');
      clock.advance(30 * MIN - 1);
      assert.notEqual(sessions.authenticate(sessionId), null, 'idle 1 ms less than the timeout: still valid');
      clock.advance(30 * MIN - 1);
      assert.notEqual(sessions.authenticate(sessionId), null, 'the previous call reset the idle timer');
      clock.advance(30 * MIN);
      assert.equal(sessions.authenticate(sessionId), null, 'idle for exactly idleTimeoutMs: expired');
      assert.equal(store.size, 0, 'an expired session found by a lookup is deleted');
      clock.advance(-30 * MIN);
      assert.equal(sessions.authenticate(sessionId), null, 'deleted for good, not just hidden');
    });

    it('cannot be kept alive by activity beyond absoluteTimeoutMs', () => {
      const { clock, sessions } = setup();
      const { sessionId } = sessions.create('alice');
      for (let elapsed = 0; elapsed < 8 * 60 - 20; elapsed += 20) {
        clock.advance(20 * MIN);
        assert.notEqual(sessions.authenticate(sessionId), null, `active user, ${elapsed + 20} minutes in`);
      }
      clock.advance(20 * MIN); // exactly 8 hours after create, last seen 20 minutes ago
      assert.equal(sessions.authenticate(sessionId), null, 'the absolute timeout counts from createdAt, whatever the activity');
    });
  });

  describe('devices', () => {
    it("lists a user's active sessions oldest first, without ids, and without touching them", () => {
      const { clock, sessions } = setup();
      const t0 = clock.now();
      sessions.create('alice', { device: 'laptop' });
      clock.advance(MIN);
      sessions.create('bob', { device: 'bob-phone' });
      clock.advance(MIN);
      sessions.create('alice', { device: 'phone' });
      clock.advance(MIN);
      const tablet = sessions.create('alice', { device: 'tablet' });
      clock.advance(29 * MIN); // the laptop has been idle 32 minutes, the phone 30: both expired
      sessions.authenticate(tablet.sessionId);
      const listed = sessions.list('alice');
      assert.deepEqual(listed, [
        { handle: tablet.handle, userId: 'alice', device: 'tablet', createdAt: t0 + 3 * MIN, lastSeenAt: t0 + 32 * MIN },
      ], 'expired sessions and other users are left out');

      const fresh = setup();
      const a = fresh.sessions.create('alice', { device: 'laptop' });
      fresh.clock.advance(MIN);
      const b = fresh.sessions.create('alice', { device: 'phone' });
      fresh.clock.advance(MIN);
      const devices = fresh.sessions.list('alice');
      assert.deepEqual(devices.map((s) => s.handle), [a.handle, b.handle], 'oldest first');
      assert.equal(JSON.stringify(devices).includes(a.sessionId), false, 'a device list must never contain session ids');
      assert.deepEqual(devices.map((s) => s.lastSeenAt), [fresh.clock.now() - 2 * MIN, fresh.clock.now() - MIN], 'listing is not activity');
      assert.deepEqual(fresh.sessions.list('nobody'), []);
    });

    it("revokes one session by handle, but never another user's", () => {
      const { sessions } = setup();
      const laptop = sessions.create('alice', { device: 'laptop' });
      const phone = sessions.create('alice', { device: 'phone' });
      const bob = sessions.create('bob', { device: 'bob-phone' });
      assert.equal(sessions.revoke('alice', bob.handle), false, "alice must not be able to revoke bob's session");
      assert.notEqual(sessions.authenticate(bob.sessionId), null, "bob's session survives");
      assert.equal(sessions.revoke('alice', phone.handle), true);
      assert.equal(sessions.authenticate(phone.sessionId), null, 'the revoked device is logged out');
      assert.notEqual(sessions.authenticate(laptop.sessionId), null, 'the other device is not');
      assert.equal(sessions.revoke('alice', phone.handle), false, 'revoking twice reports false');
    });

    it('revokeOthers logs out every other session of the user and keeps the current one', () => {
      const { sessions } = setup();
      const current = sessions.create('alice', { device: 'laptop' });
      const others = [sessions.create('alice', { device: 'phone' }), sessions.create('alice', { device: 'tablet' })];
      const bob = sessions.create('bob');
      assert.equal(sessions.revokeOthers(current.sessionId), 2, 'returns how many sessions were revoked');
      assert.notEqual(sessions.authenticate(current.sessionId), null, 'the current session stays');
      for (const other of others) assert.equal(sessions.authenticate(other.sessionId), null);
      assert.notEqual(sessions.authenticate(bob.sessionId), null, 'other users are untouched');
      assert.equal(sessions.revokeOthers('not-a-session'), 0, 'an invalid current session revokes nothing');
      assert.notEqual(sessions.authenticate(bob.sessionId), null);
    });

    it('revokeAll logs the user out everywhere', () => {
      const { sessions } = setup();
      const mine = [sessions.create('alice'), sessions.create('alice')];
      const bob = sessions.create('bob');
      assert.equal(sessions.revokeAll('alice'), 2);
      for (const s of mine) assert.equal(sessions.authenticate(s.sessionId), null);
      assert.deepEqual(sessions.list('alice'), []);
      assert.notEqual(sessions.authenticate(bob.sessionId), null);
      assert.equal(sessions.revokeAll('alice'), 0);
    });
  });

  describe('rotate', () => {
    it('issues a new id, kills the old one and keeps the handle and createdAt', () => {
      const { clock, store, sessions } = setup();
      const t0 = clock.now();
      const { sessionId, handle } = sessions.create('alice', { device: 'laptop' });
      clock.advance(MIN);
      const newId = sessions.rotate(sessionId);
      assert.match(newId, /^[A-Za-z0-9_-]{43}$/, 'rotate returns a new 32-byte base64url id');
      assert.notEqual(newId, sessionId);
      assert.equal(sessions.authenticate(sessionId), null, 'the old id must stop working at once');
      assert.deepEqual(sessions.authenticate(newId), {
        handle,
        userId: 'alice',
        device: 'laptop',
        createdAt: t0,
        lastSeenAt: t0 + MIN,
      }, 'same session, same handle and createdAt');
      assert.equal(store.size, 1, 'rotation replaces the entry instead of adding one');
      assert.ok(store.has(sha256(newId)), 'the new id is stored hashed too');
    });

    it('does not extend the absolute timeout, and returns null for an unknown or expired id', () => {
      const { clock, sessions } = setup();
      let { sessionId } = sessions.create('alice');
      for (let i = 0; i < 23; i++) {
        clock.advance(20 * MIN);
        sessionId = sessions.rotate(sessionId);
        assert.equal(typeof sessionId, 'string', `rotation ${i + 1} is within the absolute timeout`);
      }
      clock.advance(20 * MIN); // 8 hours after create
      assert.equal(sessions.rotate(sessionId), null, 'rotation must not restart the absolute timeout');
      assert.equal(sessions.rotate('unknown'), null);
      assert.equal(sessions.rotate(undefined), null);
    });
  });
});
