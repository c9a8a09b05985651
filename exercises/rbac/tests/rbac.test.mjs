import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rbac } from './rbac.mjs';

// A small blog: viewers read, authors manage their own posts, editors update any post,
// admins also delete any post and manage users.
const BLOG = {
  viewer: { can: ['post:read:any', 'comment:read:any'] },
  author: { inherits: ['viewer'], can: ['post:create:own', 'post:update:own', 'post:delete:own'] },
  editor: { inherits: ['author'], can: ['post:update:any'] },
  admin: { inherits: ['editor'], can: ['post:delete:any', 'user:update:any'] },
  moderator: { can: ['comment:delete:any'] },
};

const user = (id, ...roles) => ({ id, roles });
const post = (ownerId) => ({ type: 'post', ownerId });

describe('Rbac', () => {
  describe('configuration', () => {
    it('permissionsFor lists own and inherited permissions, sorted, without duplicates', () => {
      const rbac = new Rbac(BLOG);
      assert.deepEqual(rbac.permissionsFor('viewer'), ['comment:read:any', 'post:read:any']);
      assert.deepEqual(
        rbac.permissionsFor('editor'),
        ['comment:read:any', 'post:create:own', 'post:delete:own', 'post:read:any', 'post:update:any', 'post:update:own'],
        'editor inherits author, which inherits viewer',
      );
      assert.throws(() => rbac.permissionsFor('ghost'), { message: 'Unknown role "ghost"' });
    });

    it('accepts a role inherited along two paths (a diamond is not a cycle)', () => {
      const rbac = new Rbac({
        base: { can: ['doc:read:any'] },
        left: { inherits: ['base'], can: ['doc:update:own'] },
        right: { inherits: ['base'], can: ['doc:delete:own'] },
        both: { inherits: ['left', 'right'] },
      });
      assert.deepEqual(
        rbac.permissionsFor('both'),
        ['doc:delete:own', 'doc:read:any', 'doc:update:own'],
        '"base" is reached twice from "both"; that is shared ancestry, not a cycle',
      );
    });

    it('throws on an inheritance cycle and names the path', () => {
      assert.throws(
        () =>
          new Rbac({
            a: { inherits: ['b'] },
            b: { inherits: ['c'], can: ['doc:read:any'] },
            c: { inherits: ['a'] },
          }),
        { message: 'Role inheritance cycle: a -> b -> c -> a' },
        'a cycle must throw instead of recursing forever',
      );
      assert.throws(() => new Rbac({ solo: { inherits: ['solo'] } }), {
        message: 'Role inheritance cycle: solo -> solo',
      });
      assert.throws(
        () =>
          new Rbac({
            root: { can: ['doc:read:any'] },
            x: { inherits: ['root', 'y'] },
            y: { inherits: ['x'] },
          }),
        { message: 'Role inheritance cycle: x -> y -> x' },
        'the path starts at the first role of the cycle reached by the search',
      );
    });

    it('throws on an unknown inherited role and on a malformed permission', () => {
      assert.throws(() => new Rbac({ editor: { inherits: ['viewr'] } }), {
        message: 'Unknown role "viewr" inherited by "editor"',
      });
      for (const permission of ['post:read', 'post:read:mine', 'post::any', 'Post:read:any', 'post:read:any:x', 42]) {
        assert.throws(
          () => new Rbac({ r: { can: [permission] } }),
          { message: `Invalid permission ${JSON.stringify(permission)} in role "r"` },
          `${JSON.stringify(permission)} is not resource:action:own|any`,
        );
      }
      assert.throws(() => new Rbac(null), TypeError, 'the config must be an object');
    });
  });

  describe('can', () => {
    it("grants a permission with scope any on anyone's resource", () => {
      const rbac = new Rbac(BLOG);
      assert.equal(rbac.can(user('v1', 'viewer'), 'read', post('someone-else')), true);
      assert.equal(rbac.can(user('e1', 'editor'), 'update', post('someone-else')), true);
      assert.equal(rbac.can(user('v1', 'viewer'), 'read', { type: 'comment' }), true, 'any needs no owner');
    });

    it('grants an own permission only when resource.ownerId === user.id', () => {
      const rbac = new Rbac(BLOG);
      const ada = user('ada', 'author');
      assert.equal(rbac.can(ada, 'update', post('ada')), true, 'authors may update their own posts');
      assert.equal(rbac.can(ada, 'update', post('bob')), false, "but not bob's");
      assert.equal(rbac.can(ada, 'delete', { type: 'post' }), false, 'no ownerId: nobody owns it');
      assert.equal(rbac.can(user(7, 'author'), 'update', post('7')), false, 'ownership is compared with ===');
      assert.equal(rbac.can({ roles: ['author'] }, 'update', { type: 'post' }), false, 'undefined must not equal undefined here');
      assert.equal(rbac.can(user(null, 'author'), 'update', post(null)), false, 'nor null equal null');
    });

    it('treats any as a superset of own', () => {
      const rbac = new Rbac(BLOG);
      const admin = user('root', 'admin');
      assert.equal(rbac.can(admin, 'delete', post('root')), true, 'delete:any covers the own post too');
      assert.equal(rbac.can(admin, 'update', post('anyone')), true);
      assert.equal(rbac.can(user('m', 'moderator'), 'delete', { type: 'comment', ownerId: 'm' }), true);
    });

    it('applies inherited permissions, but never passes them from child to parent', () => {
      const rbac = new Rbac(BLOG);
      assert.equal(rbac.can(user('e1', 'editor'), 'read', post('x')), true, 'editor inherits read from viewer');
      assert.equal(rbac.can(user('a1', 'admin'), 'create', post('a1')), true, 'admin inherits create:own from author');
      assert.equal(rbac.can(user('v1', 'viewer'), 'update', post('v1')), false, 'viewer does not get author permissions');
      assert.equal(rbac.can(user('e1', 'editor'), 'delete', post('x')), false, 'editor does not get admin permissions');
    });

    it("combines the permissions of all of the user's roles", () => {
      const rbac = new Rbac(BLOG);
      const both = user('u', 'viewer', 'moderator');
      assert.equal(rbac.can(both, 'read', post('x')), true);
      assert.equal(rbac.can(both, 'delete', { type: 'comment', ownerId: 'x' }), true);
      assert.equal(rbac.can(both, 'delete', post('x')), false);
    });

    it('denies by default: unknown actions, types and roles, no roles, no user', () => {
      const rbac = new Rbac(BLOG);
      const admin = user('root', 'admin');
      assert.equal(rbac.can(admin, 'publish', post('root')), false, 'unknown action');
      assert.equal(rbac.can(admin, 'read', { type: 'invoice', ownerId: 'root' }), false, 'unknown resource type');
      assert.equal(rbac.can(user('x', 'superuser'), 'read', post('x')), false, 'unknown role');
      assert.equal(rbac.can(user('x'), 'read', post('x')), false, 'no roles');
      assert.equal(rbac.can({ id: 'x' }, 'read', post('x')), false, 'roles missing');
      assert.equal(rbac.can(null, 'read', post('x')), false, 'no user');
      assert.equal(rbac.can(undefined, 'read', post('x')), false, 'no user');
      assert.equal(rbac.can(admin, 'read', null), false, 'no resource');
      assert.equal(rbac.can(admin, 'read', 'post'), false, 'resource must be an object');
    });

    it('treats role names that exist on Object.prototype as unknown', () => {
      const rbac = new Rbac(BLOG);
      for (const role of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        assert.doesNotThrow(() => rbac.can(user('x', role), 'read', post('x')), `role ${role} must not crash can()`);
        assert.equal(rbac.can(user('x', role), 'read', post('x')), false, `role ${role} is not a configured role`);
      }
    });

    it('is not affected by later changes to the config object', () => {
      const config = { viewer: { can: ['post:read:any'] } };
      const rbac = new Rbac(config);
      config.viewer.can.push('post:delete:any');
      config.hacker = { can: ['post:delete:any'] };
      assert.equal(rbac.can(user('v', 'viewer'), 'delete', post('x')), false, 'copy the permissions in the constructor');
      assert.equal(rbac.can(user('h', 'hacker'), 'delete', post('x')), false, 'roles added later are unknown');
    });
  });
});
