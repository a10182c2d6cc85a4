import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { exportFileNames, FlatExportNames } from '../../../shared/dataset/file-names';

describe('export file names', () => {
  it('drops folders, so nothing names a folder or climbs out of the export', () => {
    const names = exportFileNames([
      { id: 1, name: 'cats/001.jpg' },
      { id: 2, name: '../../../escaped.jpg' },
      { id: 3, name: 'C:\\photos\\win.png' },
      { id: 4, name: '..' },
    ]);
    expect([...names.values()]).toEqual(['001.jpg', 'escaped.jpg', 'win.png', 'sample']);
  });

  it('keeps names unique by stem, which YOLO and VOC name label files after', () => {
    const names = exportFileNames([
      { id: 1, name: 'a.jpg' },
      { id: 2, name: 'a.png' },
      { id: 3, name: 'b.jpg' },
      { id: 4, name: 'x/B.JPG' },
    ]);
    expect([...names.values()]).toEqual(['1_a.jpg', '2_a.png', '3_b.jpg', '4_B.JPG']);
  });
});

describe('export file names that cannot collide', () => {
  it('renames a sample whose name a renaming would take (issue 17: img/sub1/a.jpg, img/sub2/a.png, img/1_a.jpg)', () => {
    const names = exportFileNames([
      { id: 1, name: 'img/sub1/a.jpg' },
      { id: 2, name: 'img/sub2/a.png' },
      { id: 3, name: 'img/1_a.jpg' },
    ]);
    expect([...names.values()]).toEqual(['1_a.jpg', '2_a.png', '3_1_a.jpg']);
  });

  it('follows a chain of renamings to the end, and leaves free names alone', () => {
    const names = exportFileNames([
      { id: 1, name: 'x/a.jpg' },
      { id: 2, name: 'y/a.jpg' },
      { id: 3, name: '1_a.png' }, // taken by sample 1's renaming
      { id: 4, name: '3_1_a.wav' }, // taken by sample 3's renaming in turn
      { id: 5, name: '2008_000001.jpg' }, // a VOC-style name nobody else wants
    ]);
    expect([...names.values()]).toEqual(['1_a.jpg', '2_a.jpg', '3_1_a.png', '4_3_1_a.wav', '2008_000001.jpg']);
  });

  it('never starts a name with a character a spreadsheet runs as a formula', () => {
    const names = exportFileNames(['=cmd.wav', '+1.wav', '-x.wav', '@sum.wav', '\tx.wav'].map((name, i) => ({ id: i + 1, name })));
    expect([...names.values()]).toEqual(['_=cmd.wav', '_+1.wav', '_-x.wav', '_@sum.wav', '_x.wav']);
  });

  it('gives many look-alike names unique stems (ignoring case), and changes nothing when applied to its own result', () => {
    const random = mulberry32(17);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const samples = Array.from({ length: 2000 }, (_, i) => {
      const prefix = random() < 0.5 ? `${Math.floor(random() * 40)}_` : '';
      const stem = `${prefix}${pick(['a', 'A', 'b', '1_a', '2_b', 'a_1'])}`;
      return { id: i + 1, name: `${pick(['', 'x/', 'y/z/'])}${stem}${pick(['.jpg', '.png', '.JPG', ''])}` };
    });
    const names = exportFileNames(samples);
    const stems = [...names.values()].map((name) => name.replace(/\.[^.]*$/, '').toLowerCase());
    expect(new Set(stems).size).toBe(samples.length);
    const again = exportFileNames([...names].map(([id, name]) => ({ id, name })));
    expect(again).toEqual(names);
  });
});

describe('export file names of odd characters', () => {
  /** The rule spelled out character by character, as the names were made before the plain-name check. */
  function flattenedPlainly(name: string): string {
    const last = name.split(/[\\/]/).pop() ?? '';
    const safe = [...last]
      .map((character) => (character.charCodeAt(0) < 32 || '<>:"|?*'.includes(character) ? '_' : character))
      .join('')
      .trim();
    if (safe === '' || /^\.+$/.test(safe)) return 'sample';
    return /^[=+\-@]/.test(safe) ? `_${safe}` : safe;
  }

  it('treats every character as the plain rule does: spaces at either end, control and refused characters, dots, formulas', () => {
    const random = mulberry32(23);
    const odd = [
      ' ',
      '\u00a0',
      '\u3000',
      '\ufeff',
      '\t',
      '\n',
      '\u0000',
      '\u001f',
      '.',
      '..',
      '=',
      '+',
      '-',
      '@',
      '<',
      ':',
      '"',
      '|',
      '?',
      '*',
      '/',
      '\\',
      'é',
      '😀',
      '\ud800',
    ];
    const plain = ['a', 'img', '7', '_', 'X'];
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const samples = Array.from({ length: 5000 }, (_, i) => ({
      id: i + 1,
      name: Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(random() < 0.3 ? odd : plain)).join(''),
    }));
    const names = exportFileNames(samples);
    // A sample whose stem another has too is renamed `<id>_<name>`.
    for (const sample of samples) expect([flattenedPlainly(sample.name), `${sample.id}_${flattenedPlainly(sample.name)}`]).toContain(names.get(sample.id));
  });
});

describe('export file names taken one sample at a time (a version read page by page)', () => {
  it('gives each sample the name exportFileNames gives it, until a stem is taken twice', () => {
    const random = mulberry32(31);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    for (let round = 0; round < 200; round++) {
      // Mostly distinct stems, sometimes one shared (ignoring case, or by a folder or an extension).
      const samples = Array.from({ length: 1 + Math.floor(random() * 60) }, (_, i) => ({
        id: i + 1,
        name: `${pick(['', 'x/', 'y\\'])}${random() < 0.03 ? 'Same' : `s${Math.floor(random() * 1e6)}`}${pick(['.jpg', '.png', '.JPG', ''])}`,
      }));
      const whole = exportFileNames(samples);
      const taker = new FlatExportNames();
      const taken = samples.map((sample) => taker.take(sample.name));
      const firstRefused = taken.indexOf(null);
      if (firstRefused === -1) expect(taken).toEqual(samples.map((sample) => whole.get(sample.id)));
      // Refused exactly where exportFileNames has to rename: the refused sample's own name is renamed.
      else expect(whole.get(samples[firstRefused]!.id)).toMatch(new RegExp(`^${samples[firstRefused]!.id}_`));
    }
  });
});
