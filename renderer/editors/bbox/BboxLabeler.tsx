import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BboxPayload } from '../../../shared/annotation/payload';
import type { ProjectSummary } from '../../../shared/domain/project';
import { api } from '../../api/api';
import { labelCommands } from '../../label/label-commands';
import { useLabelStore } from '../../label/label-store';
import { BrokenMedia } from '../../label/BrokenMedia';
import { LabelStatusBar } from '../../label/LabelStatusBar';
import { useMediaError } from '../../label/use-media-error';
import { SidePanel } from '../../label/SidePanel';
import { useCommandKeys } from '../use-command-keys';
import { reportError, useNotices } from '../../stores/notices';
import { ShortcutsHelp } from '../ShortcutsHelp';
import { bboxCommands } from './bbox-commands';
import { BboxCanvas } from './BboxCanvas';
import { BboxToolbar } from './BboxToolbar';
import { BoxList } from './BoxList';
import { predecode } from './canvas/decoded-images';
import { addBox, copyBoxes, setBoxRect, setNoObjects } from './box-edits';
import type { BoxRect } from './canvas-contract';
import { useBboxView } from './bbox-view-store';
import '../editors.css';
import './bbox.css';

/** The bounding-box editor around its canvas: toolbar, commands, flags, save state. */
export function BboxLabeler({ project }: { project: ProjectSummary }) {
  const current = useLabelStore((s) => s.current);
  const index = useLabelStore((s) => s.index);
  const edit = useLabelStore((s) => s.edit);
  const selectedId = useBboxView((s) => s.selectedId);
  const chosenClassId = useBboxView((s) => s.currentClassId);
  const boxesVisible = useBboxView((s) => s.boxesVisible);
  const boxOpacity = useBboxView((s) => s.boxOpacity);
  const select = useBboxView((s) => s.select);
  const attachCanvas = useBboxView((s) => s.attachCanvas);
  const [helpOpen, setHelpOpen] = useState(false);
  const [imageError, reportImageError] = useMediaError(current?.sample.id);
  const currentClassId = chosenClassId ?? project.classes[0]?.id ?? null;
  usePredecodeAhead(index);

  const copyPrevious = useCallback(async () => {
    const { queue, index: at, source, current: here } = useLabelStore.getState();
    const previous = queue[at - 1];
    if (!previous || !source || !here?.sample.image) return;
    const { saved } = await source.load(previous.sampleId);
    const boxes = saved?.payload.kind === 'bbox' ? saved.payload.boxes : [];
    if (boxes.length === 0) {
      useNotices.getState().show('info', 'The previous sample has no boxes to copy.');
      return;
    }
    const classIds = new Set(project.classes.map((c) => c.id));
    useLabelStore.getState().edit((p) => copyBoxes(p as BboxPayload, boxes, here.sample.image!, classIds));
  }, [project.classes]);

  const commands = useMemo(() => [...labelCommands(project, () => setHelpOpen((o) => !o)), ...bboxCommands(project, copyPrevious)], [project, copyPrevious]);
  useCommandKeys(commands);

  if (!current) return <div className="empty">Loading…</div>;
  const payload = current.history.present as BboxPayload;
  const image = current.sample.image;
  const brokenMessage = imageError ?? (!image ? 'This sample has no image size recorded.' : null);

  const onCreate = (rect: BoxRect) => {
    if (currentClassId === null) {
      reportError(new Error('This project has no classes: add one before drawing boxes.'));
      return;
    }
    let created: string | null = null;
    edit((p) => {
      const next = addBox(p as BboxPayload, rect, currentClassId);
      created = next.boxes.at(-1)?.id ?? null;
      return next;
    });
    select(created);
  };

  return (
    <div className="labeler">
      <div className="editor-column">
        <BboxToolbar
          project={project}
          currentClassId={currentClassId}
          onHelp={() => setHelpOpen(true)}
          onCopyPrevious={() => void copyPrevious().catch(reportError)}
        />
        <div className="canvas-frame">
          {brokenMessage || !image ? (
            <BrokenMedia message={brokenMessage ?? 'This sample has no image size recorded.'} tone="dark" />
          ) : (
            <BboxCanvas
              ref={attachCanvas}
              image={{ url: api.mediaUrl(current.sample, 'display'), width: image.width, height: image.height }}
              boxes={payload.boxes}
              classes={project.classes}
              currentClassId={currentClassId}
              selectedId={selectedId}
              boxesVisible={boxesVisible}
              boxOpacity={boxOpacity}
              onCreate={onCreate}
              onChange={(id, rect) => edit((p) => setBoxRect(p as BboxPayload, id, rect))}
              onSelect={select}
              onImageError={reportImageError}
            />
          )}
        </div>
        <LabelStatusBar>
          {image && ` · ${image.width}×${image.height}`} · {payload.boxes.length} {payload.boxes.length === 1 ? 'box' : 'boxes'}
        </LabelStatusBar>
      </div>
      <SidePanel
        project={project}
        kindFlags={
          <label className="checkbox">
            <input
              type="checkbox"
              checked={payload.noObjects}
              disabled={payload.boxes.length > 0}
              onChange={(e) => edit((p) => setNoObjects(p as BboxPayload, e.target.checked))}
            />{' '}
            No objects <kbd>Shift+N</kbd>
          </label>
        }
      >
        <BoxList boxes={payload.boxes} classes={project.classes} />
      </SidePanel>
      {helpOpen && <ShortcutsHelp commands={commands} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

/** Samples ahead whose images are decoded early, so "next" shows the image at once. */
const DECODE_AHEAD = 3;

function usePredecodeAhead(index: number): void {
  const queue = useLabelStore((s) => s.queue);
  useEffect(() => {
    for (const item of queue.slice(index + 1, index + 1 + DECODE_AHEAD)) predecode(api.mediaUrl({ id: item.sampleId, sha256: item.sha256 }, 'display'));
  }, [queue, index]);
}
