/**
 * Screen pixels the pointer may travel during a press that is still a click. Past it, a
 * press on empty image draws and a press on the selected box moves it (Konva's
 * `dragDistance`); below it, either press selects instead.
 */
export const CLICK_SLOP = 3;

/** Screen pixels around a box's outline within which a click still selects it. */
export const CLICK_TOLERANCE = 5;
