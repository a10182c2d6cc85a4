import type { ApiIssue } from '../api/errors';

/** What each field of a box or segment is called where a person reads it. */
const PART_NAMES: Readonly<Record<string, string>> = {
  classId: 'class',
  id: 'id',
  x1: 'left edge',
  x2: 'right edge',
  y1: 'top edge',
  y2: 'bottom edge',
  startMs: 'start',
  endMs: 'end',
};

/**
 * A payload issue (`payload.boxes.1.classId`, from `payloadProblems`) as a person reads it:
 * boxes, segments and tags counted from 1 as the editor's lists show them, fields in words.
 * @example payloadIssueWords({ path: 'payload.boxes.1.classId', message: '“cat” is retired: new boxes cannot use it' })
 *   // 'Box 2’s class “cat” is retired: new boxes cannot use it'
 */
export function payloadIssueWords(issue: ApiIssue): string {
  const [, list, index, part] = /^payload\.(boxes|segments|tags)\.(\d+)(?:\.(\w+))?$/.exec(issue.path) ?? [];
  if (list === undefined || index === undefined) return `${fieldOf(issue.path)} ${issue.message}`;
  const item = `${list === 'boxes' ? 'Box' : list === 'segments' ? 'Segment' : 'Tag'} ${Number(index) + 1}`;
  if (part === undefined) return `${item}: ${issue.message}`;
  return `${item}’s ${PART_NAMES[part] ?? part} ${issue.message}`;
}

function fieldOf(path: string): string {
  if (path === 'payload.noObjects') return '“No objects”';
  if (path === 'payload.kind') return 'The label';
  return path.replace(/^payload\./, '');
}
