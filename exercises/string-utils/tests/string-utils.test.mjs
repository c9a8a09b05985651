import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { capitalize, reverse, isPalindrome, countWords, truncate } from './string-utils.mjs';

// Test strings with combining marks are written with escapes, so an editor that
// normalizes text cannot silently change them.
const E_ACUTE = 'e\u0301'; // 'é' as two code points: e + combining acute accent
const THUMBS = '\u{1F44D}\u{1F3FD}'; // 👍🏽: thumbs up + medium skin tone
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧: three emoji joined by ZWJ
const FR = '\u{1F1EB}\u{1F1F7}'; // 🇫🇷
const DE = '\u{1F1E9}\u{1F1EA}'; // 🇩🇪

// Shows invisible structure in assertion messages: 'e\u0301' instead of 'é'.
const show = (s) => JSON.stringify(s).replace(/[\u0300-\u036f\u200d]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('capitalize', () => {
  it('upper-cases the first character and leaves the rest as it is', () => {
    assert.equal(capitalize('hello world'), 'Hello world');
    assert.equal(capitalize('hELLO'), 'HELLO', 'the rest must not be lower-cased');
    assert.equal(capitalize('élan'), 'Élan');
    assert.equal(capitalize('привет'), 'Привет');
  });

  it('handles the empty string, a leading non-letter and a first letter with a combining mark', () => {
    assert.equal(capitalize(''), '');
    assert.equal(capitalize(' hi'), ' hi', 'only the very first character is touched');
    assert.equal(capitalize('1st place'), '1st place');
    assert.equal(capitalize(`${THUMBS} yes`), `${THUMBS} yes`);
    assert.equal(
      capitalize('\u{10428}x'),
      '\u{10400}x',
      'a letter outside the BMP (Deseret) is two code units: str[0] is only half of it',
    );
    const result = capitalize(`${E_ACUTE}cole`);
    assert.equal(result, `E\u0301cole`, `got ${show(result)}: keep the accent on the capital E`);
  });
});

describe('reverse', () => {
  it('reverses plain strings and returns the empty string unchanged', () => {
    assert.equal(reverse('abc'), 'cba');
    assert.equal(reverse('racecar'), 'racecar');
    assert.equal(reverse('a'), 'a');
    assert.equal(reverse(''), '');
  });

  it('keeps surrogate pairs, emoji sequences, flags and combining marks intact', () => {
    const cases = [
      ['ab\u{1F600}', '\u{1F600}ba', 'a surrogate pair must not be split (str.split("") breaks it)'],
      [`${THUMBS}!`, `!${THUMBS}`, 'an emoji with a skin tone modifier is one character'],
      [`${FAMILY} and me`, `em dna ${FAMILY}`, 'a ZWJ sequence is one character'],
      [`${FR}${DE}`, `${DE}${FR}`, 'a flag is two regional indicators that stay together'],
      [`no${E_ACUTE}l`, `l${E_ACUTE}on`, 'the accent must stay on its e (Array.from moves it to the l)'],
    ];
    for (const [input, expected, why] of cases) {
      const actual = reverse(input);
      assert.equal(actual, expected, `reverse(${show(input)}) gave ${show(actual)}: ${why}`);
    }
  });
});

describe('isPalindrome', () => {
  it('ignores case, spaces and punctuation', () => {
    for (const s of ['racecar', 'Racecar', 'A man, a plan, a canal: Panama', 'Was it a car or a cat I saw?', 'No lemon, no melon', '12321']) {
      assert.equal(isPalindrome(s), true, `${JSON.stringify(s)} is a palindrome`);
    }
  });

  it('returns false for non-palindromes and true when no letters or digits are left', () => {
    for (const s of ['hello', 'ab', 'palindrome', '123', 'race a car']) {
      assert.equal(isPalindrome(s), false, `${JSON.stringify(s)} is not a palindrome`);
    }
    assert.equal(isPalindrome(''), true, 'the empty string reads the same both ways');
    assert.equal(isPalindrome('?! ...'), true, 'nothing left after removing punctuation');
  });

  it('works for other scripts and ignores accents', () => {
    assert.equal(isPalindrome('А роза упала на лапу Азора'), true, 'Cyrillic letters count as letters');
    assert.equal(isPalindrome('Ésope reste ici et se repose'), true, 'É compares equal to e');
    assert.equal(isPalindrome(`${E_ACUTE}t${E_ACUTE}`), true, 'a decomposed é is one letter, not a letter and a symbol');
    assert.equal(isPalindrome('été'), true, 'a precomposed é works too');
  });
});

describe('countWords', () => {
  it('counts words separated by any whitespace or punctuation', () => {
    assert.equal(countWords('hello world'), 2);
    assert.equal(countWords('  hello   world  '), 2, 'leading, trailing and repeated spaces do not make words');
    assert.equal(countWords('one\ttwo\nthree'), 3, 'tabs and newlines separate words');
    assert.equal(countWords('one,two;three...four!'), 4, 'punctuation separates words');
    assert.equal(countWords('Привет, мир!'), 2);
    assert.equal(countWords(`${E_ACUTE}cole primaire`), 2, 'a combining mark belongs to its word');
  });

  it('keeps apostrophes and hyphens inside a word', () => {
    assert.equal(countWords("don't stop"), 2);
    assert.equal(countWords('it’s a state-of-the-art design'), 4, 'curly apostrophe and hyphenated words');
    assert.equal(countWords('well - known'), 2, 'a hyphen between spaces is not part of a word');
    assert.equal(countWords("rock 'n' roll"), 3);
  });

  it('returns 0 when there are no words', () => {
    for (const s of ['', '   ', '\n\t', '-- ... !!!', `\u{1F600} \u{1F389}`]) {
      assert.equal(countWords(s), 0, `${show(s)} has no words`);
    }
  });
});

describe('truncate', () => {
  it('returns the string unchanged when it fits in n characters', () => {
    assert.equal(truncate('hello', 10), 'hello');
    assert.equal(truncate('hello', 5), 'hello', 'exactly n characters still fits');
    assert.equal(truncate('', 3), '');
  });

  it('cuts to exactly n characters including the suffix, which defaults to "..."', () => {
    assert.equal(truncate('hello world', 8), 'hello...');
    assert.equal(truncate('hello world', 6, '…'), 'hello…');
    assert.equal(truncate('hello world', 5, ''), 'hello');
    assert.equal(truncate('abcd', 3), '...', 'when n equals the suffix length, only the suffix is left');
  });

  it('counts graphemes, so it never splits an emoji or a combining sequence', () => {
    assert.equal(truncate(THUMBS.repeat(4), 3, '…'), `${THUMBS}${THUMBS}…`);
    assert.equal(truncate(E_ACUTE.repeat(3), 2, ''), E_ACUTE.repeat(2));
    assert.equal(truncate(`${FAMILY}${FAMILY}`, 2, ''), `${FAMILY}${FAMILY}`, 'two family emoji are two characters');
  });

  it('throws a RangeError when n is not an integer or is shorter than the suffix', () => {
    for (const n of [-1, 1.5, NaN, Infinity, '5', undefined]) {
      assert.throws(() => truncate('hello', n), RangeError, `n = ${String(n)}`);
    }
    assert.throws(() => truncate('hello world', 2), RangeError, 'the default suffix "..." needs n >= 3');
    assert.throws(() => truncate('hi', 2), RangeError, 'checked even when the string would fit');
  });
});

describe('every function', () => {
  it('throws a TypeError for input that is not a string', () => {
    const fns = { capitalize, reverse, isPalindrome, countWords, truncate: (s) => truncate(s, 5) };
    for (const [name, fn] of Object.entries(fns)) {
      for (const bad of [null, undefined, 42, ['a'], { toString: () => 'x' }]) {
        assert.throws(() => fn(bad), TypeError, `${name}(${String(bad)}) must throw a TypeError`);
      }
    }
    assert.throws(() => truncate('hello world', 5, 0), TypeError, 'the suffix must be a string too');
  });
});
