// Reference solution: a JSON file store with atomic, serialised writes.
import { open, readFile, rename, rm } from 'node:fs/promises';

export class JsonStore {
  #file;
  #tmp;
  // The committed state: exactly what the file on disk holds. A Map, so that keys
  // such as '__proto__' or 'constructor' are ordinary keys.
  #data;
  // The tail of the write queue. Every operation waits for the one before it.
  #tail = Promise.resolve();

  constructor(file, data) {
    this.#file = file;
    this.#tmp = `${file}.tmp`;
    this.#data = data;
  }

  static async open(file) {
    // A leftover temp file means a write crashed before its rename. That write never
    // resolved, so nobody was told it succeeded: drop it. The main file is always a
    // complete earlier version, because rename() replaces it in one step.
    await rm(`${file}.tmp`, { force: true });

    let text;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (error.code === 'ENOENT') return new JsonStore(file, new Map());
      throw error;
    }
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`corrupt store file: ${file}`, { cause: error });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`corrupt store file: ${file}`);
    }
    return new JsonStore(file, new Map(Object.entries(parsed)));
  }

  get(key) {
    return this.#data.get(key);
  }

  async set(key, value) {
    if (typeof key !== 'string' || key === '') throw new TypeError('key must be a non-empty string');
    if (value === undefined) throw new TypeError('value must not be undefined; use delete()');
    // Serialise now, at call time: memory then holds exactly what the file will hold
    // (a Date becomes a string), and changes the caller makes to `value` after this
    // call do not leak in. JSON.stringify throws a TypeError for BigInt and cycles.
    const stored = JSON.parse(JSON.stringify(value));
    return this.#enqueue(() => this.#commit(new Map(this.#data).set(key, stored)));
  }

  async delete(key) {
    return this.#enqueue(async () => {
      // Decided at this operation's turn, after every earlier write has applied.
      if (!this.#data.has(key)) return false;
      const next = new Map(this.#data);
      next.delete(key);
      await this.#commit(next);
      return true;
    });
  }

  // Runs `task` after every earlier operation has settled, successfully or not.
  #enqueue(task) {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => {}); // a failure must not block the queue
    return result;
  }

  // Writes `next` to disk atomically, then makes it the committed state.
  async #commit(next) {
    const text = `${JSON.stringify(Object.fromEntries(next), null, 2)}\n`;
    try {
      const handle = await open(this.#tmp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        // Without fsync the rename can reach the disk before the data does; after
        // a power cut the file would then exist but be empty.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(this.#tmp, this.#file);
    } catch (error) {
      await rm(this.#tmp, { force: true }).catch(() => {});
      throw error;
    }
    // Only now is the new state real. (For full durability you would also fsync
    // the folder, so the rename itself survives a crash.)
    this.#data = next;
  }
}
