/**
 * Colours given to classes that were created without one: distinct on a photo and
 * for the common forms of colour blindness (Okabe–Ito, then Tableau 10 for more).
 */
export const CLASS_PALETTE = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#f0e442',
  '#0072b2',
  '#d55e00',
  '#cc79a7',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
] as const;

/**
 * The colour for the n-th class (0-based), cycling when a taxonomy outgrows the palette.
 * @example paletteColor(0) // '#e69f00'
 */
export function paletteColor(index: number): string {
  return CLASS_PALETTE[index % CLASS_PALETTE.length] ?? CLASS_PALETTE[0];
}

/**
 * Hotkeys 1–9 for the first nine classes, so a labeler switches class without the mouse.
 * @example defaultClassHotkey(0) // '1'; defaultClassHotkey(9) // null
 */
export function defaultClassHotkey(index: number): string | null {
  return index < 9 ? String(index + 1) : null;
}
