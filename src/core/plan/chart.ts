// Geometry of the per-device memory chart (stacked bar against the device's usable line), computed in
// core so the print view only draws rectangles and tests can check the proportions.

import type { Plan } from './types';

export type SegmentKind = 'inUse' | 'overhead' | 'weights' | 'kv' | 'compute';

export interface ChartSegment {
  kind: SegmentKind;
  bytes: number;
  /** Start and width as fractions of the chart's scale (0..1). */
  x: number;
  width: number;
}

export interface DeviceChart {
  id: string;
  name: string;
  /** Bytes the full bar width stands for. */
  scaleBytes: number;
  segments: ChartSegment[];
  /** Where the usable limit sits (other programs + runtime reserve + usable), fraction of scale. */
  limitX: number;
  limitBytes: number;
  /** Physical memory end, fraction of scale (1 unless the plan overflows the device). */
  totalX: number;
  overflows: boolean;
}

export function deviceChart(plan: Pick<Plan, 'devices'>): DeviceChart[] {
  return plan.devices.map((d) => {
    const parts: Array<[SegmentKind, number]> = [
      ['inUse', d.budget.inUseBytes],
      ['overhead', d.overheadBytes],
      ['weights', d.weightsBytes],
      ['kv', d.kvBytes],
      ['compute', d.computeBytes],
    ];
    const stacked = parts.reduce((s, [, b]) => s + Math.max(0, b), 0);
    const limitBytes = Math.max(0, d.budget.inUseBytes) + Math.max(0, d.overheadBytes) + Math.max(0, d.capacityBytes);
    const scale = Math.max(d.totalBytes, limitBytes, stacked, 1);
    let x = 0;
    const segments: ChartSegment[] = [];
    for (const [kind, bytes] of parts) {
      const width = Math.max(0, bytes) / scale;
      segments.push({ kind, bytes: Math.max(0, bytes), x, width });
      x += width;
    }
    return {
      id: d.id,
      name: d.name,
      scaleBytes: scale,
      segments,
      limitX: limitBytes / scale,
      limitBytes,
      totalX: d.totalBytes / scale,
      overflows: stacked > limitBytes,
    };
  });
}
