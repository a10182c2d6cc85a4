import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The rules (by id) the project's lint config reports for one file's text. */
async function lintRules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const importing = (from: string) => `import { thing } from '${from}';\nexport const used = thing;\n`;

describe('the editors’ import boundary', () => {
  it('refuses an editor that reaches into a screen, a store or the shell', async () => {
    expect(await lintRules('renderer/editors/bbox/Probe.tsx', importing('../../label/label-store'))).toContain('no-restricted-imports');
    expect(await lintRules('renderer/editors/bbox/canvas/Probe.tsx', importing('../../../stores/notices'))).toContain('no-restricted-imports');
    expect(await lintRules('renderer/editors/chrome/Probe.tsx', importing('../../review/GoldEditor'))).toContain('no-restricted-imports');
    expect(await lintRules('renderer/editors/Probe.tsx', importing('../guidelines/GuidelinesScreen'))).toContain('no-restricted-imports');
    expect(await lintRules('renderer/editors/Probe.tsx', importing('../App'))).toContain('no-restricted-imports');
  });

  it('lets editors use the domain, the API client and the guideline view, and screens use editors', async () => {
    expect(await lintRules('renderer/editors/bbox/Probe.tsx', importing('../../../shared/agreement/kappa'))).toEqual([]);
    expect(await lintRules('renderer/editors/bbox/Probe.tsx', importing('../../api/api'))).toEqual([]);
    expect(await lintRules('renderer/editors/chrome/Probe.tsx', importing('../../guidelines/GuidelineView'))).toEqual([]);
    expect(await lintRules('renderer/label/Probe.tsx', importing('../editors/ProjectEditor'))).toEqual([]);
  });

  it('keeps the renderer-wide rule for editors too: no back-end code', async () => {
    expect(await lintRules('renderer/editors/bbox/Probe.tsx', importing('better-sqlite3'))).toContain('no-restricted-imports');
  });
});
