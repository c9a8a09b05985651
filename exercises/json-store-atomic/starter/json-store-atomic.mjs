// A JSON file store with atomic, serialised writes. Replace every `throw` below.
// See README.md for the exact behaviour the tests expect.

export class JsonStore {
  /**
   * Load the store kept in `file` (which may not exist yet).
   * @param {string} file
   * @returns {Promise<JsonStore>}
   */
  static async open(file) {
    // TODO: remove a leftover `${file}.tmp`, read and parse the file, return a new JsonStore.
    throw new Error('not implemented');
  }

  /**
   * @param {string} key
   * @returns {unknown} the committed value, or undefined
   */
  get(key) {
    throw new Error('not implemented');
  }

  /**
   * @param {string} key
   * @param {unknown} value  anything JSON can represent
   * @returns {Promise<void>} resolves once the new file is in place
   */
  async set(key, value) {
    // TODO: queue behind earlier writes, then write `${file}.tmp`, fsync it, rename it over file.
    throw new Error('not implemented');
  }

  /**
   * @param {string} key
   * @returns {Promise<boolean>} whether the key existed
   */
  async delete(key) {
    throw new Error('not implemented');
  }
}
