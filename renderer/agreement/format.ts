/** Red for disagreement through amber to green for agreement, for heatmap cells. */
export function agreementColor(value: number | null): string {
  if (value === null) return '#eef1f5';
  const hue = Math.round(Math.max(0, Math.min(1, value)) * 120);
  return `hsl(${hue} 65% 78%)`;
}
