// String utilities that work for all of Unicode. Replace every
// `throw new Error('not implemented')`. See README.md for the exact rules.
//
// Every function throws a TypeError when its string argument is not a string.
// "Character" below means a grapheme cluster: what a reader sees as one character.
// Intl.Segmenter with { granularity: 'grapheme' } splits a string into them.

/** Upper-cases the first character; the rest stays as it is. */
export function capitalize(str) {
  throw new Error('not implemented');
}

/** Reverses the characters, keeping emoji and accented letters intact. */
export function reverse(str) {
  throw new Error('not implemented');
}

/** Whether str reads the same both ways, ignoring case, accents, spaces and punctuation. */
export function isPalindrome(str) {
  throw new Error('not implemented');
}

/** The number of words: runs of letters, marks and digits, with inner ' ’ or - allowed. */
export function countWords(str) {
  throw new Error('not implemented');
}

/**
 * Shortens str to at most n characters, ending with suffix when it had to cut.
 * @param {string} str
 * @param {number} n  an integer >= the number of characters in suffix, else RangeError
 * @param {string} [suffix='...']
 */
export function truncate(str, n, suffix = '...') {
  throw new Error('not implemented');
}
