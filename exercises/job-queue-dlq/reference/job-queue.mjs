// Reference solution: an in-memory job queue with retries, backoff and a dead-letter list.
//
// The concepts are BullMQ's (waiting / active / delayed / completed / failed, attempts,
// exponential backoff), without Redis. Time goes through an injected scheduler so the
// tests can run hours of backoff in microseconds.

const realScheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

export class JobQueue {
  #concurrency;
  #scheduler;
  #handler = null;
  #closed = false;
  #nextId = 1;
  #jobs = new Map(); // id -> job record (every job ever added)
  #waiting = []; // ids, in the order they will start
  #deadIds = []; // ids, in the order they died
  #timers = new Map(); // id -> scheduler handle of a pending retry
  #active = 0;
  #idleWaiters = []; // resolve functions of close() calls waiting for active jobs

  constructor({ concurrency = 1, scheduler = realScheduler } = {}) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be an integer >= 1, got ${String(concurrency)}`);
    }
    this.#concurrency = concurrency;
    this.#scheduler = scheduler;
  }

  add(name, data, { attempts = 1, backoffMs = 0 } = {}) {
    if (this.#closed) throw new Error('queue is closed');
    if (typeof name !== 'string' || name === '') throw new TypeError('name must be a non-empty string');
    if (!Number.isInteger(attempts) || attempts < 1) {
      throw new RangeError(`attempts must be an integer >= 1, got ${String(attempts)}`);
    }
    if (typeof backoffMs !== 'number' || !Number.isFinite(backoffMs) || backoffMs < 0) {
      throw new RangeError(`backoffMs must be a finite number >= 0, got ${String(backoffMs)}`);
    }
    const id = String(this.#nextId++);
    this.#jobs.set(id, {
      id,
      name,
      data,
      state: 'waiting',
      attempts,
      backoffMs,
      attemptsMade: 0,
      result: undefined,
      errors: [],
    });
    this.#waiting.push(id);
    this.#pump();
    return id;
  }

  process(handler) {
    if (typeof handler !== 'function') throw new TypeError('handler must be a function');
    if (this.#handler !== null) throw new Error('a handler is already registered');
    this.#handler = handler;
    this.#pump();
  }

  getJob(id) {
    const job = this.#jobs.get(id);
    return job && snapshot(job);
  }

  dead() {
    return this.#deadIds.map((id) => snapshot(this.#jobs.get(id)));
  }

  retryDead(id) {
    const job = this.#jobs.get(id);
    if (job === undefined || job.state !== 'dead' || this.#closed) return false;
    this.#deadIds.splice(this.#deadIds.indexOf(id), 1);
    job.attemptsMade = 0; // a fresh set of attempts; the error history stays
    this.#enqueue(job);
    return true;
  }

  counts() {
    const counts = { waiting: 0, active: 0, delayed: 0, completed: 0, dead: 0 };
    for (const job of this.#jobs.values()) counts[job.state]++;
    return counts;
  }

  close() {
    this.#closed = true;
    for (const [id, handle] of this.#timers) {
      this.#scheduler.clearTimeout(handle);
      this.#timers.delete(id);
    }
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #enqueue(job) {
    job.state = 'waiting';
    this.#waiting.push(job.id);
    this.#pump();
  }

  // Starts waiting jobs while there is a handler and a free slot.
  #pump() {
    while (!this.#closed && this.#handler !== null && this.#active < this.#concurrency && this.#waiting.length > 0) {
      this.#run(this.#jobs.get(this.#waiting.shift()));
    }
  }

  #run(job) {
    this.#active++;
    job.state = 'active';
    job.attemptsMade++;
    const attempt = job.attemptsMade;
    const view = { id: job.id, name: job.name, data: job.data, attempt };
    // Calling the handler from a microtask means add() never runs user code
    // synchronously, and a synchronous throw becomes an ordinary rejection.
    Promise.resolve()
      .then(() => this.#handler(view))
      .then(
        (result) => {
          job.state = 'completed';
          job.result = result;
        },
        (error) => this.#onFailure(job, attempt, error),
      )
      .finally(() => {
        this.#active--;
        if (this.#active === 0) this.#idleWaiters.splice(0).forEach((resolve) => resolve());
        this.#pump();
      });
  }

  #onFailure(job, attempt, error) {
    job.errors.push({
      attempt,
      message: error instanceof Error ? error.message : String(error),
      at: this.#scheduler.now(),
    });
    if (job.attemptsMade >= job.attempts) {
      job.state = 'dead';
      this.#deadIds.push(job.id);
      return;
    }
    // Exponential backoff: backoffMs, 2 * backoffMs, 4 * backoffMs, ...
    const delay = job.backoffMs * 2 ** (attempt - 1);
    if (delay === 0 || this.#closed) {
      this.#waiting.push(job.id); // straight back to the end of the line
      job.state = 'waiting';
      return;
    }
    job.state = 'delayed';
    const handle = this.#scheduler.setTimeout(() => {
      this.#timers.delete(job.id);
      this.#enqueue(job);
    }, delay);
    this.#timers.set(job.id, handle);
  }
}

// A copy for callers, so they cannot change the queue's records by accident.
function snapshot(job) {
  return { ...job, errors: job.errors.map((entry) => ({ ...entry })) };
}
