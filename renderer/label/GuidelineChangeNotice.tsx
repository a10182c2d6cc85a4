import { useEffect } from 'react';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { VersionDiff } from '../guidelines/VersionDiff';
import { reportError } from '../stores/notices';

/**
 * "The guideline changed": what changed since the version this labeler last read (changelog and
 * word diff), shown before they go on, on opening the queue and whenever a version is published.
 * `onChanged` lets the queue reload (samples sent back for relabeling).
 */
export function GuidelineChangeNotice({ labelerId, onChanged }: { labelerId: number; onChanged(): void }) {
  const { data: notice, refresh } = useQuery('guidelines.notice', { labelerId }, { refreshOn: ['guideline.published'], onError: reportError });
  useEffect(() => api.on('guideline.published', onChanged), [onChanged]);

  // Nothing to say, or it could not be read (said in a notice): labeling goes on either way.
  if (!notice) return null;
  const acknowledge = () => api.call('guidelines.acknowledge', { labelerId, version: notice.toVersion }).then(refresh).catch(reportError);
  return (
    <div className="modal-backdrop">
      <div className="modal card guideline-notice" role="dialog" aria-modal="true" aria-labelledby="notice-title">
        <h2 id="notice-title">
          The guideline changed: v{notice.fromVersion} → v{notice.toVersion}
        </h2>
        <ul>
          {notice.changelog.map((entry) => (
            <li key={entry.version}>
              <strong>v{entry.version}</strong> {entry.changelog}
            </li>
          ))}
        </ul>
        <VersionDiff parts={notice.diff} label="What changed in the guideline" />
        <div className="modal-actions">
          <button type="button" className="primary" autoFocus onClick={() => void acknowledge()}>
            I have read the changes
          </button>
        </div>
      </div>
    </div>
  );
}
