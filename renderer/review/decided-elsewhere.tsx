import { useEffect, useState } from 'react';
import type { ReviewSample } from '../../shared/domain/gold';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';

/**
 * Follows other SMEs' decisions on the sample open here. The review is read again when a
 * decision is announced, unless the gold editor is open: that session started from the decision
 * it knew, so deciding from it is refused by the back end (a `conflict` naming the decision that
 * beat it) rather than silently put over the other one; it is read again when the editor closes.
 *
 * Returns the newest decision revision announced for the sample, `null` before any.
 */
export function useAnnouncedDecision(sampleId: number, editing: boolean, reloadReview: () => Promise<void>): number | null {
  const [announced, setAnnounced] = useState<number | null>(null);
  useEffect(
    () =>
      api.on('review.decided', (decided) => {
        if (decided.sampleId === sampleId) setAnnounced((known) => Math.max(known ?? 0, decided.revision));
      }),
    [sampleId],
  );
  useEffect(() => {
    if (announced !== null && !editing) reloadReview().catch(reportError);
  }, [announced, editing, reloadReview]);
  return announced;
}

/**
 * The decision someone else made on this sample since it was opened here, or `null`. A decision
 * this person made is no news to them, nor is one that was there when they opened the sample.
 */
export function useDecidedByOther(review: ReviewSample | undefined): ReviewSample['decision'] {
  const myId = useProjectStore((s) => s.account?.id ?? null);
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const current = review?.decision ?? null;
  // Set while rendering the first answer (React's way to derive state from a prop once).
  if (review && openedAt === null) setOpenedAt(review.decision?.revision ?? 0);
  const news = current && openedAt !== null && current.revision > openedAt && current.decidedBy !== myId ? current : null;
  useKnownPerson(news?.decidedBy ?? null);
  return news;
}

/**
 * Reads the project's people again when one of them is not among those this window read at
 * sign-in (an SME added since, elsewhere), so they are named rather than shown as `#id`.
 */
function useKnownPerson(id: number | null): void {
  const known = useProjectStore((s) => id === null || s.labelers.some((l) => l.id === id));
  useEffect(() => {
    if (known) return;
    const account = useProjectStore.getState().account;
    api.call('labelers.list').then((labelers) => {
      // Only for the person who asked: a sign-out meanwhile emptied the list on purpose.
      if (useProjectStore.getState().account === account) useProjectStore.setState({ labelers });
    }, reportError);
  }, [known]);
}

/**
 * Says, where the SME decides, that another person decided this sample while it was open here:
 * `by` names them once the decision is read and shown; `null` while the gold editor still shows
 * the decision it started from.
 */
export function DecidedElsewhereNote({ revision, by }: { revision: number; by: string | null }) {
  return (
    <p className="decided-elsewhere" role="status" data-testid="decided-elsewhere" data-revision={revision}>
      {by === null
        ? `Decision ${revision} was made on this sample meanwhile: deciding from this editor will be refused. Go back to review to see it.`
        : `Decision ${revision} was made on this sample meanwhile by ${by}: it is shown below.`}
    </p>
  );
}
