import type { TrainingExample } from '../../shared/domain/training';
import { api } from '../api/api';
import { CropImage } from './CropImage';

/** An example as a person checks it: the crop the model saw, or the clip to listen to. */
export function ExampleMedia({ example, index, pixels, size }: { example: TrainingExample; index: number; pixels: Uint8Array | null; size: number }) {
  if (pixels) return <CropImage pixels={pixels} size={size} index={index} />;
  return (
    <audio
      className="example-audio"
      controls
      preload="none"
      src={api.mediaUrl({ id: example.sampleId, sha256: example.sha256 }, 'original')}
      aria-label={`Play ${example.fileName}`}
    />
  );
}
