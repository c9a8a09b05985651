// Reference solution: a token bucket and two sliding-window rate limiters.
//
// None of them uses a timer. Each one asks the injected clock for the time when a
// request arrives and brings its state up to date lazily, so an idle limiter costs
// nothing and the tests can move time by hand.

function checkPositiveInteger(name, value) {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be an integer >= 1, got ${String(value)}`);
  }
}

function checkPositiveNumber(name, value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${String(value)}`);
  }
}

export class TokenBucket {
  #capacity;
  #refillPerSec;
  #now;
  #tokens;
  #lastRefill;

  constructor({ capacity, refillPerSec, now = Date.now } = {}) {
    checkPositiveInteger('capacity', capacity);
    checkPositiveNumber('refillPerSec', refillPerSec);
    this.#capacity = capacity;
    this.#refillPerSec = refillPerSec;
    this.#now = now;
    this.#tokens = capacity; // a new bucket starts full
    this.#lastRefill = now();
  }

  // Adds the tokens earned since the last refill, never more than capacity.
  #refill() {
    const t = this.#now();
    const elapsed = Math.max(0, t - this.#lastRefill); // ignore a clock that steps back
    this.#tokens = Math.min(this.#capacity, this.#tokens + (elapsed * this.#refillPerSec) / 1000);
    this.#lastRefill = t;
  }

  get tokens() {
    this.#refill();
    return this.#tokens;
  }

  tryRemove(n = 1) {
    checkPositiveInteger('n', n);
    this.#refill();
    if (this.#tokens < n) return false; // all or nothing: a refused call takes no tokens
    this.#tokens -= n;
    return true;
  }
}

export class SlidingWindowLog {
  #limit;
  #windowMs;
  #now;
  #logs = new Map(); // key -> timestamps of allowed requests, oldest first

  constructor({ limit, windowMs, now = Date.now } = {}) {
    checkPositiveInteger('limit', limit);
    checkPositiveNumber('windowMs', windowMs);
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  allow(key) {
    const t = this.#now();
    const log = this.#logs.get(key) ?? [];
    // The window is (t - windowMs, t]: a request made exactly windowMs ago has left it.
    let expired = 0;
    while (expired < log.length && log[expired] <= t - this.#windowMs) expired++;
    if (expired > 0) log.splice(0, expired);

    if (log.length >= this.#limit) {
      // Refused requests are not logged, so hammering does not extend the block.
      return false;
    }
    log.push(t);
    this.#logs.set(key, log);
    return true;
  }
}

export class SlidingWindowCounter {
  #limit;
  #windowMs;
  #now;
  #counters = new Map(); // key -> { start, current, previous }

  constructor({ limit, windowMs, now = Date.now } = {}) {
    checkPositiveInteger('limit', limit);
    checkPositiveNumber('windowMs', windowMs);
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  allow(key) {
    const t = this.#now();
    const w = this.#windowMs;
    const start = Math.floor(t / w) * w; // fixed windows aligned to multiples of windowMs

    let c = this.#counters.get(key);
    if (c === undefined) {
      c = { start, current: 0, previous: 0 };
      this.#counters.set(key, c);
    } else if (c.start !== start) {
      // Roll forward. Only the window right before this one still overlaps the
      // sliding window; anything older counts as zero.
      c.previous = c.start === start - w ? c.current : 0;
      c.current = 0;
      c.start = start;
    }

    // estimate = previous * (w - elapsed) / w + current, compared with limit.
    // Multiplying both sides by w keeps the comparison in exact integers.
    const elapsed = t - start;
    const weighted = c.previous * (w - elapsed) + c.current * w;
    if (weighted >= this.#limit * w) return false;
    c.current++;
    return true;
  }
}
