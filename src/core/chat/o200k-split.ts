// The o200k pre-tokenizer (gpt-tokenizer's O200K_TOKEN_SPLIT_REGEX, which is tiktoken's), as a hand-written scanner
// for ASCII text with the regex itself for everything else. Running the regex once per piece (~2,500 pieces in
// 10,000 characters of code) was half the cost of counting a new text; the scanner does the same work in a
// fraction of it. It gives the regex's pieces exactly (test/unit/chat/o200k-split.test.ts compares both on a
// corpus and on random text): it decides a piece only from ASCII characters, whose classes are plain (letters
// A-Z a-z, digits 0-9, whitespace \t \n \v \f \r and space), and hands the piece to the regex as soon as it
// would have to classify any other character (é is a letter, ٣ a digit, U+00A0 whitespace...).
//
// The regex, alternative by alternative (P = one character that is not \r, \n, a letter or a digit):
//   1  P? [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]* [\p{Ll}\p{Lm}\p{Lo}\p{M}]+ contraction?   in ASCII: P? [A-Z]* [a-z]+ 's?
//   2  P? [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+ [\p{Ll}\p{Lm}\p{Lo}\p{M}]* contraction?   in ASCII: P? [A-Z]+ 's?
//   3  \p{N}{1,3}
//   4  ' '? [^\s\p{L}\p{N}]+ [\r\n/]*
//   5  \s* [\r\n]+          = a whitespace run up to and including its last line break
//   6  \s+ (?!\S)           = a whitespace run, less its last character when something follows it
//   7  \s+                  = (reached only for a single whitespace character before a non-space)

const UPPER = 1;
const LOWER = 2;
const DIGIT = 4;
const SPACE = 8;
const NEWLINE = 16; // \r and \n, which are also SPACE
const OTHER = 32; // not whitespace, letter or digit
/** Any character from U+0080 on: the scanner does not classify it. */
const NON_ASCII = 128;
/** Past the end of the text: in no class. */
const END = 0;

const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 65 && c <= 90) CLASS[c] = UPPER;
  else if (c >= 97 && c <= 122) CLASS[c] = LOWER;
  else if (c >= 48 && c <= 57) CLASS[c] = DIGIT;
  else if (c === 10 || c === 13) CLASS[c] = SPACE | NEWLINE;
  else if (c === 9 || c === 11 || c === 12 || c === 32) CLASS[c] = SPACE;
  else CLASS[c] = OTHER;
}
const LETTER = UPPER | LOWER;
const APOSTROPHE = 39;

/**
 * Where the piece that starts at `start` ends, or -1 when deciding it needs a character outside ASCII.
 * `start` must be inside the text.
 */
export function asciiPieceEnd(text: string, start: number): number {
  const n = text.length;
  const classAt = (i: number): number => {
    if (i >= n) return END;
    const code = text.charCodeAt(i);
    return code < 128 ? CLASS[code]! : NON_ASCII;
  };
  const c = classAt(start);
  if (c === NON_ASCII) return -1;

  // 1 and 2: letters, after at most one P (a letter itself is not P).
  if (c & LETTER || (c & (SPACE | OTHER) && !(c & NEWLINE))) {
    const from = c & LETTER ? start : start + 1;
    let upperEnd = from;
    let x: number;
    while ((x = classAt(upperEnd)) === UPPER) upperEnd++;
    if (x === NON_ASCII) return -1;
    let lowerEnd = upperEnd;
    while ((x = classAt(lowerEnd)) === LOWER) lowerEnd++;
    if (x === NON_ASCII) return -1;
    if (lowerEnd > upperEnd) return afterContraction(text, lowerEnd); // 1
    if (upperEnd > from) return afterContraction(text, upperEnd); // 2 (no lower-case letters follow, or 1 had matched)
    // Only P matched, and without P neither can match at a character that is not a letter.
  }

  // 3: up to three digits (a digit is never P).
  if (c === DIGIT) {
    let end = start + 1;
    while (end < start + 3) {
      const x = classAt(end);
      if (x === NON_ASCII) return -1; // ٣ and ² are numbers too
      if (x !== DIGIT) break;
      end++;
    }
    return end;
  }

  // 4: an optional space, symbols, then any line breaks and slashes.
  const symbolsFrom = text.charCodeAt(start) === 32 ? start + 1 : start;
  const s = classAt(symbolsFrom);
  if (s === NON_ASCII) return -1;
  if (s === OTHER) {
    let end = symbolsFrom + 1;
    let x: number;
    while ((x = classAt(end)) === OTHER) end++;
    if (x === NON_ASCII) return -1;
    for (let code = text.charCodeAt(end); code === 10 || code === 13 || code === 47; code = text.charCodeAt(++end));
    return end;
  }

  // 5, 6 and 7: a run of whitespace.
  if (!(c & SPACE)) return -1; // unreachable: every ASCII character is a letter, a digit, whitespace or OTHER
  let end = start;
  let lastBreak = -1;
  let x: number;
  while ((x = classAt(end)) & SPACE) {
    if (x & NEWLINE) lastBreak = end;
    end++;
  }
  if (x === NON_ASCII) return -1;
  if (lastBreak >= 0) return lastBreak + 1; // 5
  if (end === n) return end; // 6: nothing follows
  return end - start >= 2 ? end - 1 : start + 1; // 6, else 7
}

/** After a letter run: one of 's 'd 'm 't 'll 've 're (either case) is part of the piece. */
function afterContraction(text: string, at: number): number {
  if (text.charCodeAt(at) !== APOSTROPHE) return at;
  const a = text.charCodeAt(at + 1) | 0x20; // lower-cased when a letter; NaN | 0x20 is 0x20
  if (a === 115 || a === 100 || a === 109 || a === 116) return at + 2; // s d m t
  const b = text.charCodeAt(at + 2) | 0x20;
  if ((a === 108 && b === 108) || ((a === 118 || a === 114) && b === 101)) return at + 3; // ll ve re
  return at;
}

/**
 * The pieces of a text, as `onPiece(start, end)` calls in order: the scanner where it can decide, the regex
 * (sticky, at the same place) where it cannot. Every character starts a match of the regex (it is a letter, a
 * number, whitespace or none of those, and each has an alternative), so the pieces cover the text.
 */
export function splitO200k(text: string, regex: RegExp, onPiece: (start: number, end: number) => void): void {
  const sticky = new RegExp(regex.source, `${regex.flags.replace(/[gy]/g, '')}y`);
  forEachPiece(text, sticky, onPiece);
}

/** splitO200k with a sticky copy of the regex made once by the caller. */
export function forEachPiece(text: string, sticky: RegExp, onPiece: (start: number, end: number) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = asciiPieceEnd(text, start);
    if (end < 0) {
      sticky.lastIndex = start;
      if (!sticky.test(text)) {
        // Cannot happen (see above); were it to, skip the character as a global search would.
        start += text.codePointAt(start)! > 0xffff ? 2 : 1;
        continue;
      }
      end = sticky.lastIndex;
    }
    onPiece(start, end);
    start = end;
  }
}
