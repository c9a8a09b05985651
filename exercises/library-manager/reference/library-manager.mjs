// Reference solution: an in-memory library catalogue with ISBN-13 validation and
// checkout/return rules.

export class LibraryError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LibraryError';
    this.code = code;
  }
}

// '978-0-306-40615-7' and '978 0 306 40615 7' both become '9780306406157'.
const normalizeIsbn = (isbn) => isbn.replace(/[-\s]/g, '');

export function isValidIsbn13(isbn) {
  if (typeof isbn !== 'string') return false;
  const digits = normalizeIsbn(isbn);
  if (!/^97[89]\d{10}$/.test(digits)) return false;
  // Weights alternate 1, 3, 1, 3, ... over all 13 digits (the last one is the check
  // digit), and the weighted sum of a valid ISBN-13 is a multiple of 10.
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

const isBlank = (value) => typeof value !== 'string' || value.trim() === '';

// The library hands out copies so callers cannot flip `available` behind its back.
const copy = (book) => ({ ...book });

export class Library {
  #books = new Map(); // normalized ISBN -> book, in the order they were added

  addBook({ title, author, isbn, year } = {}) {
    if (isBlank(title)) throw new LibraryError('INVALID_BOOK', 'title must be a non-empty string');
    if (isBlank(author)) throw new LibraryError('INVALID_BOOK', 'author must be a non-empty string');
    if (year !== undefined && !Number.isInteger(year)) {
      throw new LibraryError('INVALID_BOOK', `year must be an integer, got ${String(year)}`);
    }
    if (!isValidIsbn13(isbn)) throw new LibraryError('INVALID_ISBN', `invalid ISBN-13: ${String(isbn)}`);
    const key = normalizeIsbn(isbn);
    if (this.#books.has(key)) throw new LibraryError('DUPLICATE_ISBN', `a book with ISBN ${key} already exists`);

    const book = { title: title.trim(), author: author.trim(), isbn: key, available: true };
    // An optional property is left out entirely, not stored as `year: undefined`.
    if (year !== undefined) book.year = year;
    this.#books.set(key, book);
    return copy(book);
  }

  #find(isbn) {
    return typeof isbn === 'string' ? this.#books.get(normalizeIsbn(isbn)) : undefined;
  }

  #require(isbn) {
    const book = this.#find(isbn);
    if (book === undefined) throw new LibraryError('NOT_FOUND', `no book with ISBN ${String(isbn)}`);
    return book;
  }

  getBook(isbn) {
    const book = this.#find(isbn);
    return book && copy(book);
  }

  get size() {
    return this.#books.size;
  }

  searchByAuthor(query) {
    if (typeof query !== 'string') throw new TypeError('query must be a string');
    const needle = query.trim().toLowerCase();
    if (needle === '') return [];
    return [...this.#books.values()].filter((b) => b.author.toLowerCase().includes(needle)).map(copy);
  }

  checkoutBook(isbn) {
    const book = this.#require(isbn);
    if (!book.available) throw new LibraryError('UNAVAILABLE', `"${book.title}" is already checked out`);
    book.available = false;
    return copy(book);
  }

  returnBook(isbn) {
    const book = this.#require(isbn);
    if (book.available) throw new LibraryError('NOT_CHECKED_OUT', `"${book.title}" is not checked out`);
    book.available = true;
    return copy(book);
  }

  listAvailable() {
    return [...this.#books.values()].filter((b) => b.available).map(copy);
  }
}
