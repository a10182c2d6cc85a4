import { describe, expect, it } from 'vitest';
import { csvField, csvRows } from '../../../shared/dataset/formats/transcripts';
import type { DatasetItem } from '../../../shared/domain/dataset';

function clip(fileName: string, text: string): DatasetItem {
  return {
    sampleId: 1,
    fileName,
    sha256: 'x',
    split: 'train',
    source: 'single',
    guidelineVersion: 1,
    agreement: null,
    label: {
      v: 1,
      kind: 'transcript',
      mode: 'clip',
      segments: [{ id: 's1', startMs: 0, endMs: 1000, text }],
      noSpeech: false,
      flags: { unsure: false, comment: '', mediaBroken: false },
      tags: [],
    },
    width: null,
    height: null,
    durationMs: 1000,
  };
}

describe('CSV cells a spreadsheet would run', () => {
  it('start with a single quote when they begin with =, +, -, @, a tab or a carriage return (OWASP)', () => {
    expect(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvField)).toEqual(["'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(['hello', 'a=b', '3-2', 'e@mail'].map(csvField)).toEqual(['hello', 'a=b', '3-2', 'e@mail']);
  });

  it('are still quoted as RFC 4180 says, the quote inside', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('a, b')).toBe('"a, b"');
  });

  it('are neutralised in a transcript CSV, file names and texts alike', () => {
    const rows = [...csvRows([clip('@x.wav', '=cmd|calc'), clip('b.wav', '-1 dollar')], (item) => item.fileName)].join('');
    expect(rows).toBe("file_name,duration,text,flagged\n'@x.wav,1,'=cmd|calc,false\nb.wav,1,'-1 dollar,false\n");
  });
});
