import { useCallback, useEffect, useState } from 'react';
import type { GuidelineVersionSummary, PublishedGuideline } from '../../shared/domain/guideline';
import type { DiffPart } from '../../shared/guideline/word-diff';
import { mayCall } from '../../shared/api/access';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { VersionNav } from '../ui/VersionNav';
import { DraftEditor } from './DraftEditor';
import { GuidelineView } from './GuidelineView';
import { useGuidelineNav } from './guideline-nav';
import { VersionDiff } from './VersionDiff';

/**
 * The project's guideline: every published version (immutable, with its changelog and
 * examples), the word diff between any two, and for SMEs and engineers the draft of the next.
 */
export function GuidelinesScreen() {
  const role = useProjectStore((s) => s.account?.role);
  const refreshProject = useProjectStore((s) => s.refresh);
  const readOnly = useReadOnly();
  // A read-only view leaves the draft out: nothing typed in it could be saved.
  const mayEdit = mayCall(role, 'guidelines.saveDraft') && readOnly === null;
  // Labelers read the current guideline only; older versions are for those who review.
  const mayBrowse = mayCall(role, 'guidelines.list');
  const [versions, setVersions] = useState<GuidelineVersionSummary[] | null>(null);
  const view = useGuidelineNav((s) => s.view);
  const show = useGuidelineNav((s) => s.show);

  const load = useCallback(
    () => (mayBrowse ? api.call('guidelines.list') : api.call('guidelines.current').then((current) => [current])).then(setVersions, reportError),
    [mayBrowse],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (!versions) return <div className="empty">Loading the guideline…</div>;
  const latest = versions.at(-1)!.version;
  const shown = view === 'draft' && mayEdit ? 'draft' : typeof view === 'number' ? view : latest;

  return (
    <div className="guidelines-screen">
      <VersionNav<number | 'draft'>
        label="Guideline versions"
        selected={shown}
        onSelect={show}
        items={[
          ...(mayEdit ? [{ key: 'draft' as const, title: `Draft of v${latest + 1}`, note: '', detail: 'edit, attach cases, publish' }] : []),
          ...[...versions]
            .reverse()
            .map((v) => ({ key: v.version, title: `v${v.version}`, note: new Date(v.publishedAt).toLocaleDateString(), detail: v.changelog })),
        ]}
      />
      <div className="guideline-main">
        <ReadOnlyNote />
        {shown === 'draft' ? (
          <DraftEditor
            onPublished={(version) => {
              void load();
              void refreshProject();
              show(version);
            }}
          />
        ) : (
          <PublishedVersion key={shown} version={shown} versions={versions} mayBrowse={mayBrowse} />
        )}
      </div>
    </div>
  );
}

function PublishedVersion({ version, versions, mayBrowse }: { version: number; versions: GuidelineVersionSummary[]; mayBrowse: boolean }) {
  const [guideline, setGuideline] = useState<PublishedGuideline | null>(null);
  const [compareTo, setCompareTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<DiffPart[] | null>(null);
  useEffect(() => {
    (mayBrowse ? api.call('guidelines.version', { version }) : api.call('guidelines.current')).then(setGuideline, reportError);
  }, [version, mayBrowse]);
  useEffect(() => {
    if (compareTo !== null) api.call('guidelines.diff', { from: compareTo, to: version }).then(setDiff, reportError);
  }, [compareTo, version]);

  if (!guideline) return <div className="empty">Loading…</div>;
  return (
    <article className="published-guideline">
      <header className="guideline-header">
        <h1>Guideline v{guideline.version}</h1>
        <span className="muted">
          published {new Date(guideline.publishedAt).toLocaleString()} · {guideline.changelog}
        </span>
        {versions.length > 1 && (
          <label>
            Compare with
            <select value={compareTo ?? ''} onChange={(e) => setCompareTo(e.target.value === '' ? null : Number(e.target.value))}>
              <option value="">—</option>
              {versions
                .filter((v) => v.version !== version)
                .map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                  </option>
                ))}
            </select>
          </label>
        )}
      </header>
      {compareTo !== null && diff ? (
        <VersionDiff parts={diff} label={`Changes from v${compareTo} to v${version}`} />
      ) : (
        <GuidelineView bodyMd={guideline.bodyMd} examples={guideline.examples} />
      )}
    </article>
  );
}
