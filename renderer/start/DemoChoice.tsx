import type { ProjectKind } from '../../shared/domain/project';
import { KindBadge } from '../ui/KindBadge';

/** What each demo holds, in the words a newcomer needs to pick one. */
const DEMOS: ReadonlyArray<{ kind: ProjectKind; title: string; button: string; about: string }> = [
  {
    kind: 'bbox',
    title: 'Everyday objects',
    button: 'Open image demo',
    about: 'Photos boxed by three labelers who disagree the way real teams do: one box around a group of coins or one per coin, a missed object, a loose box.',
  },
  {
    kind: 'transcript',
    title: 'Voice commands',
    button: 'Open audio demo',
    about: 'Spoken commands transcribed by three labelers who disagree on filler words ("um"), numbers ("ten" or "10") and where one segment ends.',
  },
];

/**
 * The two demo projects side by side, each one click from a project with labels, agreement
 * figures and disagreements to review.
 */
export function DemoChoice({ busy, onOpen }: { busy: boolean; onOpen(kind: ProjectKind): void }) {
  return (
    <section className="demo-choice" aria-labelledby="demo-choice-title">
      <h2 id="demo-choice-title">Try it on a demo</h2>
      <div className="demo-cards">
        {DEMOS.map((demo) => (
          <article key={demo.kind} className="card demo-card" aria-label={`${demo.title} demo`}>
            <h3>
              {demo.title} <KindBadge kind={demo.kind} />
            </h3>
            <p>{demo.about}</p>
            <button type="button" className="primary" disabled={busy} onClick={() => onOpen(demo.kind)}>
              {demo.button}
            </button>
          </article>
        ))}
      </div>
    </section>
  );
}
