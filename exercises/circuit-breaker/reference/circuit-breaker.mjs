// Reference solution: a circuit breaker with a rolling failure count.
//
// No timers: the open -> half-open transition happens lazily, the next time the
// breaker is called or its state is read after resetTimeoutMs. That keeps the
// breaker free of open handles and lets the tests drive time with a fake clock.

import { EventEmitter } from 'node:events';

export class CircuitOpenError extends Error {
  constructor(retryAfterMs) {
    super('Circuit is open');
    this.name = 'CircuitOpenError';
    this.retryAfterMs = retryAfterMs;
  }
}

function checkInteger(name, value, min) {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

function checkNumber(name, value, { allowZero }) {
  const ok = typeof value === 'number' && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) throw new RangeError(`${name} must be a finite number ${allowZero ? '>=' : '>'} 0, got ${String(value)}`);
}

export class CircuitBreaker extends EventEmitter {
  #fn;
  #failureThreshold;
  #windowMs;
  #resetTimeoutMs;
  #halfOpenMax;
  #now;

  #state = 'closed';
  #generation = 0; // bumped on every transition; outcomes of older calls are ignored
  #failures = []; // closed: timestamps of recent failures, oldest first
  #openedAt = 0; // open: when the circuit opened
  #trialsStarted = 0; // half-open: trial calls admitted so far
  #trialsSucceeded = 0; // half-open: trial calls that succeeded

  constructor(
    fn,
    { failureThreshold = 5, windowMs = 10_000, resetTimeoutMs = 30_000, halfOpenMax = 1, now = Date.now } = {},
  ) {
    super();
    if (typeof fn !== 'function') throw new TypeError('fn must be a function');
    checkInteger('failureThreshold', failureThreshold, 1);
    checkNumber('windowMs', windowMs, { allowZero: false });
    checkNumber('resetTimeoutMs', resetTimeoutMs, { allowZero: true });
    checkInteger('halfOpenMax', halfOpenMax, 1);
    this.#fn = fn;
    this.#failureThreshold = failureThreshold;
    this.#windowMs = windowMs;
    this.#resetTimeoutMs = resetTimeoutMs;
    this.#halfOpenMax = halfOpenMax;
    this.#now = now;
  }

  get state() {
    this.#checkResetTimeout();
    return this.#state;
  }

  get failureCount() {
    if (this.#state !== 'closed') return 0;
    this.#pruneFailures(this.#now());
    return this.#failures.length;
  }

  async call(...args) {
    this.#checkResetTimeout();

    if (this.#state === 'open') {
      throw new CircuitOpenError(this.#openedAt + this.#resetTimeoutMs - this.#now());
    }
    if (this.#state === 'half-open') {
      if (this.#trialsStarted >= this.#halfOpenMax) throw new CircuitOpenError(0);
      this.#trialsStarted++;
    }

    const generation = this.#generation;
    let result;
    try {
      result = await this.#fn(...args); // a synchronous throw lands in the catch too
    } catch (error) {
      if (generation === this.#generation) this.#onFailure();
      throw error;
    }
    if (generation === this.#generation) this.#onSuccess();
    return result;
  }

  #onFailure() {
    const t = this.#now();
    if (this.#state === 'half-open') {
      this.#open(t); // one failed trial is enough: the dependency is still down
      return;
    }
    this.#failures.push(t);
    this.#pruneFailures(t);
    if (this.#failures.length >= this.#failureThreshold) this.#open(t);
  }

  #onSuccess() {
    if (this.#state !== 'half-open') return; // closed: successes do not erase failures
    this.#trialsSucceeded++;
    if (this.#trialsSucceeded >= this.#halfOpenMax) this.#transition('closed');
  }

  // A failure at time f counts while t < f + windowMs.
  #pruneFailures(t) {
    let expired = 0;
    while (expired < this.#failures.length && this.#failures[expired] + this.#windowMs <= t) expired++;
    if (expired > 0) this.#failures.splice(0, expired);
  }

  #checkResetTimeout() {
    if (this.#state === 'open' && this.#now() >= this.#openedAt + this.#resetTimeoutMs) {
      this.#transition('half-open');
    }
  }

  #open(t) {
    this.#openedAt = t;
    this.#transition('open');
  }

  #transition(to) {
    const from = this.#state;
    this.#state = to;
    this.#generation++;
    this.#failures = [];
    this.#trialsStarted = 0;
    this.#trialsSucceeded = 0;
    // Emitted after the state is consistent, so a listener may read breaker.state.
    this.emit('stateChange', { from, to });
  }
}
