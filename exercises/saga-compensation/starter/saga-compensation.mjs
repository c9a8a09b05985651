// Orchestrated saga with compensations. Replace the `throw` below.
// See README.md for the exact behaviour the tests expect.

/**
 * @typedef {object} Step
 * @property {string} name  unique, non-empty
 * @property {(ctx: object) => unknown} action  does the work; may return a promise
 * @property {(ctx: object) => unknown} [compensate]  undoes the work of a completed action
 * @property {number} [retries=0]  extra attempts after a failed action, an integer >= 0
 */

/**
 * Runs the steps in order. When a step fails for good, compensates the completed steps
 * in reverse order and resolves with a result describing what happened.
 * @param {Step[]} steps
 * @param {{ ctx?: object }} [options]
 * @returns {Promise<{
 *   status: 'completed' | 'compensated' | 'compensation-failed',
 *   completed: string[],
 *   failedStep: string | null,
 *   error: unknown,
 *   compensated: string[],
 *   compensationErrors: Array<{ step: string, error: unknown }>,
 * }>}
 */
export async function runSaga(steps, { ctx = {} } = {}) {
  // TODO 1: validate every step before running anything (TypeError / RangeError).
  // TODO 2: run each action (with retries); remember which steps completed.
  // TODO 3: on a final failure, run the compensations of the completed steps in
  //         reverse order, collecting compensation errors instead of stopping.
  throw new Error('not implemented');
}
