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
const SCALES: Record<string, number> = { thousand: 1000, million: 1_000_000 };

/** What the last number word was, which decides what may follow it ("twenty one", not "one one"). */
type Last = 'none' | 'unit' | 'teen' | 'ten' | 'hundred' | 'scale' | 'and';

/** What may come after each kind of number word in one spoken number. */
const MAY_FOLLOW: Readonly<Record<Exclude<Last, 'none'>, readonly Last[]>> = {
  unit: ['none', 'ten', 'hundred', 'scale', 'and'],
  teen: ['none', 'hundred', 'scale', 'and'],
  ten: ['none', 'hundred', 'scale', 'and'],
  hundred: ['none', 'unit', 'teen'],
  scale: ['unit', 'teen', 'ten', 'hundred', 'none'],
  and: ['hundred', 'scale'],
};

/**
 * The value of `words` if they spell one whole number ("twenty one", "twenty-one", "one hundred
 * and five", "fifteen hundred", "10", "1,000"), else `null`. Words that are two numbers said in a
 * row ("one one", "ten five", "twenty thirty") are not one number. Case and punctuation around
 * words are ignored.
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
  if (tokens.includes('zero')) return tokens.length === 1 ? 0 : null;

  let total = 0;
  let current = 0;
  let last: Last = 'none';
  for (const token of tokens) {
    const unit = UNITS.indexOf(token);
    const ten = TENS.indexOf(token);
    const kind: Exclude<Last, 'none'> | null =
      unit >= 1 && unit <= 9
        ? 'unit'
        : unit >= 10
          ? 'teen'
          : ten >= 2
            ? 'ten'
            : token === 'hundred'
              ? 'hundred'
              : token in SCALES
                ? 'scale'
                : token === 'and'
                  ? 'and'
                  : null;
    if (kind === null || !MAY_FOLLOW[kind].includes(last)) return null;
    if (kind === 'unit' || kind === 'teen') current += unit;
    else if (kind === 'ten') current += ten * 10;
    else if (kind === 'hundred') current = (current || 1) * 100;
    else if (kind === 'scale') {
      total += (current || 1) * SCALES[token]!;
      current = 0;
    }
    last = kind;
  }
  return last === 'and' ? null : total + current;
}

/** Whether `words` are one number in digits ("10", "1,000", "10."), as opposed to number words. */
export function isNumeral(words: readonly string[]): boolean {
  return words.length === 1 && /^\d[\d,]*$/.test(words[0]!.replace(/^\p{P}+|\p{P}+$/gu, ''));
}
