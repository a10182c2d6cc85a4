import { useEffect, useState } from 'react';
import { useQuery } from '../api/use-query';
import { guidedSteps } from './guided-path';

const dismissedKey = (dir: string) => `concord.guidedPath.dismissed:${dir}`;

/**
 * A demo's checklist of the loop worth trying first. Each step ticks itself from the project's
 * state (re-read on submissions, publications and moving between areas), links to where it is
 * done, and the whole panel can be dismissed for this project.
 */
export function GuidedPath({ projectDir, myId, guidelineVersion }: { projectDir: string; myId: number; guidelineVersion: number }) {
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(dismissedKey(projectDir)) !== null);
  const shown = !dismissed;
  const queue = useQuery('queue.get', { labelerId: myId }, { enabled: shown, refreshOn: ['agreement.changed'] });
  const agreement = useQuery('agreement.project', undefined, { enabled: shown, refreshOn: ['agreement.changed', 'guideline.published'] });
  const review = useQuery('review.queue', {}, { enabled: shown, refreshOn: ['agreement.changed'] });
  // A review decision sends no event: the steps are read again when the person moves on.
  const [refreshQueue, refreshAgreement, refreshReview] = [queue.refresh, agreement.refresh, review.refresh];
  useEffect(() => {
    if (!shown) return;
    const onMove = () => {
      void refreshQueue();
      void refreshAgreement();
      void refreshReview();
    };
    window.addEventListener('hashchange', onMove);
    return () => window.removeEventListener('hashchange', onMove);
  }, [shown, refreshQueue, refreshAgreement, refreshReview]);

  if (!shown) return null;
  const steps = guidedSteps({ myQueue: queue.data, myId, agreement: agreement.data, review: review.data, guidelineVersion });
  const dismiss = () => {
    localStorage.setItem(dismissedKey(projectDir), '1');
    setDismissed(true);
  };
  return (
    <section className="guided-path" aria-labelledby="guided-path-title">
      <div className="guided-path-header">
        <h2 id="guided-path-title">Try the loop</h2>
        <button type="button" className="guided-path-dismiss" aria-label="Dismiss the guided path" onClick={dismiss}>
          ×
        </button>
      </div>
      <ol>
        {steps.map((step, index) => (
          <li key={step.id} data-step={step.id} data-done={step.done} className={step.done ? 'done' : ''}>
            <span className="guided-path-mark" role="img" aria-label={step.done ? 'Done' : 'To do'}>
              {step.done ? '✓' : '○'}
            </span>
            {/* Named by number, so the steps' links never share a name with the areas' own (Label, Review…). */}
            <a href={`#${step.area}`} aria-label={`Go to step ${index + 1}`}>
              {step.title}
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
