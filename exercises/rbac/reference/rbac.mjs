// Reference solution: role-based access control with inherited roles and
// "own" vs "any" permissions.
//
// All the work happens once, in the constructor: validate the config, reject
// inheritance cycles, and flatten each role into the set of every permission it
// has directly or through its ancestors. can() is then a couple of Set lookups.

const PERMISSION = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:(own|any)$/;

const isPlainObject = (value) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class Rbac {
  /** role -> Set of effective permission strings */
  #effective = new Map();

  constructor(config) {
    if (!isPlainObject(config)) throw new TypeError('config must be an object of roles');

    // Copy into a Map: role names such as "constructor" or "toString" must behave
    // like any other string, and later changes to `config` must not leak in.
    const roles = new Map();
    for (const [name, def] of Object.entries(config)) {
      if (!isPlainObject(def)) throw new TypeError(`Role "${name}" must be an object`);
      const { can = [], inherits = [] } = def;
      if (!Array.isArray(can) || !Array.isArray(inherits)) {
        throw new TypeError(`Role "${name}": can and inherits must be arrays`);
      }
      for (const permission of can) {
        if (typeof permission !== 'string' || !PERMISSION.test(permission)) {
          throw new Error(`Invalid permission ${JSON.stringify(permission)} in role "${name}"`);
        }
      }
      roles.set(name, { can: [...can], inherits: [...inherits] });
    }
    for (const [name, { inherits }] of roles) {
      for (const parent of inherits) {
        if (!roles.has(parent)) throw new Error(`Unknown role "${parent}" inherited by "${name}"`);
      }
    }

    this.#checkCycles(roles);
    for (const name of roles.keys()) this.#flatten(name, roles);
  }

  /** Depth-first search with three colours; a grey node reached again closes a cycle. */
  #checkCycles(roles) {
    const done = new Set(); // black: fully explored, known to be cycle-free
    const path = []; // grey: the roles on the current DFS path, in order
    const visit = (name) => {
      if (done.has(name)) return;
      const start = path.indexOf(name);
      if (start !== -1) {
        const cycle = [...path.slice(start), name];
        throw new Error(`Role inheritance cycle: ${cycle.join(' -> ')}`);
      }
      path.push(name);
      for (const parent of roles.get(name).inherits) visit(parent);
      path.pop();
      done.add(name);
    };
    for (const name of roles.keys()) visit(name);
  }

  /** Effective permissions of a role, memoised (safe: there are no cycles). */
  #flatten(name, roles) {
    let set = this.#effective.get(name);
    if (set) return set;
    set = new Set(roles.get(name).can);
    for (const parent of roles.get(name).inherits) {
      for (const permission of this.#flatten(parent, roles)) set.add(permission);
    }
    this.#effective.set(name, set);
    return set;
  }

  permissionsFor(role) {
    const set = this.#effective.get(role);
    if (!set) throw new Error(`Unknown role "${role}"`);
    return [...set].sort();
  }

  can(user, action, resource) {
    // Deny by default: anything unexpected is a "no", never an exception or a "yes".
    if (!isPlainObject(user) || !Array.isArray(user.roles)) return false;
    if (!isPlainObject(resource) || typeof resource.type !== 'string') return false;
    if (typeof action !== 'string') return false;

    const any = `${resource.type}:${action}:any`;
    const own = `${resource.type}:${action}:own`;
    const owns =
      resource.ownerId !== undefined &&
      resource.ownerId !== null &&
      resource.ownerId === user.id;

    return user.roles.some((role) => {
      const set = this.#effective.get(role); // unknown roles grant nothing
      return set !== undefined && (set.has(any) || (owns && set.has(own)));
    });
  }
}
