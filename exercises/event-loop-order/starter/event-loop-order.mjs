// Observe the event loop: schedule named callbacks and record the order they run in.
// Replace the `throw` below. See README.md for the exact behaviour the tests expect.

/**
 * @typedef {'sync' | 'nextTick' | 'queueMicrotask' | 'promise' | 'setTimeout' | 'setImmediate' | 'fs'} Via
 * @typedef {{ name: string, via: Via, then?: Task[] }} Task
 */

/**
 * Schedules every task of `scenario` through the mechanism named by its `via`, records a
 * task's name when its callback runs, schedules its `then` tasks from inside that callback,
 * and resolves with the recorded names once every task (nested ones included) has run.
 *
 * @param {Task[]} scenario
 * @returns {Promise<string[]>} task names in the order their callbacks ran
 */
export async function observeOrder(scenario) {
  // TODO: validate the whole scenario first (unknown `via` -> TypeError) and count the tasks.
  // TODO: map each `via` to one Node API call (a Map from name to a scheduling function).
  // TODO: start from a clean macrotask: schedule the top-level tasks inside setImmediate.
  // TODO: resolve with the names once as many have been recorded as there are tasks.
  throw new Error('not implemented');
}
