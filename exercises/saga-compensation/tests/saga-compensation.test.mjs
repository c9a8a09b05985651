import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runSaga } from './saga-compensation.mjs';

// The order saga from the README. `log` records every call in the order it happened;
// `fail` names actions that throw, `failCompensation` names compensations that throw.
function orderSteps({ fail = [], failCompensation = [] } = {}) {
  const log = [];
  const step = (name, { compensate = true } = {}) => ({
    name,
    async action(ctx) {
      log.push(`${name}`);
      if (fail.includes(name)) throw new Error(`${name} failed`);
      ctx[name] = `${name}-id`;
    },
    ...(compensate && {
      async compensate(ctx) {
        log.push(`undo ${name} (${ctx[name]})`);
        if (failCompensation.includes(name)) throw new Error(`undo ${name} failed`);
      },
    }),
  });
  const steps = [step('reserveStock'), step('chargePayment'), step('shipOrder')];
  return { steps, log, step };
}

// A step whose action fails `failures` times, then succeeds.
function flakyStep(name, failures, retries) {
  const state = { calls: 0, errors: [] };
  return {
    state,
    step: {
      name,
      retries,
      action() {
        state.calls++;
        if (state.calls <= failures) {
          const error = new Error(`${name} attempt ${state.calls} failed`);
          state.errors.push(error);
          throw error;
        }
      },
      compensate() {},
    },
  };
}

describe('runSaga', () => {
  describe('success', () => {
    it('runs every action once, in order, with the shared ctx, and reports completed', async () => {
      const { steps, log } = orderSteps();
      const ctx = { orderId: 7 };
      const result = await runSaga(steps, { ctx });
      assert.deepEqual(log, ['reserveStock', 'chargePayment', 'shipOrder'], 'no compensation on success');
      assert.deepEqual(result, {
        status: 'completed',
        completed: ['reserveStock', 'chargePayment', 'shipOrder'],
        failedStep: null,
        error: null,
        compensated: [],
        compensationErrors: [],
      });
      assert.equal(ctx.chargePayment, 'chargePayment-id', 'actions must receive the ctx object you passed in');
    });

    it('accepts synchronous actions, an empty list and a missing options object', async () => {
      const seen = [];
      const result = await runSaga([
        { name: 'a', action: (ctx) => seen.push(typeof ctx) },
        { name: 'b', action: () => 'ignored return value' },
      ]);
      assert.equal(result.status, 'completed');
      assert.deepEqual(seen, ['object'], 'without options, ctx defaults to an empty object');
      assert.equal((await runSaga([])).status, 'completed', 'an empty saga completes');
    });
  });

  describe('failure and compensation', () => {
    it('compensates the completed steps in reverse order and never runs later actions', async () => {
      const { steps, log } = orderSteps({ fail: ['shipOrder'] });
      const result = await runSaga(steps);
      assert.deepEqual(
        log,
        ['reserveStock', 'chargePayment', 'shipOrder', 'undo chargePayment (chargePayment-id)', 'undo reserveStock (reserveStock-id)'],
        'refund first, then release the stock: newest completed step first; compensations see what actions wrote to ctx',
      );
      assert.equal(result.status, 'compensated');
      assert.deepEqual(result.completed, ['reserveStock', 'chargePayment']);
      assert.deepEqual(result.compensated, ['chargePayment', 'reserveStock']);
      assert.equal(result.failedStep, 'shipOrder');
      assert.equal(result.error.message, 'shipOrder failed', 'error must be the error thrown by the failed action');
      assert.deepEqual(result.compensationErrors, []);
    });

    it('does not compensate the step that failed, and compensates nothing when the first step fails', async () => {
      const { steps, log } = orderSteps({ fail: ['reserveStock'] });
      const result = await runSaga(steps);
      assert.deepEqual(log, ['reserveStock'], 'a failed step never completed, so there is nothing to undo');
      assert.equal(result.status, 'compensated');
      assert.deepEqual(result.completed, []);
      assert.deepEqual(result.compensated, []);
      assert.equal(result.failedStep, 'reserveStock');
    });

    it('resolves instead of rejecting, and a synchronous throw counts as a failure', async () => {
      const boom = new Error('card declined');
      const undone = [];
      const steps = [
        { name: 'reserveStock', action() {}, compensate: () => undone.push('reserveStock') },
        {
          name: 'chargePayment',
          action() {
            throw boom;
          },
        },
      ];
      let result;
      await assert.doesNotReject(async () => {
        result = await runSaga(steps);
      }, 'a failed saga is a normal outcome: runSaga must resolve with a result');
      assert.equal(result.error, boom, 'error must be the thrown value itself');
      assert.deepEqual(undone, ['reserveStock']);
    });

    it('skips completed steps that have no compensate function', async () => {
      const { steps, log, step } = orderSteps({ fail: ['shipOrder'] });
      steps.splice(1, 0, step('validateAddress', { compensate: false }));
      const result = await runSaga(steps);
      assert.deepEqual(result.completed, ['reserveStock', 'validateAddress', 'chargePayment']);
      assert.deepEqual(result.compensated, ['chargePayment', 'reserveStock'], 'a step without compensate is not listed');
      assert.equal(log.filter((line) => line.startsWith('undo')).length, 2);
    });

    it('records a failing compensation, keeps compensating the rest, and reports compensation-failed', async () => {
      const { steps, log } = orderSteps({ fail: ['shipOrder'], failCompensation: ['chargePayment'] });
      const result = await runSaga(steps);
      assert.ok(
        log.includes('undo reserveStock (reserveStock-id)'),
        'the stock must still be released after the refund failed',
      );
      assert.equal(result.status, 'compensation-failed', 'someone has to fix this by hand: say so');
      assert.deepEqual(result.compensated, ['reserveStock'], 'only successful compensations are listed');
      assert.equal(result.compensationErrors.length, 1);
      assert.equal(result.compensationErrors[0].step, 'chargePayment');
      assert.equal(result.compensationErrors[0].error.message, 'undo chargePayment failed');
      assert.equal(result.error.message, 'shipOrder failed', 'error still describes the original failure');
    });

    it('waits for each compensation before starting the next one', async () => {
      const events = [];
      const slowUndo = (name) => async () => {
        events.push(`start undo ${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`end undo ${name}`);
      };
      await runSaga([
        { name: 'a', action() {}, compensate: slowUndo('a') },
        { name: 'b', action() {}, compensate: slowUndo('b') },
        {
          name: 'c',
          action() {
            throw new Error('c failed');
          },
        },
      ]);
      assert.deepEqual(events, ['start undo b', 'end undo b', 'start undo a', 'end undo a']);
    });
  });

  describe('retries', () => {
    it('retries a failing action up to retries more times and carries on when an attempt succeeds', async () => {
      const { step, state } = flakyStep('chargePayment', 2, 3);
      const result = await runSaga([step, { name: 'shipOrder', action() {} }]);
      assert.equal(state.calls, 3, 'two failures, then a success on the third attempt');
      assert.equal(result.status, 'completed');
      assert.deepEqual(result.completed, ['chargePayment', 'shipOrder']);
    });

    it('gives up after 1 + retries attempts, reports the last error and compensates', async () => {
      const undone = [];
      const { step, state } = flakyStep('chargePayment', 10, 2);
      const result = await runSaga([{ name: 'reserveStock', action() {}, compensate: () => undone.push('reserveStock') }, step]);
      assert.equal(state.calls, 3, 'retries: 2 means at most 3 attempts');
      assert.equal(result.error, state.errors[2], 'error must come from the last attempt');
      assert.equal(result.failedStep, 'chargePayment');
      assert.deepEqual(undone, ['reserveStock']);
    });
  });

  describe('validation', () => {
    it('rejects with a TypeError for malformed steps before running any action', async () => {
      let ran = false;
      const good = { name: 'good', action: () => (ran = true) };
      const cases = [
        ['not an array', 'steps'],
        ['a null step', [good, null]],
        ['a missing name', [good, { action() {} }]],
        ['an empty name', [good, { name: '', action() {} }]],
        ['a duplicate name', [good, { name: 'good', action() {} }]],
        ['a missing action', [good, { name: 'x' }]],
        ['a compensate that is not a function', [good, { name: 'x', action() {}, compensate: 'undo' }]],
      ];
      for (const [label, steps] of cases) {
        await assert.rejects(runSaga(steps), TypeError, `${label} must reject with a TypeError`);
      }
      assert.equal(ran, false, 'validation happens before the first action runs');
    });

    it('rejects with a RangeError when retries is not an integer >= 0', async () => {
      for (const retries of [-1, 1.5, NaN, '2', Infinity]) {
        await assert.rejects(
          runSaga([{ name: 'x', action() {}, retries }]),
          RangeError,
          `retries ${String(retries)} must reject with a RangeError`,
        );
      }
    });
  });
});
