// Reference solution: schedule named callbacks with Node's real queues and record the
// order in which they run.
//
// The work is small on purpose: the lesson is in which API lands in which queue, and in
// starting from a clean macrotask so that the order does not depend on the caller.

import { stat } from 'node:fs';

// via -> a function that arranges for `callback` to run through that mechanism.
// A Map, so that names such as 'toString' or '__proto__' are simply unknown.
const SCHEDULERS = new Map([
  ['sync', (callback) => callback()],
  ['nextTick', (callback) => process.nextTick(callback)],
  ['queueMicrotask', (callback) => queueMicrotask(callback)],
  ['promise', (callback) => void Promise.resolve().then(callback)],
  ['setTimeout', (callback) => void setTimeout(callback, 0)],
  ['setImmediate', (callback) => void setImmediate(callback)],
  // Any asynchronous fs callback API will do; the result itself does not matter.
  ['fs', (callback) => stat(process.cwd(), () => callback())],
]);

// Checks a list of tasks and its nested lists; returns how many tasks there are in all.
function countTasks(tasks, where) {
  if (!Array.isArray(tasks)) throw new TypeError(`${where} must be an array of tasks`);
  let count = 0;
  tasks.forEach((task, i) => {
    const here = `${where}[${i}]`;
    if (task === null || typeof task !== 'object') throw new TypeError(`${here} must be an object`);
    if (typeof task.name !== 'string') throw new TypeError(`${here}.name must be a string`);
    if (!SCHEDULERS.has(task.via)) {
      throw new TypeError(`${here}.via: unknown value ${JSON.stringify(task.via)}`);
    }
    count += 1;
    if (task.then !== undefined) count += countTasks(task.then, `${here}.then`);
  });
  return count;
}

export async function observeOrder(scenario) {
  // Validate everything before scheduling anything. A throw inside an async function
  // becomes a rejected promise for the caller.
  const total = countTasks(scenario, 'scenario');
  const order = [];
  if (total === 0) return order;

  return new Promise((resolve) => {
    const schedule = (tasks) => {
      for (const task of tasks) {
        SCHEDULERS.get(task.via)(() => {
          order.push(task.name);
          if (task.then) schedule(task.then);
          if (order.length === total) resolve(order);
        });
      }
    };
    // Start from a clean macrotask. Called from an async function or from the top level
    // of an ES module, we would be running inside a microtask, and promise callbacks would
    // then run before nextTick callbacks. Inside a setImmediate callback both queues are
    // empty, and Node drains nextTicks first, then microtasks, when the callback returns.
    setImmediate(() => schedule(scenario));
  });
}
