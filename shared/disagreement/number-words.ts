/**
 * Reading numbers written as words or digits, to tell "10" from "ten" apart from real
 * differences. English only: the demo's and most speech data's language; other languages need
 * their own table.
 */

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/**
 * The value of `words` if they spell one whole number ("twenty one", "twenty-one", "one hundred
 * and five", "10", "1,000"), else `null`. Case and punctuation around words are ignored.
 * @example numberValue(['twenty-one']) // 21
 */
export function numberValue(words: readonly string[]): number | null {
  const tokens = words
    .flatMap((word) => word.toLowerCase().split('-'))
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word.length > 0);
  if (tokens.length === 0) return null;
  if (tokens.length === 1 && /^\d+$/.test(tokens[0]!)) return Number(tokens[0]);
  if (tokens.length === 1 && /^\d{1,3}(,\d{3})+$/.test(words[0]!.trim())) return Number(words[0]!.replace(/,/g, ''));

  let total = 0;
  let current = 0;
  let sawNumber = false;
  for (const token of tokens) {
    const unit = UNITS.indexOf(token);
    const ten = TENS.indexOf(token);
    if (unit >= 0) current += unit;
    else if (ten >= 2) current += ten * 10;
    else if (token in SCALES) {
      const scale = SCALES[token]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
    } else if (token === 'and' && sawNumber) continue;
    else return null;
    sawNumber = true;
  }
  return sawNumber ? total + current : null;
}

/** Whether `words` are one number in digits ("10", "1,000", "10."), as opposed to number words. */
export function isNumeral(words: readonly string[]): boolean {
  return words.length === 1 && /^\d[\d,]*$/.test(words[0]!.replace(/^\p{P}+|\p{P}+$/gu, ''));
}
