import { systemClock, type Clock } from '../autosave/autosaver';
import type { TimeMeter } from '../label/label-session';
import { createLabelStore } from '../label/label-store';

/** A gold decision records no labeling time (the gold source sends none), so nothing is measured. */
const NO_LABELING_TIME: TimeMeter = { take: () => 0, giveBack: () => undefined, dispose: () => undefined };

/**
 * A label store of the gold editor's own, apart from the app's (the labeler's queue): a gold
 * edit and a queue can be open at once in one window, and starting or closing either leaves the
 * other's session, autosave and undo as they were.
 * @example const store = createGoldLabelStore(); await store.getState().start(goldSource(api, review, name, note, done), 'bbox');
 */
export function createGoldLabelStore(clock: Clock = systemClock) {
  return createLabelStore(() => NO_LABELING_TIME, clock);
}
