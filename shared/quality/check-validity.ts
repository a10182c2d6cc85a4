import { sectionMarkdown } from '../guideline/sections';

/** A published guideline version's text. */
export interface GuidelineText {
  version: number;
  bodyMd: string;
}

/** Under which guideline versions a gold check's decision still says what the guideline says. */
export interface CheckValidity {
  /** The decision's own version, then each later one up to the first that changed the rule. */
  versions: number[];
  /** The first later version that changed (or removed) the rule the decision cites; null while it holds. */
  changedIn: number | null;
}

/**
 * The versions a gold label decided under `decidedUnder` can judge answers of. An answer is
 * judged against gold only when it was made under a guideline whose cited rule reads exactly as
 * it did for the decision: the decision's own version, and later ones while the cited section
 * is unchanged. A decision that cites no rule holds only while the whole guideline is unchanged.
 * Once a version changes the rule, the check is retired from then on (it awaits a new decision),
 * even if a still later version changed the rule back.
 * @example
 * const v1 = { version: 1, bodyMd: '## Tight {#tight}\nEdge to edge.' };
 * const v2 = { version: 2, bodyMd: '## Tight {#tight}\nEdge to edge.\n## Crowds\nOne box per group.' };
 * const v3 = { version: 3, bodyMd: '## Tight {#tight}\nEdge to edge, shadows out.' };
 * checkValidity(1, '#tight', [v1, v2, v3]) // { versions: [1, 2], changedIn: 3 }: a new section elsewhere leaves #tight as it was
 */
export function checkValidity(decidedUnder: number, rule: string | null, guidelines: readonly GuidelineText[]): CheckValidity {
  const ordered = [...guidelines].sort((a, b) => a.version - b.version);
  const own = ordered.find((g) => g.version === decidedUnder);
  const ruleText = (g: GuidelineText) => (rule === null ? g.bodyMd : sectionMarkdown(g.bodyMd, rule));
  const decided = own ? ruleText(own) : null;
  const versions = [decidedUnder];
  for (const guideline of ordered) {
    if (guideline.version <= decidedUnder) continue;
    const text = ruleText(guideline);
    if (decided === null || text !== decided) return { versions, changedIn: guideline.version };
    versions.push(guideline.version);
  }
  return { versions, changedIn: null };
}
