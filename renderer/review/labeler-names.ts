import type { Labeler } from '../../shared/domain/labeler';

/** Okabe–Ito colours: distinct for colour-blind readers too. */
const COLORS = ['#E69F00', '#0072B2', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#999933', '#882255'];

export const CONSENSUS_COLOR = '#111111';

/** A labeler's colour, fixed by their place among the sample's labelers. */
export function labelerColor(index: number): string {
  return COLORS[index % COLORS.length]!;
}

/**
 * How a sample's labelers are shown: by name, or as "Labeler A, B, …" (by labeler id order) when
 * names are hidden, so the SME judges the work and not who did it.
 */
export function labelerNamer(labelerIds: readonly number[], labelers: readonly Labeler[], hide: boolean): (labelerId: number) => string {
  const names = new Map(labelers.map((l) => [l.id, l.name]));
  const order = [...labelerIds].sort((x, y) => x - y);
  return (labelerId) => (hide ? `Labeler ${String.fromCharCode(65 + order.indexOf(labelerId))}` : (names.get(labelerId) ?? `#${labelerId}`));
}
