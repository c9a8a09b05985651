// Role-based access control. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

export class Rbac {
  /**
   * @param {Record<string, { can?: string[], inherits?: string[] }>} config
   *   role name -> its own permissions ("resource:action:own|any") and parent roles
   */
  constructor(config) {
    // TODO: validate every role (shape, permission format), then inherited names,
    // then look for cycles; precompute each role's effective permissions.
    throw new Error('not implemented');
  }

  /**
   * Every permission of role, direct or inherited, sorted, without duplicates.
   * @returns {string[]}
   */
  permissionsFor(role) {
    throw new Error('not implemented');
  }

  /**
   * Whether user ({ id, roles }) may perform action on resource ({ type, ownerId? }).
   * @returns {boolean}
   */
  can(user, action, resource) {
    throw new Error('not implemented');
  }
}
