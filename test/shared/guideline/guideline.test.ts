import { describe, expect, it } from 'vitest';
import { publishProblems } from '../../../shared/guideline/publishing';
import { guidelineSections, sectionOfRule } from '../../../shared/guideline/sections';
import { wordDiff } from '../../../shared/guideline/word-diff';

describe('guideline sections', () => {
  it('takes explicit anchors, slugs the rest uniquely, and skips code', () => {
    const markdown = [
      '# Transcripts',
      '## Filler words {#fillers}',
      'Leave out um.',
      '## Rules',
      '```',
      '# not a heading',
      '```',
      '## Rules',
      '### Numbers & units',
    ].join('\n');
    expect(guidelineSections(markdown)).toEqual([
      { level: 1, title: 'Transcripts', anchor: 'transcripts' },
      { level: 2, title: 'Filler words', anchor: 'fillers' },
      { level: 2, title: 'Rules', anchor: 'rules' },
      { level: 2, title: 'Rules', anchor: 'rules-1' },
      { level: 3, title: 'Numbers & units', anchor: 'numbers--units' },
    ]);
  });

  it('finds the section a rule names, with or without its #', () => {
    const sections = guidelineSections('# Transcripts\n## Filler words {#fillers}');
    expect(sectionOfRule(sections, '#fillers')?.title).toBe('Filler words');
    expect(sectionOfRule(sections, ' transcripts ')?.title).toBe('Transcripts');
    expect(sectionOfRule(sections, '#filler-words')).toBeNull(); // the explicit anchor replaces the slug
  });

  it('keeps an explicit anchor when the heading is reworded', () => {
    expect(guidelineSections('## Hesitations {#fillers}')[0]!.anchor).toBe(guidelineSections('## Filler words {#fillers}')[0]!.anchor);
  });
});

describe('word diff', () => {
  it('marks the words added and removed between versions', () => {
    expect(wordDiff('Write um when you hear it.', 'Leave out um and uh.')).toEqual([
      { op: 'removed', text: 'Write' },
      { op: 'added', text: 'Leave out' },
      { op: 'same', text: ' um ' },
      { op: 'removed', text: 'when you hear it' },
      { op: 'added', text: 'and uh' },
      { op: 'same', text: '.' },
    ]);
    expect(wordDiff('same text', 'same text')).toEqual([{ op: 'same', text: 'same text' }]);
  });
});

describe('publishing rules', () => {
  it('requires a changelog entry and a guideline', () => {
    expect(publishProblems({ bodyMd: '# Rules' }, 'Fillers are left out')).toEqual([]);
    expect(publishProblems({ bodyMd: '# Rules' }, '   ')).toEqual(['A new version needs a changelog entry: say what changed and why.']);
    expect(publishProblems({ bodyMd: '' }, 'x')).toEqual(['The guideline is empty.']);
  });
});
