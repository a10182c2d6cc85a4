import type { ExportFormat } from '../../domain/dataset';
import type { Split } from '../splits';

/**
 * The name a split has in an export's folders and files: the app's `dev` split is `val`, as
 * COCO, YOLO, Pascal VOC and NeMo-style manifests call it (torchvision refuses `dev` for VOC),
 * and `validation` for Hugging Face, whose loaders name that split so. `train` and `test` keep
 * their names.
 * @example splitName('dev', 'voc') // 'val'
 * @example splitName('dev', 'huggingface') // 'validation'
 */
export function splitName(split: Split, format: ExportFormat): string {
  if (split !== 'dev') return split;
  return format === 'huggingface' ? 'validation' : 'val';
}
