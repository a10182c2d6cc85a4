import type { Box } from '../../../shared/annotation/payload';
import type { LabelClass } from '../../../shared/domain/project';
import { useBboxView } from './bbox-view-store';

const px = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
/** Rows listed; past this a list is not read but scrolled, and rendering it slows "next". */
const LISTED = 100;

/** The sample's boxes as text: class and corners in image pixels; a click selects. */
export function BoxList({ boxes, classes, readOnly }: { boxes: readonly Box[]; classes: readonly LabelClass[]; readOnly: boolean }) {
  const selectedId = useBboxView((s) => s.selectedId);
  const select = useBboxView((s) => s.select);
  const classOf = new Map(classes.map((c) => [c.id, c]));
  return (
    <section>
      <h3>Boxes ({boxes.length})</h3>
      {boxes.length === 0 ? (
        <p className="hint">{readOnly ? 'No boxes.' : 'Drag on the image to draw a box.'}</p>
      ) : (
        <ol className="box-list" aria-label="Boxes">
          {boxes
            .filter((box, i) => i < LISTED || box.id === selectedId)
            .map((box) => {
              const cls = classOf.get(box.classId);
              return (
                <li key={box.id}>
                  <button
                    type="button"
                    className={`box-row ${box.id === selectedId ? 'selected' : ''}`}
                    aria-pressed={box.id === selectedId}
                    onClick={() => select(box.id)}
                    style={{ ['--class-color' as string]: cls?.color ?? '#888' }}
                  >
                    <span className="swatch" />
                    <span className="box-class">{cls?.name ?? 'unknown class'}</span>
                    {cls?.retired && (
                      <span className="badge badge-retired" title="This class is retired: the box keeps it, new boxes cannot have it">
                        retired
                      </span>
                    )}
                    <span className="box-coords" data-testid="box-coords">
                      {px(box.x1)},{px(box.y1)} → {px(box.x2)},{px(box.y2)}
                    </span>
                  </button>
                </li>
              );
            })}
        </ol>
      )}
      {boxes.length > LISTED && <p className="hint">The first {LISTED} are listed; select any box on the image to see it here.</p>}
    </section>
  );
}
