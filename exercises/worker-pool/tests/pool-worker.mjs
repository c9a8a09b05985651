// The worker script the tests give to WorkerPool. It handles one task per message and
// posts one result back. The shared Int32Array (on a SharedArrayBuffer) lets a test see
// what the worker threads are doing and release them, without sleeping.
import { parentPort, threadId } from 'node:worker_threads';

// Slots of the shared Int32Array.
export const RUNNING = 0; // 'hold' tasks running right now
export const PEAK = 1; // the most 'hold' tasks ever running at once
export const STARTED = 2; // 'hold' and 'spin' tasks started so far
export const SPINS = 3; // grows while a 'spin' task runs
export const FIRST_GATE = 4; // gate i is slot FIRST_GATE + i: a 'hold' task waits until it is non-zero

function hold({ shared, gate, result }) {
  const running = Atomics.add(shared, RUNNING, 1) + 1;
  let peak = Atomics.load(shared, PEAK);
  while (running > peak) {
    const seen = Atomics.compareExchange(shared, PEAK, peak, running);
    if (seen === peak) break;
    peak = seen;
  }
  Atomics.add(shared, STARTED, 1);
  Atomics.notify(shared, STARTED);
  // Block this thread until the test opens the gate (5 s at most, in case it never does).
  Atomics.wait(shared, FIRST_GATE + gate, 0, 5000);
  Atomics.sub(shared, RUNNING, 1);
  return result;
}

function spin({ shared }) {
  Atomics.add(shared, STARTED, 1);
  Atomics.notify(shared, STARTED);
  // Busy forever: only worker.terminate() can stop this.
  for (;;) Atomics.add(shared, SPINS, 1);
}

// When the test runner runs this file on its own (every file listed in `tests` is), it is
// the main thread: there is no parentPort and nothing to do.
parentPort?.on('message', (task) => {
  switch (task.op) {
    case 'square':
      parentPort.postMessage(task.value * task.value);
      break;
    case 'whoami':
      parentPort.postMessage(threadId);
      break;
    case 'hold':
      parentPort.postMessage(hold(task));
      break;
    case 'spin':
      spin(task);
      break;
    case 'throw':
      throw new Error(task.message); // uncaught: the worker emits 'error' and exits
    case 'exit':
      process.exit(task.code); // in a worker this ends the thread, not the process
    default:
      throw new Error(`unknown op ${task.op}`);
  }
});
