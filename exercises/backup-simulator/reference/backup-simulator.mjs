// Reference solution: back up files with an injected async copy function, one at a
// time, all at once, or with a concurrency limit, tracking every file's state.

const STRATEGIES = new Set(['sequential', 'parallel', 'limited']);

function validate(files, { copy, strategy, concurrency }) {
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && f !== '')) {
    throw new TypeError('files must be an array of non-empty strings');
  }
  if (new Set(files).size !== files.length) throw new TypeError('file names must be unique');
  if (typeof copy !== 'function') throw new TypeError('copy must be a function');
  if (!STRATEGIES.has(strategy)) {
    throw new RangeError(`strategy must be one of ${[...STRATEGIES].join(', ')}, got ${String(strategy)}`);
  }
  if (strategy === 'limited' && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new RangeError(`concurrency must be an integer >= 1, got ${String(concurrency)}`);
  }
}

export function startBackup(files, { copy, strategy = 'sequential', concurrency = 2, now = Date.now } = {}) {
  validate(files, { copy, strategy, concurrency });

  const startedAt = now();
  const status = files.map(() => 'pending'); // status[i] belongs to files[i]
  const errors = new Map(); // index -> the value the copy failed with

  // Backs up one file. It never rejects: a failure is recorded, not thrown, so that
  // every strategy below can treat "this file is finished" the same way.
  const backUp = async (index) => {
    status[index] = 'processing';
    try {
      // Inside try, `await` catches both a rejected promise and a synchronous throw.
      await copy(files[index]);
      status[index] = 'done';
    } catch (error) {
      status[index] = 'failed';
      errors.set(index, error);
    }
  };

  let work;
  if (strategy === 'sequential') {
    work = (async () => {
      for (let i = 0; i < files.length; i++) await backUp(i);
    })();
  } else if (strategy === 'parallel') {
    // Promise.all would reject on the first failure and stop waiting for the rest.
    // backUp never rejects, so here it simply waits for every file.
    work = Promise.all(files.map((_, i) => backUp(i)));
  } else {
    // `concurrency` workers pull the next index from a shared counter. Each worker
    // starts its next file as soon as its current one is finished.
    let next = 0;
    const worker = async () => {
      while (next < files.length) await backUp(next++);
    };
    work = Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  }

  const pick = (wanted) => files.filter((_, i) => status[i] === wanted);

  const finished = work.then(() => {
    const failed = [...errors.keys()].sort((a, b) => a - b).map((i) => ({ file: files[i], error: errors.get(i) }));
    return { ok: failed.length === 0, done: pick('done'), failed, durationMs: now() - startedAt };
  });

  return {
    snapshot: () => ({
      pending: pick('pending'),
      processing: pick('processing'),
      done: pick('done'),
      failed: pick('failed'),
    }),
    finished,
  };
}
