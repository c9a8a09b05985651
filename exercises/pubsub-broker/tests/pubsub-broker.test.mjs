import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Broker, matchTopic } from './pubsub-broker.mjs';

// A broker with a fake clock: tests move `clock.t` by hand instead of waiting.
function setup(visibilityTimeoutMs = 1000) {
  const clock = { t: 0 };
  const broker = new Broker({ visibilityTimeoutMs, now: () => clock.t });
  return { broker, clock };
}

// The ids of a batch of delivered messages, for compact assertions.
const ids = (messages) => messages.map((m) => m.id);

describe('matchTopic', () => {
  it('* matches exactly one word', () => {
    assert.equal(matchTopic('orders.*', 'orders.created'), true);
    assert.equal(matchTopic('*.created', 'orders.created'), true);
    assert.equal(matchTopic('orders.*', 'orders'), false, '* must not match zero words');
    assert.equal(matchTopic('orders.*', 'orders.eu.created'), false, '* must not match two words');
    assert.equal(matchTopic('*', 'orders'), true);
    assert.equal(matchTopic('*', 'orders.created'), false);
  });

  it('# matches zero or more words, anywhere in the pattern', () => {
    assert.equal(matchTopic('orders.#', 'orders'), true, '# may match zero words');
    assert.equal(matchTopic('orders.#', 'orders.created'), true);
    assert.equal(matchTopic('orders.#', 'orders.eu.created'), true, '# may match several words');
    assert.equal(matchTopic('orders.#', 'payments.created'), false);
    assert.equal(matchTopic('#', 'anything.at.all'), true);
    assert.equal(matchTopic('#.failed', 'payments.card.failed'), true);
    assert.equal(matchTopic('#.failed', 'failed'), true);
    assert.equal(matchTopic('orders.#.shipped', 'orders.shipped'), true);
    assert.equal(matchTopic('orders.#.shipped', 'orders.eu.de.shipped'), true);
    assert.equal(matchTopic('orders.#.shipped', 'orders.eu.de.cancelled'), false);
    assert.equal(matchTopic('#.*.#', 'a'), true, '# on both sides of * still needs one word');
  });

  it('literal words must match exactly and case-sensitively', () => {
    assert.equal(matchTopic('orders.created', 'orders.created'), true);
    assert.equal(matchTopic('orders.created', 'Orders.created'), false, 'matching is case-sensitive');
    assert.equal(matchTopic('orders.created', 'orders.created.v2'), false, 'extra words do not match');
    assert.equal(matchTopic('orders.created.v2', 'orders.created'), false, 'missing words do not match');
    assert.equal(matchTopic('order.created', 'orders.created'), false, 'words are not prefixes');
  });
});

describe('Broker', () => {
  describe('publish and subscribe', () => {
    it('publish queues the message for every matching subscription and returns how many', () => {
      const { broker } = setup();
      const all = broker.subscribe('orders.#');
      const created = broker.subscribe('orders.created');
      const payments = broker.subscribe('payments.*');
      const payload = { orderId: 42 };
      assert.equal(broker.publish('orders.created', payload), 2, 'two subscriptions match orders.created');
      assert.equal(broker.publish('inventory.low', {}), 0, 'nobody listens to inventory.low');
      const [fromAll] = all.receive();
      const [fromCreated] = created.receive();
      assert.deepEqual(fromAll, { id: fromAll.id, topic: 'orders.created', payload, attempt: 1 });
      assert.equal(fromAll.payload, payload, 'the payload must be passed on as is, not copied');
      assert.equal(fromCreated.id, fromAll.id, 'both subscriptions see the same message id');
      assert.deepEqual(payments.receive(), [], 'a non-matching subscription gets nothing');
    });

    it('each subscription has its own queue, and messages published before subscribe are not delivered', () => {
      const { broker } = setup();
      broker.publish('orders.created', 'too early');
      const a = broker.subscribe('orders.*');
      const b = broker.subscribe('orders.*');
      broker.publish('orders.created', 'hello');
      const [fromA] = a.receive();
      a.ack(fromA.id);
      assert.equal(fromA.payload, 'hello', 'the message published before subscribe must not show up');
      assert.equal(b.pending, 1, "acking in one subscription must not touch another subscription's copy");
      assert.equal(b.receive()[0].payload, 'hello');
    });

    it('receive returns at most max visible messages, oldest first, with increasing ids', () => {
      const { broker } = setup();
      const sub = broker.subscribe('#');
      for (const topic of ['a', 'b.c', 'd']) broker.publish(topic, topic.toUpperCase());
      const first = sub.receive(2);
      assert.deepEqual(first.map((m) => m.topic), ['a', 'b.c'], 'the two oldest messages, in publish order');
      assert.ok(first[0].id < first[1].id, 'ids must grow in publish order');
      assert.deepEqual(sub.receive(5).map((m) => m.payload), ['D'], 'only one message is left visible');
      assert.deepEqual(sub.receive(), [], 'an empty array when nothing is visible');
      assert.equal(sub.pending, 3, 'pending counts in-flight messages until they are acked');
    });

    it('rejects malformed topics and patterns with a TypeError and a bad max with a RangeError', () => {
      const { broker } = setup();
      for (const topic of ['', 'orders..created', '.orders', 'orders.', 'orders.*', 'orders.#', 42, undefined]) {
        assert.throws(() => broker.publish(topic, {}), TypeError, `publish(${JSON.stringify(topic)}) must throw`);
      }
      for (const pattern of ['', 'orders..*', 'orders*', 'ord#ers.created', '*.', null]) {
        assert.throws(() => broker.subscribe(pattern), TypeError, `subscribe(${JSON.stringify(pattern)}) must throw`);
      }
      const sub = broker.subscribe('#');
      for (const max of [0, -1, 1.5, NaN, '2']) {
        assert.throws(() => sub.receive(max), RangeError, `receive(${String(max)}) must throw`);
      }
      assert.throws(() => new Broker({ visibilityTimeoutMs: 0 }), RangeError, 'visibilityTimeoutMs must be > 0');
    });
  });

  describe('acks and redelivery', () => {
    it('an acked message is gone for good', () => {
      const { broker, clock } = setup(1000);
      const sub = broker.subscribe('jobs.*');
      broker.publish('jobs.email', 'send welcome');
      const [msg] = sub.receive();
      assert.equal(sub.ack(msg.id), true, 'ack of an in-flight message returns true');
      assert.equal(sub.pending, 0);
      clock.t = 10_000;
      assert.deepEqual(sub.receive(), [], 'an acked message must never be delivered again');
    });

    it('an in-flight message is hidden until the visibility timeout passes, then redelivered with attempt + 1', () => {
      const { broker, clock } = setup(1000);
      const sub = broker.subscribe('jobs.*');
      broker.publish('jobs.email', 'send welcome');
      const [first] = sub.receive();
      assert.equal(first.attempt, 1);
      clock.t = 999;
      assert.deepEqual(sub.receive(), [], 'at 999 ms the first delivery is still in flight');
      clock.t = 1000;
      const [second] = sub.receive();
      assert.ok(second, 'at exactly visibilityTimeoutMs the message must be visible again');
      assert.equal(second.id, first.id, 'a redelivery carries the same id');
      assert.equal(second.attempt, 2, 'attempt counts deliveries of this message');
      clock.t = 1999;
      assert.deepEqual(sub.receive(), [], 'the redelivery starts a new visibility timeout');
      clock.t = 2000;
      assert.equal(sub.receive()[0].attempt, 3);
    });

    it('a redelivered message comes before newer messages (per-subscription ordering)', () => {
      const { broker, clock } = setup(1000);
      const sub = broker.subscribe('#');
      broker.publish('m', 1);
      broker.publish('m', 2);
      broker.publish('m', 3);
      assert.deepEqual(sub.receive().map((m) => m.payload), [1], 't=0: message 1 goes out');
      clock.t = 500;
      assert.deepEqual(sub.receive().map((m) => m.payload), [2], 't=500: 1 is in flight, so 2 is next');
      clock.t = 1000;
      const batch = sub.receive(3);
      assert.deepEqual(
        batch.map((m) => [m.payload, m.attempt]),
        [
          [1, 2],
          [3, 1],
        ],
        't=1000: 1 has timed out and keeps its place ahead of 3; 2 is still in flight until 1500',
      );
    });

    it('ack returns false for unknown ids, for messages not yet received, twice, and after the timeout', () => {
      const { broker, clock } = setup(1000);
      const sub = broker.subscribe('#');
      broker.publish('a', 'A');
      broker.publish('b', 'B');
      assert.equal(sub.ack(999), false, 'unknown id');
      const [a] = sub.receive();
      const bId = a.id + 1;
      assert.equal(sub.ack(bId), false, 'a message that was never received cannot be acked');
      clock.t = 1000;
      assert.equal(sub.ack(a.id), false, 'too late: the visibility timeout has passed');
      assert.equal(sub.pending, 2, 'a late ack must not remove the message');
      const [again] = sub.receive();
      assert.equal(again.id, a.id);
      assert.equal(sub.ack(a.id), true, 'the ack of the new delivery succeeds');
      assert.equal(sub.ack(a.id), false, 'a second ack of the same message returns false');
      assert.deepEqual(ids(sub.receive(5)), [bId]);
    });
  });

  describe('unsubscribe', () => {
    it('drops the queue, stops new deliveries and returns true only the first time', () => {
      const { broker } = setup();
      const sub = broker.subscribe('orders.*');
      const other = broker.subscribe('orders.*');
      broker.publish('orders.created', 1);
      const [msg] = sub.receive();
      assert.equal(sub.active, true);
      assert.equal(sub.unsubscribe(), true, 'first unsubscribe returns true');
      assert.equal(sub.unsubscribe(), false, 'second unsubscribe returns false');
      assert.equal(sub.active, false);
      assert.equal(sub.pending, 0, 'unacked messages are dropped');
      assert.equal(sub.ack(msg.id), false, 'nothing can be acked after unsubscribe');
      assert.equal(broker.publish('orders.created', 2), 1, 'only the remaining subscription counts');
      assert.deepEqual(sub.receive(), [], 'an inactive subscription receives nothing');
      assert.deepEqual(other.receive(5).map((m) => m.payload), [1, 2], 'other subscriptions are unaffected');
    });
  });
});
