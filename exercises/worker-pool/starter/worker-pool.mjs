// A fixed-size pool of worker threads with a FIFO queue. Replace every `throw` below.
// See README.md for the exact behaviour the tests expect.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export class WorkerPool {
  /**
   * Starts `size` workers running the script `file` at once.
   * @param {string | URL} file  the worker script
   * @param {{ size?: number }} [options]  an integer >= 1, else RangeError; default: availableParallelism()
   */
  constructor(file, { size = availableParallelism() } = {}) {
    // TODO: validate size; start `size` workers, each listening for 'message', 'error' and 'exit'.
    throw new Error('not implemented');
  }

  /**
   * Sends `data` to an idle worker (or queues it, first in first out, until one is free).
   * @param {unknown} data  anything structured clone accepts
   * @returns {Promise<unknown>} the worker's reply; rejects if the worker dies on this task
   */
  run(data) {
    // TODO: after close(): a rejected promise with Error('WorkerPool is closed').
    // TODO: queue { data, resolve, reject } and hand queued tasks to idle workers.
    throw new Error('not implemented');
  }

  /**
   * Rejects every running and queued task and terminates every worker.
   * @returns {Promise<void>} fulfils once all workers have exited; the same on every call
   */
  close() {
    // TODO: no replacements for workers that exit because of close().
    throw new Error('not implemented');
  }
}
