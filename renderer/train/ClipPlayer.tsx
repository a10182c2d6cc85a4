import { api } from '../api/api';

/** A sample's audio, to listen to beside what the model or the labelers made of it. */
export function ClipPlayer({ sample }: { sample: { sampleId: number; sha256: string; fileName: string } }) {
  return (
    <audio
      className="example-audio"
      controls
      preload="none"
      src={api.mediaUrl({ id: sample.sampleId, sha256: sample.sha256 }, 'original')}
      aria-label={`Play ${sample.fileName}`}
    />
  );
}
