// Reference solution: an orchestrated saga. Steps run one after another; when a step
// fails for good, the steps that already completed are undone in reverse order.

// Checks the whole list before anything runs: a saga that fails validation halfway
// through would have side effects to undo.
function validateSteps(steps) {
  if (!Array.isArray(steps)) throw new TypeError('steps must be an array');
  const names = new Set();
  for (const [index, step] of steps.entries()) {
    if (step === null || typeof step !== 'object') {
      throw new TypeError(`step ${index} must be an object`);
    }
    const { name, action, compensate, retries = 0 } = step;
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(`step ${index} needs a non-empty string name`);
    }
    if (names.has(name)) throw new TypeError(`duplicate step name "${name}"`);
    names.add(name);
    if (typeof action !== 'function') throw new TypeError(`step "${name}": action must be a function`);
    if (compensate !== undefined && typeof compensate !== 'function') {
      throw new TypeError(`step "${name}": compensate must be a function when given`);
    }
    if (!Number.isInteger(retries) || retries < 0) {
      throw new RangeError(`step "${name}": retries must be an integer >= 0, got ${String(retries)}`);
    }
  }
}

export async function runSaga(steps, { ctx = {} } = {}) {
  validateSteps(steps);

  const completed = [];
  for (const step of steps) {
    const retries = step.retries ?? 0;
    let lastError;
    let succeeded = false;
    for (let attempt = 0; attempt <= retries && !succeeded; attempt++) {
      try {
        // `await` inside try turns a synchronous throw and a rejection into the same catch.
        await step.action(ctx);
        succeeded = true;
      } catch (error) {
        lastError = error;
      }
    }

    if (succeeded) {
      completed.push(step);
      continue;
    }

    // The failed step did not complete, so it has nothing to undo. Compensate the
    // others newest first, and keep going when one compensation fails: stopping would
    // leave even more of the system in a half-done state.
    const compensated = [];
    const compensationErrors = [];
    for (const done of [...completed].reverse()) {
      if (done.compensate === undefined) continue;
      try {
        await done.compensate(ctx);
        compensated.push(done.name);
      } catch (error) {
        compensationErrors.push({ step: done.name, error });
      }
    }

    return {
      status: compensationErrors.length === 0 ? 'compensated' : 'compensation-failed',
      completed: completed.map((s) => s.name),
      failedStep: step.name,
      error: lastError,
      compensated,
      compensationErrors,
    };
  }

  return {
    status: 'completed',
    completed: completed.map((s) => s.name),
    failedStep: null,
    error: null,
    compensated: [],
    compensationErrors: [],
  };
}
