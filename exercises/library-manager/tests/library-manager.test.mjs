import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Library, LibraryError, isValidIsbn13 } from './library-manager.mjs';

const DDIA = { title: 'Designing Data-Intensive Applications', author: 'Martin Kleppmann', isbn: '978-1-4493-7332-0' };
const GOOD_PARTS = { title: 'JavaScript: The Good Parts', author: 'Douglas Crockford', isbn: '9780596517748' };
const CLRS = { title: 'Introduction to Algorithms', author: 'Thomas H. Cormen', isbn: '978 0 262 03384 8' };
const CLEAN_ARCH = { title: 'Clean Architecture', author: 'Robert C. Martin', isbn: '9780134494166' };

function stocked() {
  const library = new Library();
  for (const book of [DDIA, GOOD_PARTS, CLRS, CLEAN_ARCH]) library.addBook(book);
  return library;
}

// An assert.throws validator: a LibraryError carrying this code.
const libraryError = (code) => (err) => {
  assert.ok(err instanceof LibraryError, `expected a LibraryError, got ${err?.name}: ${err?.message}`);
  assert.equal(err.code, code, `expected code ${code}, got ${err.code} (${err.message})`);
  return true;
};

describe('isValidIsbn13', () => {
  it('accepts valid ISBN-13s, with or without hyphens and spaces', () => {
    for (const isbn of ['9780306406157', '978-0-306-40615-7', '978 0 306 40615 7', '979-10-90636-07-1', '9781449373320']) {
      assert.equal(isValidIsbn13(isbn), true, `${isbn} is valid`);
    }
  });

  it('rejects a wrong check digit, the wrong length, other characters and prefixes other than 978 and 979', () => {
    const cases = [
      ['9780306406158', 'wrong check digit'],
      ['9780306406517', 'two digits swapped (the checksum catches most of these)'],
      ['978030640615', '12 digits'],
      ['97803064061570', '14 digits'],
      ['978030640615X', 'X is only a check digit in ISBN-10'],
      ['978.0.306.40615.7', 'dots are not separators'],
      ['4006381333931', 'a valid EAN-13 barcode, but not a book'],
      ['9770306406158', '977 is the prefix for periodicals (ISSN)'],
      ['', 'empty'],
      [9780306406157, 'a number, not a string'],
    ];
    for (const [isbn, why] of cases) {
      assert.equal(isValidIsbn13(isbn), false, `${String(isbn)} must be rejected: ${why}`);
    }
  });
});

describe('Library', () => {
  describe('addBook', () => {
    it('stores an available book with a normalized ISBN and trimmed title and author', () => {
      const library = new Library();
      const book = library.addBook({ title: '  Designing Data-Intensive Applications ', author: 'Martin Kleppmann  ', isbn: DDIA.isbn });
      const expected = { title: DDIA.title, author: DDIA.author, isbn: '9781449373320', available: true };
      assert.deepEqual(book, expected, 'the ISBN is stored as 13 digits, without hyphens');
      assert.deepEqual(library.getBook('9781449373320'), expected);
      assert.deepEqual(library.getBook('978-1-4493-7332-0'), expected, 'lookups accept any formatting');
      assert.equal(library.getBook('9780306406157'), undefined, 'unknown ISBN');
      assert.equal(library.size, 1);
    });

    it('year is optional: left out unless given, and must be an integer when given', () => {
      const library = new Library();
      const withYear = library.addBook({ ...GOOD_PARTS, year: 2008 });
      const withoutYear = library.addBook(CLRS);
      assert.equal(withYear.year, 2008);
      assert.equal('year' in withoutYear, false, 'an optional property that was not given must be absent, not undefined');
      for (const year of ['2008', 2008.5, null]) {
        assert.throws(() => library.addBook({ ...CLEAN_ARCH, year }), libraryError('INVALID_BOOK'), `year ${String(year)}`);
      }
    });

    it('throws a LibraryError with code INVALID_BOOK or INVALID_ISBN for bad input', () => {
      const library = new Library();
      for (const bad of [{ ...DDIA, title: '' }, { ...DDIA, title: '   ' }, { ...DDIA, author: undefined }, { ...DDIA, author: 42 }]) {
        assert.throws(() => library.addBook(bad), libraryError('INVALID_BOOK'), JSON.stringify(bad));
      }
      for (const isbn of ['9781449373321', '123', undefined]) {
        assert.throws(() => library.addBook({ ...DDIA, isbn }), libraryError('INVALID_ISBN'), `isbn ${String(isbn)}`);
      }
      const err = (() => {
        try {
          library.addBook({ ...DDIA, isbn: '123' });
        } catch (e) {
          return e;
        }
      })();
      assert.ok(err instanceof Error, 'LibraryError must extend Error');
      assert.equal(err.name, 'LibraryError');
      assert.ok(err.message.length > 0, 'the error needs a human-readable message');
      assert.equal(library.size, 0, 'nothing is stored when addBook throws');
    });

    it('rejects the same ISBN twice, even when it is formatted differently', () => {
      const library = new Library();
      library.addBook(DDIA);
      assert.throws(
        () => library.addBook({ title: 'Another title', author: 'Someone', isbn: '9781449373320' }),
        libraryError('DUPLICATE_ISBN'),
      );
      assert.equal(library.size, 1);
    });
  });

  describe('searchByAuthor', () => {
    it('matches part of the author name, ignoring case, in the order the books were added', () => {
      const library = stocked();
      assert.deepEqual(library.searchByAuthor('martin').map((b) => b.title), [DDIA.title, CLEAN_ARCH.title]);
      assert.deepEqual(library.searchByAuthor('  CROCK ').map((b) => b.title), [GOOD_PARTS.title], 'the query is trimmed');
      assert.deepEqual(library.searchByAuthor('thomas h. cormen')[0].isbn, '9780262033848');
    });

    it('returns an empty array when nothing matches or the query is blank', () => {
      const library = stocked();
      assert.deepEqual(library.searchByAuthor('Knuth'), []);
      assert.deepEqual(library.searchByAuthor(''), [], 'a blank query matches nothing, not everything');
      assert.deepEqual(library.searchByAuthor('   '), []);
      assert.throws(() => library.searchByAuthor(undefined), TypeError, 'the query must be a string');
    });
  });

  describe('checkout and return', () => {
    it('checkoutBook marks the book unavailable, and listAvailable leaves it out', () => {
      const library = stocked();
      const book = library.checkoutBook('978-0-596-51774-8');
      assert.equal(book.available, false, 'checkoutBook returns the updated book');
      assert.equal(library.getBook(GOOD_PARTS.isbn).available, false);
      assert.deepEqual(
        library.listAvailable().map((b) => b.title),
        [DDIA.title, CLRS.title, CLEAN_ARCH.title],
        'available books, in the order they were added',
      );
      assert.equal(library.searchByAuthor('crockford').length, 1, 'search still finds checked-out books');
    });

    it('checking out a book that is out or unknown throws UNAVAILABLE or NOT_FOUND', () => {
      const library = stocked();
      library.checkoutBook(DDIA.isbn);
      assert.throws(() => library.checkoutBook(DDIA.isbn), libraryError('UNAVAILABLE'));
      assert.throws(() => library.checkoutBook('9780306406157'), libraryError('NOT_FOUND'), 'valid ISBN, not in the library');
      assert.throws(() => library.checkoutBook('nonsense'), libraryError('NOT_FOUND'));
      assert.equal(library.getBook(DDIA.isbn).available, false, 'the failed second checkout changes nothing');
    });

    it('returnBook makes the book available again; returning one that is not out throws', () => {
      const library = stocked();
      library.checkoutBook(CLRS.isbn);
      const returned = library.returnBook('9780262033848');
      assert.equal(returned.available, true);
      assert.equal(library.listAvailable().length, 4);
      assert.throws(() => library.returnBook(CLRS.isbn), libraryError('NOT_CHECKED_OUT'), 'already returned');
      assert.throws(() => library.returnBook('9780306406157'), libraryError('NOT_FOUND'));
      library.checkoutBook(CLRS.isbn);
      assert.equal(library.getBook(CLRS.isbn).available, false, 'a returned book can be checked out again');
    });

    it('hands out copies: changing a returned book does not change the library', () => {
      const library = stocked();
      const added = library.addBook({ title: 'Refactoring', author: 'Martin Fowler', isbn: '9780134757599' });
      added.available = false;
      library.getBook('9780134757599').title = 'changed';
      library.listAvailable()[0].available = false;
      library.searchByAuthor('fowler')[0].author = 'changed';
      library.checkoutBook(GOOD_PARTS.isbn).available = true;
      assert.deepEqual(library.getBook('9780134757599'), {
        title: 'Refactoring',
        author: 'Martin Fowler',
        isbn: '9780134757599',
        available: true,
      });
      assert.equal(library.getBook(DDIA.isbn).available, true);
      assert.equal(library.getBook(GOOD_PARTS.isbn).available, false);
    });
  });
});
