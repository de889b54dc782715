// `npm run bench` imports every bench/*.bench.ts and prints their rows as one table.

export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** Human target, e.g. "≤ 20 µs". */
  target?: string;
  /** Whether the value meets the target (undefined when there is none). */
  ok?: boolean;
}

export type BenchModule = { default: () => Promise<BenchRow[]> };

/** Median of repeated timings, in milliseconds. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
