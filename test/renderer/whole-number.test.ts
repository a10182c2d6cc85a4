import { describe, expect, it } from 'vitest';
import { readWholeNumber } from '../../renderer/ui/whole-number';

describe('reading a whole number typed in a field', () => {
  const epochs = { min: 1, max: 200 };

  it('reads digits, leading zeros and surrounding spaces as the number they write', () => {
    expect(readWholeNumber('15', epochs)).toEqual({ ok: true, value: 15 });
    expect(readWholeNumber('03', epochs)).toEqual({ ok: true, value: 3 });
    expect(readWholeNumber(' 7 ', epochs)).toEqual({ ok: true, value: 7 });
  });

  it('refuses an empty field instead of training one epoch', () => {
    expect(readWholeNumber('', epochs)).toEqual({ ok: false, message: 'Enter a number.' });
    expect(readWholeNumber('  ', epochs)).toEqual({ ok: false, message: 'Enter a number.' });
  });

  it('refuses text that is not a number, and fractions', () => {
    expect(readWholeNumber('ten', epochs)).toEqual({ ok: false, message: 'Enter a whole number, in digits.' });
    expect(readWholeNumber('1e3', epochs)).toEqual({ ok: false, message: 'Enter a whole number, in digits.' });
    expect(readWholeNumber('2.5', epochs)).toEqual({ ok: false, message: 'Enter a whole number, without a fraction.' });
  });

  it('refuses a negative number rather than dropping its sign', () => {
    expect(readWholeNumber('-2', { min: 0 })).toEqual({ ok: false, message: 'Must be 0 or more, not a negative number.' });
  });

  it('refuses numbers out of range, naming the bound', () => {
    expect(readWholeNumber('0', epochs)).toEqual({ ok: false, message: 'Must be at least 1.' });
    expect(readWholeNumber('201', epochs)).toEqual({ ok: false, message: 'Must be at most 200.' });
    expect(readWholeNumber('200', epochs)).toEqual({ ok: true, value: 200 });
  });
});
