import type { LabelClass } from '../../../../shared/domain/project';

/** How a box of some class is drawn: outline and fill colour, and the name on its tag. */
export interface ClassStyle {
  color: string;
  name: string;
}

/** For a box whose class no longer exists: still drawn, plainly marked. */
const UNKNOWN_CLASS: ClassStyle = { color: '#9aa5b1', name: 'Unknown class' };

export function classStyle(labelClass: LabelClass | undefined): ClassStyle {
  return labelClass ? { color: labelClass.color, name: labelClass.name } : UNKNOWN_CLASS;
}

/**
 * A class colour (`#rrggbb`, as the project schema guarantees) at some opacity, for fills
 * that must not fade the outline drawn over them.
 * @example withAlpha('#ff8000', 0.25) // 'rgba(255,128,0,0.25)'
 */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = channels(hex);
  return `rgba(${r},${g},${b},${alpha})`;
}

/** Black or white, whichever is easier to read on the colour (WCAG relative luminance). */
export function textColorOn(hex: string): string {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Above this luminance black text has more contrast than white.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
