// Reference solution: small string helpers that are correct for all of Unicode, not
// only for ASCII.
//
// JavaScript strings are sequences of UTF-16 code units. '😀'.length is 2 (a surrogate
// pair), and what a reader sees as one character can be several code points: 'é'
// written as 'e' + U+0301 (combining acute accent), '👍🏽' (thumbs up + skin tone), or
// '🇫🇷' (two regional indicator letters). Intl.Segmenter splits a string into these
// user-perceived characters, called grapheme clusters.

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemes(str) {
  return Array.from(graphemeSegmenter.segment(str), ({ segment }) => segment);
}

function assertString(value, name = 'str') {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
}

export function capitalize(str) {
  assertString(str);
  const [first = '', ...rest] = graphemes(str);
  return first.toUpperCase() + rest.join('');
}

export function reverse(str) {
  assertString(str);
  return graphemes(str).reverse().join('');
}

export function isPalindrome(str) {
  assertString(str);
  // Lower-case, split accented letters into letter + mark (NFD) and drop the marks, so
  // 'É' compares equal to 'e'; then keep only letters and digits, in any script.
  const letters = str
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
  const codePoints = Array.from(letters);
  for (let i = 0, j = codePoints.length - 1; i < j; i++, j--) {
    if (codePoints[i] !== codePoints[j]) return false;
  }
  return true;
}

// A run of letters, combining marks and digits; runs joined by one apostrophe or hyphen
// ("don't", "state-of-the-art") stay a single word.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

export function countWords(str) {
  assertString(str);
  return str.match(WORD)?.length ?? 0;
}

export function truncate(str, n, suffix = '...') {
  assertString(str);
  assertString(suffix, 'suffix');
  const suffixLength = graphemes(suffix).length;
  if (!Number.isInteger(n) || n < suffixLength) {
    throw new RangeError(`n must be an integer >= ${suffixLength} (the length of the suffix), got ${String(n)}`);
  }
  const chars = graphemes(str);
  if (chars.length <= n) return str;
  return chars.slice(0, n - suffixLength).join('') + suffix;
}
