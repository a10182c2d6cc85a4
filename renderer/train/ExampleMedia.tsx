import type { TrainingExample } from '../../shared/domain/training';
import { ClipPlayer } from './ClipPlayer';
import { CropImage } from './CropImage';
import type { LoadedSet } from './use-training-set';

/** An example as a person checks it: the crop the model saw, or the clip to listen to. */
export function ExampleMedia({ loaded, index }: { loaded: LoadedSet; index: number }) {
  const example: TrainingExample = loaded.set.examples[index]!;
  if (loaded.set.kind === 'crops' && loaded.pixels) return <CropImage pixels={loaded.pixels} size={loaded.set.size} index={index} />;
  return <ClipPlayer sample={example} />;
}
