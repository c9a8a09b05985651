// Reference solution: a fixed-size pool of worker threads with a FIFO queue.
//
// Each worker runs one task at a time, so the next message it posts is the answer to the
// task it was given. A worker that dies (uncaught exception, process.exit) takes only its
// own task down with it: the pool rejects that task and starts a replacement.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const closedError = () => new Error('WorkerPool is closed');

export class WorkerPool {
  #file;
  #workers = new Set(); // every live worker
  #idle = []; // live workers without a task
  #queue = []; // tasks waiting for a worker: { data, resolve, reject }
  #current = new Map(); // worker -> the task it is running
  #closed = false;
  #closing = null; // the promise close() returns, the same on every call

  constructor(file, { size = availableParallelism() } = {}) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`size must be an integer >= 1, got ${String(size)}`);
    }
    this.#file = file;
    for (let i = 0; i < size; i++) this.#spawn();
  }

  run(data) {
    if (this.#closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.#queue.push({ data, resolve, reject });
      this.#dispatch();
    });
  }

  close() {
    if (!this.#closed) {
      // Flag first: the 'exit' events that terminate() causes must not spawn replacements.
      this.#closed = true;
      for (const task of this.#queue.splice(0)) task.reject(closedError());
      for (const task of this.#current.values()) task.reject(closedError());
      this.#current.clear();
      this.#idle = [];
      // terminate() stops a worker even in the middle of a busy loop.
      this.#closing = Promise.all([...this.#workers].map((worker) => worker.terminate())).then(() => {});
    }
    return this.#closing;
  }

  #spawn() {
    const worker = new Worker(this.#file);
    this.#workers.add(worker);

    worker.on('message', (result) => {
      const task = this.#current.get(worker);
      this.#current.delete(worker);
      task?.resolve(result);
      this.#makeIdle(worker);
    });

    // An uncaught exception inside the worker: 'error' comes first, then 'exit'.
    worker.on('error', (error) => {
      const task = this.#current.get(worker);
      this.#current.delete(worker);
      task?.reject(error);
    });

    worker.on('exit', (code) => {
      this.#workers.delete(worker);
      this.#idle = this.#idle.filter((w) => w !== worker);
      if (this.#closed) return;
      // Still holding a task means it exited without an 'error' (process.exit(code)).
      const task = this.#current.get(worker);
      this.#current.delete(worker);
      task?.reject(new Error(`Worker stopped with exit code ${code}`));
      this.#spawn(); // keep the pool at full size; the replacement picks up queued work
    });

    this.#makeIdle(worker);
  }

  #makeIdle(worker) {
    if (this.#closed || !this.#workers.has(worker)) return;
    this.#idle.push(worker);
    this.#dispatch();
  }

  // Hands queued tasks, oldest first, to idle workers.
  #dispatch() {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.shift();
      const task = this.#queue.shift();
      try {
        worker.postMessage(task.data); // throws a DataCloneError for e.g. functions
      } catch (error) {
        task.reject(error);
        this.#idle.unshift(worker); // the worker never saw the task; it is still free
        continue;
      }
      this.#current.set(worker, task);
    }
  }
}
