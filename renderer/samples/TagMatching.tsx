import { useState } from 'react';
import type { SampleFilter } from '../../shared/domain/sample';
import { countOf } from '../../shared/text/plural';
import { api } from '../api/api';
import { useNotices } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { ActionError, useActionError } from '../ui/ActionError';

/**
 * Acts on every sample the filters match, not only the page on screen: the back end tags
 * them all in one transaction, so "all 12,345 matching" never depends on what was paged in.
 */
export function TagMatching({ filter, total, onDone }: { filter: SampleFilter; total: number; onDone: () => void }) {
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const mayTag = useProjectStore((s) => s.account?.role !== 'labeler');
  const failure = useActionError();
  if (!mayTag || total === 0) return null;

  const tagAll = async () => {
    setBusy(true);
    // A refusal is said here, beside the field, not in the corner where it would outlive the screen.
    await failure.run(async () => {
      const { tagged } = await api.call('samples.tagMatching', { filter, tag: tag.trim() });
      useNotices.getState().show('info', `Tagged ${countOf(tagged, 'sample')} “${tag.trim()}”.`);
      setTag('');
      onDone();
    });
    setBusy(false);
  };

  return (
    <form
      className="tag-matching"
      aria-label="Tag every matching sample"
      onSubmit={(e) => {
        e.preventDefault();
        void tagAll();
      }}
    >
      <input
        aria-label="Tag for all matching"
        placeholder="Tag"
        value={tag}
        maxLength={60}
        onChange={(e) => {
          setTag(e.target.value);
          failure.clear();
        }}
      />
      <button type="submit" disabled={busy || tag.trim() === ''}>
        Tag all {total.toLocaleString('en')} matching
      </button>
      <ActionError error={failure.error} fields={{ tag: 'Tag' }} onDismiss={failure.clear} />
    </form>
  );
}
