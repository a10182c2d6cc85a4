import { describe, expect, it } from 'vitest';
import { sampleByFileName } from '../../../shared/dataset/import/sample-by-file-name';

const named = (...names: string[]) => names.map((display_name) => ({ display_name }));
const nameOf = (found: { display_name: string } | undefined) => found?.display_name;

describe('the sample a label file names', () => {
  it('finds a sample in a subfolder by its path, a longer path, a Windows path, or its file name alone', () => {
    const find = sampleByFileName(named('0000/img-1.png', '0001/img-2.png', 'cat.jpg'));
    expect(nameOf(find('0000/img-1.png', false))).toBe('0000/img-1.png');
    expect(nameOf(find('./0000/img-1.png', false))).toBe('0000/img-1.png');
    expect(nameOf(find('/data/photos/0000/img-1.png', false))).toBe('0000/img-1.png');
    expect(nameOf(find('C:\\data\\0001\\img-2.png', false))).toBe('0001/img-2.png');
    expect(nameOf(find('img-2.png', false))).toBe('0001/img-2.png');
    expect(nameOf(find('IMG-2.PNG', false))).toBe('0001/img-2.png');
    expect(nameOf(find('cat.jpg', false))).toBe('cat.jpg');
    expect(find('dog.jpg', false)).toBeUndefined();
  });

  it("matches a YOLO label file's stem and a VOC file naming the JPEG made from a PNG", () => {
    const find = sampleByFileName(named('0000/coins.png', 'cat.jpg'));
    expect(nameOf(find('coins', true))).toBe('0000/coins.png');
    expect(nameOf(find('labels/0000/coins', true))).toBe('0000/coins.png');
    expect(nameOf(find('coins.jpg', false))).toBe('0000/coins.png');
    // A stem is never read as a name with an extension: "cat" is a stem, not the file "cat".
    expect(nameOf(find('cat', true))).toBe('cat.jpg');
  });

  it('does not guess between samples that share a file name, but a path that tells them apart finds one', () => {
    const find = sampleByFileName(named('day/a.png', 'night/a.png', 'a.png', 'b.png', 'B.png'));
    expect(nameOf(find('a.png', false))).toBe('a.png'); // the one at the top, named exactly
    expect(nameOf(find('export/night/a.png', false))).toBe('night/a.png');
    expect(find('dusk/a.png', false)).toBeUndefined(); // "a.png" alone is shared by three
    expect(nameOf(find('a', true))).toBe('a.png');
    expect(find('dusk/a', true)).toBeUndefined();
    // Exact case first; in another case both would fit.
    expect(nameOf(find('B.png', false))).toBe('B.png');
    expect(find('b.PNG', false)).toBeUndefined();
  });
});
