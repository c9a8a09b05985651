// An in-memory job queue with retries, backoff and a dead-letter list.
// Replace each `throw` below. See README.md for the exact behaviour the tests expect.
//
// Use the injected scheduler for every timer and every reading of the time.

const realScheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

export class JobQueue {
  /**
   * @param {{
   *   concurrency?: number, // jobs that may run at the same time, integer >= 1 (default 1)
   *   scheduler?: { now(): number, setTimeout(fn: () => void, ms: number): any, clearTimeout(handle: any): void },
   * }} [options]
   */
  constructor({ concurrency = 1, scheduler = realScheduler } = {}) {
    // TODO: validate concurrency (RangeError) and set up the job records and lists.
    throw new Error('not implemented');
  }

  /**
   * @param {string} name  a non-empty string
   * @param {unknown} data
   * @param {{ attempts?: number, backoffMs?: number }} [options]  defaults 1 and 0
   * @returns {string} the new job's id
   */
  add(name, data, { attempts = 1, backoffMs = 0 } = {}) {
    // TODO: validate, create the job in state 'waiting', try to start jobs.
    throw new Error('not implemented');
  }

  /** @param {(job: { id: string, name: string, data: unknown, attempt: number }) => any} handler */
  process(handler) {
    throw new Error('not implemented');
  }

  /** @returns {object | undefined} a copy of the job's details */
  getJob(id) {
    throw new Error('not implemented');
  }

  /** @returns {object[]} copies of the dead jobs, in the order they died */
  dead() {
    throw new Error('not implemented');
  }

  /** @returns {boolean} true if a dead job was moved back to waiting */
  retryDead(id) {
    throw new Error('not implemented');
  }

  /** @returns {{ waiting: number, active: number, delayed: number, completed: number, dead: number }} */
  counts() {
    throw new Error('not implemented');
  }

  /** @returns {Promise<void>} resolves once no job is running */
  close() {
    throw new Error('not implemented');
  }
}
