import GithubSlugger from 'github-slugger';

/** A heading of the guideline: a section rules and examples can point at by its anchor. */
export interface GuidelineSection {
  level: number;
  /** The heading text, without an explicit `{#anchor}`. */
  title: string;
  /** `fillers` for `## Filler words {#fillers}`, else the GitHub-style slug of the title. */
  anchor: string;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const EXPLICIT_ANCHOR = /\s*\{#([\p{L}\p{N}_-]+)\}\s*$/u;
const FENCE = /^(```|~~~)/;

/**
 * The sections of a Markdown guideline in order. A heading may name its anchor explicitly,
 * `## Filler words {#fillers}`, so that renaming the heading keeps links (`#fillers`) and
 * examples attached; otherwise the anchor is the heading's slug, made unique in the document
 * as GitHub does ("rules", "rules-1"). Headings inside fenced code are not sections.
 * @example guidelineSections('# Boxes\n## Filler words {#fillers}') // [{ level: 1, title: 'Boxes', anchor: 'boxes' }, { level: 2, title: 'Filler words', anchor: 'fillers' }]
 */
export function guidelineSections(markdown: string): GuidelineSection[] {
  const slugger = new GithubSlugger();
  const sections: GuidelineSection[] = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line.trim())) inFence = !inFence;
    if (inFence) continue;
    const heading = HEADING.exec(line);
    if (!heading) continue;
    const { title, anchor } = splitAnchor(heading[2]!);
    sections.push({ level: heading[1]!.length, title, anchor: anchor ?? slugger.slug(title) });
    if (anchor) slugger.slug(anchor); // an explicit anchor is taken: a later slug must differ
  }
  return sections;
}

/** A heading's text and its explicit anchor, if it names one. */
export function splitAnchor(text: string): { title: string; anchor: string | null } {
  const explicit = EXPLICIT_ANCHOR.exec(text);
  return explicit ? { title: text.slice(0, explicit.index).trim(), anchor: explicit[1]! } : { title: text.trim(), anchor: null };
}

/**
 * The section a guideline rule names, written with or without its `#`, or null if the
 * guideline has no such section.
 * @example sectionOfRule(guidelineSections('## Filler words {#fillers}'), '#fillers') // { level: 2, title: 'Filler words', anchor: 'fillers' }
 */
export function sectionOfRule(sections: readonly GuidelineSection[], rule: string): GuidelineSection | null {
  const anchor = rule.trim().replace(/^#/, '');
  return sections.find((section) => section.anchor === anchor) ?? null;
}

/**
 * The Markdown of one section: its heading line and what follows, up to the next heading of the
 * same or a higher level (subsections belong to it); null when no section has that anchor.
 * @example sectionMarkdown('## Tight {#tight}\nEdge to edge.\n## Classes\nCar.', '#tight') // '## Tight {#tight}\nEdge to edge.'
 */
export function sectionMarkdown(markdown: string, rule: string): string | null {
  const sections = guidelineSections(markdown);
  const section = sectionOfRule(sections, rule);
  if (!section) return null;
  const wanted = sections.indexOf(section);
  const lines = markdown.split(/\r?\n/);
  let inFence = false;
  let seen = -1;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (FENCE.test(lines[i]!.trim())) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(lines[i]!);
    if (!heading) continue;
    seen++;
    if (seen === wanted) start = i;
    else if (start >= 0 && heading[1]!.length <= section.level) return lines.slice(start, i).join('\n').trimEnd();
  }
  return lines.slice(start).join('\n').trimEnd();
}
