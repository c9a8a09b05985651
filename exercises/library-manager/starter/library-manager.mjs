// Library book manager. Replace every `throw new Error('not implemented')`.
// See README.md for the exact behaviour the tests expect.

/** The error the library throws for bad input and broken rules; `code` says which. */
export class LibraryError extends Error {
  /**
   * @param {'INVALID_BOOK'|'INVALID_ISBN'|'DUPLICATE_ISBN'|'NOT_FOUND'|'UNAVAILABLE'|'NOT_CHECKED_OUT'} code
   * @param {string} message
   */
  constructor(code, message) {
    // TODO: call super, then set name and code.
    throw new Error('not implemented');
  }
}

/**
 * Whether isbn is a valid ISBN-13: hyphens and spaces ignored, then 13 digits starting
 * with 978 or 979 whose weighted checksum is a multiple of 10.
 * @param {unknown} isbn
 * @returns {boolean}
 */
export function isValidIsbn13(isbn) {
  throw new Error('not implemented');
}

/**
 * @typedef {object} Book
 * @property {string} title
 * @property {string} author
 * @property {string} isbn  13 digits, no hyphens or spaces
 * @property {boolean} available
 * @property {number} [year]  only present when it was given to addBook
 */

export class Library {
  // TODO: store the books, keyed by normalized ISBN, remembering the order they were added.

  /** Adds a book and returns a copy of it. Throws LibraryError on bad input or a duplicate. */
  addBook({ title, author, isbn, year } = {}) {
    throw new Error('not implemented');
  }

  /** A copy of the book with this ISBN (any formatting), or undefined. */
  getBook(isbn) {
    throw new Error('not implemented');
  }

  /** How many books the library holds (checked out or not). */
  get size() {
    throw new Error('not implemented');
  }

  /** Copies of the books whose author contains query, ignoring case, in the order added. */
  searchByAuthor(query) {
    throw new Error('not implemented');
  }

  /** Marks a book as checked out and returns a copy of it. */
  checkoutBook(isbn) {
    throw new Error('not implemented');
  }

  /** Marks a checked-out book as available again and returns a copy of it. */
  returnBook(isbn) {
    throw new Error('not implemented');
  }

  /** Copies of the available books, in the order added. */
  listAvailable() {
    throw new Error('not implemented');
  }
}
