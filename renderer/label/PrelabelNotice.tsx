import { useLabelStore } from './label-store';

/**
 * Says, beside the queue, that the sample on screen started from a model's label, so a labeler
 * checks it as a draft to correct rather than taking it for a colleague's or their own work.
 */
export function PrelabelNotice() {
  const source = useLabelStore((s) => s.current?.prelabelSource ?? null);
  const confidence = useLabelStore((s) => s.current?.prelabelConfidence ?? null);
  const sampleId = useLabelStore((s) => s.current?.sample.id ?? null);
  if (source === null) return null;
  return (
    <div className="prelabel-notice" role="note" data-prelabel-sample={sampleId ?? undefined}>
      <strong>Pre-labeled by a model</strong> ({source}
      {confidence !== null && `, ${Math.floor(confidence * 100)}% sure`}). It is a starting point: check it, correct what is wrong, then submit.
    </div>
  );
}
