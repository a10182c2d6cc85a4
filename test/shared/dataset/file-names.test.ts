import { describe, expect, it } from 'vitest';
import { exportFileNames } from '../../../shared/dataset/file-names';

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
