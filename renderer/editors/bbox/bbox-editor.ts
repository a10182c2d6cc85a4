import { defineEditor } from '../editor-definition';
import { BboxLabeler } from './BboxLabeler';

/** Bounding boxes on images: the registry's entry for `bbox` projects. */
export const bboxEditor = defineEditor('bbox', BboxLabeler);
