// Compose Koa-style middleware. Replace the `throw` below.
// See README.md for the exact behaviour the tests expect.

/**
 * @param {Array<(ctx: any, next: () => Promise<any>) => any>} middleware
 * @returns {(ctx: any, next?: () => any) => Promise<any>}
 */
export function compose(middleware) {
  // TODO: validate now, at compose time: a TypeError for a non-array or a non-function entry.
  // TODO: return a function (ctx, next) that starts middleware[0] and resolves or rejects
  //       when the whole chain has finished.
  // TODO: each middleware's `next` runs the following one (the caller's `next` after the
  //       last) and returns a promise; a second call of the same `next` rejects.
  throw new Error('not implemented');
}
