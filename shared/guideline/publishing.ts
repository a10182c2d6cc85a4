/** What must hold before a guideline draft is published as a new version; each problem is a sentence. */
export function publishProblems(draft: { bodyMd: string }, changelog: string): string[] {
  const problems: string[] = [];
  if (changelog.trim() === '') problems.push('A new version needs a changelog entry: say what changed and why.');
  if (draft.bodyMd.trim() === '') problems.push('The guideline is empty.');
  return problems;
}
