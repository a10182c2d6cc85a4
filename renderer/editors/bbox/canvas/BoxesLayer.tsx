import type Konva from 'konva';
import { memo, useCallback, useMemo } from 'react';
import { Layer, Shape } from 'react-konva';
import type { Box } from '../../../../shared/annotation/payload';
import type { LabelClass } from '../../../../shared/domain/project';
import { classStyle } from './class-style';
import { drawSettledBoxes, type ClassBoxes } from './draw-boxes';

interface BoxesLayerProps {
  /** Every box except the selected one, which the selection layer draws. */
  boxes: readonly Box[];
  classById: ReadonlyMap<number, LabelClass>;
  fillOpacity: number;
  visible: boolean;
}

/**
 * The settled boxes. Never hit-tested by Konva (a click is resolved geometrically, see
 * `boxAtPoint`), so moving the view never repaints a hit canvas for a thousand boxes.
 * Redrawn when the boxes, classes or fill change, and when the view moves.
 */
export const BoxesLayer = memo(function BoxesLayer({ boxes, classById, fillOpacity, visible }: BoxesLayerProps) {
  const groups = useMemo(() => groupByClass(boxes, classById), [boxes, classById]);
  const drawBoxes = useCallback((context: Konva.Context, shape: Konva.Shape) => drawSettledBoxes(context, shape, groups, fillOpacity), [groups, fillOpacity]);
  return (
    <Layer listening={false} visible={visible}>
      <Shape sceneFunc={drawBoxes} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
});

function groupByClass(boxes: readonly Box[], classById: ReadonlyMap<number, LabelClass>): ClassBoxes[] {
  const groups = new Map<number, Box[]>();
  for (const box of boxes) {
    const group = groups.get(box.classId);
    if (group) group.push(box);
    else groups.set(box.classId, [box]);
  }
  return [...groups].map(([classId, classBoxes]) => ({ ...classStyle(classById.get(classId)), boxes: classBoxes }));
}
