// Run async tasks with a concurrency limit. Replace the `throw` below.
// See README.md for the exact behaviour the tests expect.

/**
 * @template T
 * @param {Array<() => T | Promise<T>>} tasks  functions that start one piece of work each
 * @param {number} limit  the most tasks allowed to run at the same time, an integer >= 1
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<T[]>} the results, in the same order as `tasks`
 */
export async function pool(tasks, limit, { signal } = {}) {
  throw new Error('not implemented');
}
