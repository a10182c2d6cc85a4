import type { ClassifyingProgress } from '../../shared/domain/classifying';
import './classifying-note.css';

/**
 * Says that many samples are being classified in the background and how far it is, with what
 * the list shows meanwhile (`meanwhile`): the Review queue and agreement fill in as they are done.
 */
export function ClassifyingNote({ progress, meanwhile }: { progress: ClassifyingProgress; meanwhile: string }) {
  const total = progress.classified + progress.remaining;
  return (
    <div className="classifying-note" role="status" data-remaining={progress.remaining}>
      <span>
        Classifying the samples whose answers changed: {progress.classified.toLocaleString('en')} of {total.toLocaleString('en')} done. {meanwhile}
      </span>
      <progress max={total} value={progress.classified} aria-label="Samples classified" />
    </div>
  );
}
