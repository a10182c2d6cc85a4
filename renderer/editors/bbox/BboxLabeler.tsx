import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { activeClasses } from '../../../shared/domain/taxonomy';
import { api } from '../../api/api';
import { BrokenMedia } from '../chrome/BrokenMedia';
import { SessionStatusBar } from '../chrome/SessionStatusBar';
import { sessionCommands } from '../chrome/session-commands';
import { ShortcutsHelp } from '../chrome/ShortcutsHelp';
import { SidePanel } from '../chrome/SidePanel';
import { useMediaError } from '../chrome/use-media-error';
import type { EditorProps } from '../editor-definition';
import { useSessionView, type EditorSession } from '../editor-session';
import { useCommandKeys } from '../use-command-keys';
import { bboxCommands } from './bbox-commands';
import { BboxCanvas } from './BboxCanvas';
import { BboxToolbar } from './BboxToolbar';
import { BoxList } from './BoxList';
import { decodeInTurn } from './canvas/decoded-images';
import { addBox, copyBoxes, setBoxRect, setNoObjects } from './box-edits';
import type { BoxRect } from './canvas-contract';
import { useBboxView } from './bbox-view-store';
import '../editors.css';
import './bbox.css';
import { countOf } from '../../../shared/text/plural';

/** What the mouse does here, for the shortcuts panel. */
const MOUSE_HINT = 'drag to draw a box, click to select, drag a box or its handles to move or resize. Wheel zooms; hold Space or the middle button to pan.';

/** The bounding-box editor around its canvas: toolbar, commands, flags, save state. */
export function BboxLabeler({ project, session }: EditorProps<BboxPayload>) {
  const sample = useSessionView(session, (v) => v.sample);
  const payload = useSessionView(session, (v) => v.payload);
  const readOnly = useSessionView(session, (v) => v.readOnly);
  const selectedId = useBboxView((s) => s.selectedId);
  const chosenClassId = useBboxView((s) => s.currentClassId);
  const boxesVisible = useBboxView((s) => s.boxesVisible);
  const boxOpacity = useBboxView((s) => s.boxOpacity);
  const select = useBboxView((s) => s.select);
  const attachCanvas = useBboxView((s) => s.attachCanvas);
  const [helpOpen, setHelpOpen] = useState(false);
  const [imageError, reportImageError] = useMediaError(sample?.id);
  // A retired class is never the one new boxes get, even if it was chosen before it was retired.
  const offered = activeClasses(project.classes);
  const currentClassId = offered.find((c) => c.id === chosenClassId)?.id ?? offered[0]?.id ?? null;
  usePredecodeAhead(session);

  const copyPrevious = useCallback(async () => {
    const image = session.view.getState().sample?.image;
    if (!image) return;
    const boxes = (await session.previousPayload())?.boxes ?? [];
    if (boxes.length === 0) {
      session.inform('The previous sample has no boxes to copy.');
      return;
    }
    const classIds = new Set(activeClasses(project.classes).map((c) => c.id));
    session.edit((p) => copyBoxes(p, boxes, image, classIds));
  }, [project.classes, session]);

  const commands = useMemo(
    () => [...sessionCommands(session, project, () => setHelpOpen((o) => !o)), ...bboxCommands(session, project, copyPrevious)],
    [session, project, copyPrevious],
  );
  useCommandKeys(commands);

  if (!sample || !payload) return <div className="empty">{sample ? 'This sample’s label is not a bounding-box label.' : 'Loading…'}</div>;
  const image = sample.image;
  const brokenMessage = imageError ?? (!image ? 'This sample has no image size recorded.' : null);

  const onCreate = (rect: BoxRect) => {
    if (currentClassId === null) {
      session.reportError(new Error('This project has no classes: add one before drawing boxes.'));
      return;
    }
    let created: string | null = null;
    session.edit((p) => {
      const next = addBox(p, rect, currentClassId);
      created = next.boxes.at(-1)?.id ?? null;
      return next;
    });
    select(created);
  };

  return (
    <div className="labeler">
      <div className="editor-column">
        <BboxToolbar
          session={session}
          project={project}
          currentClassId={currentClassId}
          onHelp={() => setHelpOpen(true)}
          onCopyPrevious={() => void copyPrevious().catch(session.reportError)}
        />
        <div className="canvas-frame">
          {brokenMessage || !image ? (
            <BrokenMedia session={session} message={brokenMessage ?? 'This sample has no image size recorded.'} tone="dark" />
          ) : (
            <BboxCanvas
              ref={attachCanvas}
              image={{ url: api.mediaUrl(sample, 'display'), width: image.width, height: image.height }}
              boxes={payload.boxes}
              classes={project.classes}
              currentClassId={currentClassId}
              selectedId={selectedId}
              boxesVisible={boxesVisible}
              boxOpacity={boxOpacity}
              onCreate={onCreate}
              onChange={(id, rect) => session.edit((p) => setBoxRect(p, id, rect))}
              onSelect={select}
              onImageError={reportImageError}
            />
          )}
        </div>
        <SessionStatusBar session={session}>
          {image && ` · ${image.width}×${image.height}`} · {countOf(payload.boxes.length, 'box', 'boxes')}
        </SessionStatusBar>
      </div>
      <SidePanel
        session={session}
        project={project}
        kindFlags={
          <label className="checkbox">
            <input
              type="checkbox"
              checked={payload.noObjects}
              disabled={payload.boxes.length > 0 || readOnly !== null}
              onChange={(e) => session.edit((p) => setNoObjects(p, e.target.checked))}
            />{' '}
            No objects <kbd>Shift+N</kbd>
          </label>
        }
      >
        <BoxList boxes={payload.boxes} classes={project.classes} readOnly={readOnly !== null} />
      </SidePanel>
      {helpOpen && <ShortcutsHelp commands={commands} mouseHint={MOUSE_HINT} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

/** Samples ahead whose images are decoded early, so "next" shows the image at once. */
const DECODE_AHEAD = 3;

function usePredecodeAhead(session: EditorSession<BboxPayload>): void {
  const sample = useSessionView(session, (v) => v.sample);
  const upcoming = useSessionView(session, (v) => v.upcoming);
  useEffect(() => {
    let wanted = true;
    // The image on screen first (the canvas asked for it already: waiting on it costs nothing once it is decoded).
    const urls = [...(sample ? [sample] : []), ...upcoming.slice(0, DECODE_AHEAD)].map((media) => api.mediaUrl(media, 'display'));
    void decodeInTurn(urls, () => wanted);
    return () => {
      wanted = false;
    };
  }, [sample, upcoming]);
}
