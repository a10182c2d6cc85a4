import type { BboxPayload } from '../../../shared/annotation/payload';
import { activeClasses } from '../../../shared/domain/taxonomy';
import type { ProjectSummary } from '../../../shared/domain/project';
import type { Command } from '../commands';
import type { EditorSession } from '../editor-session';
import { deleteBox, nudgeBox, setBoxClass, setNoObjects } from './box-edits';
import { useBboxView } from './bbox-view-store';

const NUDGE = 1;
const BIG_NUDGE = 10;

/** The bounding-box editor's own commands, on top of the ones every editor has. */
export function bboxCommands(session: EditorSession<BboxPayload>, project: ProjectSummary, copyPrevious: () => Promise<void>): Command[] {
  const view = useBboxView.getState;
  const payload = () => session.view.getState().payload;
  const image = () => session.view.getState().sample?.image ?? null;
  const selected = () => view().selectedId;
  const hasSelection = () => selected() !== null && payload()?.boxes.some((b) => b.id === selected()) === true;

  const nudges: Command[] = (
    [
      ['Left', -1, 0],
      ['Right', 1, 0],
      ['Up', 0, -1],
      ['Down', 0, 1],
    ] as const
  ).flatMap(([direction, dx, dy]) => [
    {
      id: `nudge-${direction}`,
      title: `Move the selected box ${direction.toLowerCase()} by ${NUDGE} px`,
      keys: [`Arrow${direction}`],
      group: 'Boxes',
      repeatable: true,
      enabled: hasSelection,
      run: () => session.edit((p) => nudgeBox(p, selected()!, dx * NUDGE, dy * NUDGE, image()!), `nudge:${selected()}`),
    },
    {
      id: `nudge-${direction}-big`,
      title: `Move the selected box ${direction.toLowerCase()} by ${BIG_NUDGE} px`,
      keys: [`Shift+Arrow${direction}`],
      group: 'Boxes',
      repeatable: true,
      enabled: hasSelection,
      run: () => session.edit((p) => nudgeBox(p, selected()!, dx * BIG_NUDGE, dy * BIG_NUDGE, image()!), `nudge:${selected()}`),
    },
  ]);

  return [
    ...activeClasses(project.classes)
      .filter((c) => c.hotkey)
      .map((c): Command => ({
        id: `class:${c.id}`,
        title: `Class “${c.name}” (for the selected box and new ones)`,
        keys: [c.hotkey!.toUpperCase()],
        group: 'Classes',
        run: () => {
          view().setCurrentClass(c.id);
          if (hasSelection()) session.edit((p) => setBoxClass(p, selected()!, c.id));
        },
      })),
    {
      id: 'delete',
      title: 'Delete the selected box',
      keys: ['Delete', 'Backspace'],
      group: 'Boxes',
      enabled: hasSelection,
      run: () => session.edit((p) => deleteBox(p, selected()!)),
    },
    { id: 'deselect', title: 'Deselect', keys: ['Escape'], group: 'Boxes', run: () => view().select(null) },
    {
      id: 'select-next',
      title: 'Select the next box',
      keys: ['.'],
      group: 'Boxes',
      enabled: () => (payload()?.boxes.length ?? 0) > 0,
      run: () => view().cycle(payload()!.boxes, 1),
    },
    {
      id: 'select-previous',
      title: 'Select the previous box',
      keys: [','],
      group: 'Boxes',
      enabled: () => (payload()?.boxes.length ?? 0) > 0,
      run: () => view().cycle(payload()!.boxes, -1),
    },
    ...nudges,
    {
      id: 'no-objects',
      title: 'No objects in this image',
      keys: ['Shift+N'],
      group: 'Flags',
      enabled: () => (payload()?.boxes.length ?? 1) === 0,
      run: () => session.edit((p) => setNoObjects(p, !p.noObjects)),
    },
    {
      id: 'copy-previous',
      title: "Copy the previous sample's boxes",
      keys: ['Shift+C'],
      group: 'Boxes',
      run: () => void copyPrevious().catch(session.reportError),
    },
    { id: 'toggle-boxes', title: 'Hide or show boxes', keys: ['Shift+H'], group: 'View', run: () => view().toggleBoxes() },
    { id: 'fit', title: 'Fit the image to the window', keys: ['Shift+F'], group: 'View', run: () => view().canvas?.fit() },
    { id: 'actual-size', title: 'Actual size (1 image pixel = 1 screen pixel)', keys: ['Shift+A'], group: 'View', run: () => view().canvas?.actualSize() },
    { id: 'zoom-in', title: 'Zoom in', keys: ['=', '+'], group: 'View', run: () => view().canvas?.zoomBy(1.25) },
    { id: 'zoom-out', title: 'Zoom out', keys: ['-'], group: 'View', run: () => view().canvas?.zoomBy(0.8) },
  ];
}
