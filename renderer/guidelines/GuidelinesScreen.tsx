import { useState } from 'react';
import type { GuidelineVersionSummary } from '../../shared/domain/guideline';
import { mayCall } from '../../shared/api/access';
import { useQuery } from '../api/use-query';
import { useProjectStore } from '../stores/project-store';
import { QueryError } from '../ui/QueryError';
import { VersionNav } from '../ui/VersionNav';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { DraftEditor } from './DraftEditor';
import { GuidelineView } from './GuidelineView';
import { useGuidelineNav } from './guideline-nav';
import { VersionDiff } from './VersionDiff';
import './guidelines.css';

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
  const view = useGuidelineNav((s) => s.view);
  const show = useGuidelineNav((s) => s.show);
  // Labelers may not list the versions: theirs is the current one alone.
  const list = useQuery('guidelines.list', undefined, { enabled: mayBrowse, refreshOn: ['guideline.published'] });
  const current = useQuery('guidelines.current', undefined, { enabled: !mayBrowse, refreshOn: ['guideline.published'] });
  const versions: GuidelineVersionSummary[] | undefined = mayBrowse ? list.data : current.data && [current.data];
  const { error, refresh } = mayBrowse ? list : current;

  if (!versions) {
    return (
      <div className="empty">{error ? <QueryError error={error} what="read the guideline" onRetry={() => void refresh()} /> : 'Loading the guideline…'}</div>
    );
  }
  const latest = versions.at(-1)!.version;
  const shown = view === 'draft' && mayEdit ? 'draft' : typeof view === 'number' ? view : latest;

  return (
    <div className="side-layout versions-screen">
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
              void refresh();
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
  const [compareTo, setCompareTo] = useState<number | null>(null);
  const asked = useQuery('guidelines.version', { version }, { enabled: mayBrowse });
  const current = useQuery('guidelines.current', undefined, { enabled: !mayBrowse });
  const { data: guideline, error } = mayBrowse ? asked : current;
  const { data: diff, error: diffError } = useQuery('guidelines.diff', { from: compareTo ?? 0, to: version }, { enabled: compareTo !== null });

  if (!guideline) return <div className="empty">{error ? <QueryError error={error} what={`read guideline v${version}`} /> : 'Loading…'}</div>;
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
      <QueryError error={diffError} what={`compare v${compareTo} with v${version}`} />
      {compareTo !== null && diff ? (
        <VersionDiff parts={diff} label={`Changes from v${compareTo} to v${version}`} />
      ) : (
        <GuidelineView bodyMd={guideline.bodyMd} examples={guideline.examples} />
      )}
    </article>
  );
}
