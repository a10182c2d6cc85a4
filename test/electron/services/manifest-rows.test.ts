import { describe, expect, it } from 'vitest';
import { csvRows, jsonlRows } from '../../../electron/services/imports/manifest-rows';

describe('manifest rows', () => {
  it('numbers CSV rows by the line they end on, CRLF and quoted line breaks included', () => {
    const rows = csvRows('\ufefffile,note\r\na.jpg,x\r\n\r\nc.jpg,"two\r\nlines"\r\nd.jpg,\r\n');
    expect(rows.records).toEqual([
      { line: 2, record: { file: 'a.jpg', note: 'x' } },
      { line: 5, record: { file: 'c.jpg', note: 'two\nlines' } },
      { line: 6, record: { file: 'd.jpg', note: '' } },
    ]);
    expect(rows.problems).toEqual([]);
  });

  it('reports each unreadable CSV row by line and reads on, never quoting the row', () => {
    const rows = csvRows(['file,note', '"a.jpg" top-secret,x', 'b.jpg,ok', '"c.jpg" hunter2,y', 'd.jpg,ok'].join('\n'));
    expect(rows.records.map((r) => [r.line, r.record['file']])).toEqual([
      [3, 'b.jpg'],
      [5, 'd.jpg'],
    ]);
    expect(rows.problems).toEqual([
      { line: 2, reason: 'not a valid CSV row (non trimable char after closing quote)' },
      { line: 4, reason: 'not a valid CSV row (non trimable char after closing quote)' },
    ]);
    expect(csvRows('"file\nx\n').problems).toEqual([{ line: 1, reason: 'the header row is not valid CSV (quote not closed)' }]);
  });

  it('reports JSONL lines that are not objects without their text', () => {
    const rows = jsonlRows(['{"file": "a.jpg"}', 'password=hunter2', 'null', '[1]'].join('\n'));
    expect(rows.records).toEqual([{ line: 1, record: { file: 'a.jpg' } }]);
    expect(rows.problems).toEqual([
      { line: 2, reason: 'not valid JSON' },
      { line: 3, reason: 'each line must be a JSON object' },
      { line: 4, reason: 'each line must be a JSON object' },
    ]);
  });
});
