// Reference solution: an in-memory pub/sub broker with topic wildcards, acks and
// redelivery after a visibility timeout (at-least-once delivery).
//
// Each subscription owns a queue. A Map keeps its unacked messages in publish order,
// because entries are only ever added at the end (ids grow) and a message keeps its
// place while it is in flight. receive() walks that Map from the front, so the oldest
// visible message is always delivered first.

const WILDCARDS = new Set(['*', '#']);

// Splits a topic or pattern into words, throwing a TypeError when it is malformed.
function parseWords(value, { allowWildcards }) {
  const kind = allowWildcards ? 'pattern' : 'topic';
  if (typeof value !== 'string') {
    throw new TypeError(`invalid ${kind}: expected a string, got ${typeof value}`);
  }
  const words = value.split('.');
  for (const word of words) {
    if (word === '') throw new TypeError(`invalid ${kind} "${value}": empty word`);
    if (allowWildcards && WILDCARDS.has(word)) continue;
    if (word.includes('*') || word.includes('#')) {
      throw new TypeError(`invalid ${kind} "${value}": "*" and "#" must be whole words`);
    }
  }
  return words;
}

// Word-by-word matching. `positions` holds every index into the topic that the
// pattern words seen so far can have consumed up to. '#' can consume any number of
// words (including none), so it fans out; '*' and literals consume exactly one.
function matchWords(patternWords, topicWords) {
  let positions = new Set([0]);
  for (const word of patternWords) {
    const next = new Set();
    for (const i of positions) {
      if (word === '#') {
        for (let j = i; j <= topicWords.length; j++) next.add(j);
      } else if (i < topicWords.length && (word === '*' || word === topicWords[i])) {
        next.add(i + 1);
      }
    }
    if (next.size === 0) return false;
    positions = next;
  }
  return positions.has(topicWords.length);
}

export function matchTopic(pattern, topic) {
  return matchWords(pattern.split('.'), topic.split('.'));
}

class Subscription {
  #broker;
  #patternWords;
  #entries = new Map(); // message id -> { message, attempt, visibleAt }
  #active = true;

  /** @internal Created by Broker#subscribe only. */
  constructor(broker, pattern, patternWords) {
    this.#broker = broker;
    this.pattern = pattern;
    this.#patternWords = patternWords;
  }

  get active() {
    return this.#active;
  }

  get pending() {
    return this.#entries.size;
  }

  /** @internal Called by the broker for every published message. */
  _offer(message, topicWords) {
    if (!this.#active || !matchWords(this.#patternWords, topicWords)) return false;
    this.#entries.set(message.id, { message, attempt: 0, visibleAt: -Infinity });
    return true;
  }

  receive(max = 1) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`max must be an integer >= 1, got ${String(max)}`);
    }
    const now = this.#broker._now();
    const delivered = [];
    for (const entry of this.#entries.values()) {
      if (delivered.length === max) break;
      if (now < entry.visibleAt) continue; // still in flight with another consumer
      entry.attempt++;
      entry.visibleAt = now + this.#broker.visibilityTimeoutMs;
      const { id, topic, payload } = entry.message;
      delivered.push({ id, topic, payload, attempt: entry.attempt });
    }
    return delivered;
  }

  ack(id) {
    const entry = this.#entries.get(id);
    // Only a message that is in flight right now can be acked. Once its timeout has
    // passed the broker treats the delivery as lost and will hand it out again.
    if (entry === undefined || entry.attempt === 0) return false;
    if (this.#broker._now() >= entry.visibleAt) return false;
    this.#entries.delete(id);
    return true;
  }

  unsubscribe() {
    if (!this.#active) return false;
    this.#active = false;
    this.#entries.clear();
    this.#broker._remove(this);
    return true;
  }
}

export class Broker {
  #subscriptions = new Set();
  #nextId = 1;
  #now;

  constructor({ visibilityTimeoutMs = 30_000, now = Date.now } = {}) {
    if (typeof visibilityTimeoutMs !== 'number' || !(visibilityTimeoutMs > 0) || !Number.isFinite(visibilityTimeoutMs)) {
      throw new RangeError(`visibilityTimeoutMs must be a finite number > 0, got ${String(visibilityTimeoutMs)}`);
    }
    this.visibilityTimeoutMs = visibilityTimeoutMs;
    this.#now = now;
  }

  /** @internal */
  _now() {
    return this.#now();
  }

  /** @internal */
  _remove(subscription) {
    this.#subscriptions.delete(subscription);
  }

  subscribe(pattern) {
    const words = parseWords(pattern, { allowWildcards: true });
    const subscription = new Subscription(this, pattern, words);
    this.#subscriptions.add(subscription);
    return subscription;
  }

  publish(topic, payload) {
    const topicWords = parseWords(topic, { allowWildcards: false });
    const message = Object.freeze({ id: this.#nextId++, topic, payload });
    let count = 0;
    for (const subscription of this.#subscriptions) {
      if (subscription._offer(message, topicWords)) count++;
    }
    return count;
  }
}
