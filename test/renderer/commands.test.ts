import { describe, expect, it } from 'vitest';
import { chordOf } from '../../renderer/editors/commands';

const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('key chords', () => {
  it('names letters in upper case with their modifiers, Cmd counting as Ctrl', () => {
    expect(chordOf(key('z', { ctrlKey: true }))).toBe('Ctrl+Z');
    expect(chordOf(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+Z');
    expect(chordOf(key('z', { metaKey: true }))).toBe('Ctrl+Z');
    expect(chordOf(key('F', { shiftKey: true }))).toBe('Shift+F');
    expect(chordOf(key('b'))).toBe('B');
  });

  it('leaves Shift out for symbols and digits whose character says it, but keeps it for named keys', () => {
    expect(chordOf(key('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(key('3'))).toBe('3');
    expect(chordOf(key('ArrowLeft', { shiftKey: true }))).toBe('Shift+ArrowLeft');
    expect(chordOf(key('Enter'))).toBe('Enter');
    expect(chordOf(key(' '))).toBe('Space');
    expect(chordOf(key('Enter', { ctrlKey: true }))).toBe('Ctrl+Enter');
  });
});
