// In-memory pub/sub broker with wildcards, acks and redelivery. Replace every
// `throw new Error('not implemented')`. See README.md for the exact behaviour the tests expect.

/**
 * Whether a subscription pattern matches a published topic.
 * Words are separated by '.'; '*' matches exactly one word, '#' matches zero or more words.
 * Both arguments are assumed to be valid (the broker validates them).
 * @param {string} pattern  e.g. 'orders.*' or 'orders.#'
 * @param {string} topic    e.g. 'orders.created'
 * @returns {boolean}
 */
export function matchTopic(pattern, topic) {
  // TODO: split both on '.', then match word by word. '#' is the tricky part:
  // it can swallow any number of words, including none.
  throw new Error('not implemented');
}

// One subscriber's view of the broker: its own queue of unacked messages.
// Broker#subscribe creates these; the tests never construct one directly.
class Subscription {
  // TODO: keep the pattern, a reference to the broker (for the clock and the
  // visibility timeout) and the unacked messages in publish order.

  /** true until unsubscribe() is called. */
  get active() {
    throw new Error('not implemented');
  }

  /** Number of unacked messages: never received, in flight, or waiting for redelivery. */
  get pending() {
    throw new Error('not implemented');
  }

  /**
   * Delivers up to `max` visible messages, oldest first, as
   * { id, topic, payload, attempt } objects, and hides each one for visibilityTimeoutMs.
   * @param {number} [max=1]  an integer >= 1, otherwise RangeError
   */
  receive(max = 1) {
    throw new Error('not implemented');
  }

  /** Acknowledges an in-flight message. Returns true if it was removed, false otherwise. */
  ack(id) {
    throw new Error('not implemented');
  }

  /** Stops deliveries and drops the queue. Returns true the first time, false after. */
  unsubscribe() {
    throw new Error('not implemented');
  }
}

export class Broker {
  /**
   * @param {object} [options]
   * @param {number} [options.visibilityTimeoutMs=30000]  how long a received message stays hidden
   * @param {() => number} [options.now=Date.now]  the clock, in milliseconds
   */
  constructor({ visibilityTimeoutMs = 30_000, now = Date.now } = {}) {
    throw new Error('not implemented');
  }

  /**
   * Creates a subscription for a pattern. Throws a TypeError for a malformed pattern.
   * @param {string} pattern
   * @returns {Subscription}
   */
  subscribe(pattern) {
    throw new Error('not implemented');
  }

  /**
   * Queues a message for every active subscription whose pattern matches `topic`.
   * Throws a TypeError for a malformed topic (wildcards are not allowed here).
   * @returns {number} how many subscriptions received the message
   */
  publish(topic, payload) {
    throw new Error('not implemented');
  }
}
