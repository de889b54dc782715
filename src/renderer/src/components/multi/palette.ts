// One colour per model of the set, in placement order, for the bar segments, the legend and the table's
// swatch. Tableau 10's first eight: distinct from each other in light and dark themes and for the common
// colour-vision deficiencies (Tableau's own design notes), and never the usable line's dashed text colour.
export const MODEL_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7'] as const;

export function modelColor(index: number): string {
  return MODEL_COLORS[index % MODEL_COLORS.length]!;
}
