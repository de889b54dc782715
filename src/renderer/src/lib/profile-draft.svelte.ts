// The hardware-profile draft the editor works on. It lives outside the component so switching sections
// and coming back loses nothing; the editor is its only writer.

import type { HardwareProfile } from '$core/hardware/profile';
import type { GpuMemoryKind, Hardware } from '$core/hardware/types';
import { GiB } from '$core/units';

export interface Row {
  key: number;
  catalogId: string | null;
  name: string;
  vramBytes: number;
  count: number;
  kind: GpuMemoryKind;
}

export const draft = $state({ name: '', rows: [] as Row[], ramGiB: null as number | null, nextKey: 1 });

export function summaryName(rows: readonly Row[]): string {
  return rows.map((r) => `${r.count} × ${r.name}`).join(' + ');
}

/** Identical detected GPUs become one row with a count (two A40s → 2 × A40). */
export function rowsFromDetected(detected: Hardware): Row[] {
  const rows: Row[] = [];
  for (const g of detected.gpus) {
    const same = rows.find(
      (r) => r.catalogId === g.catalogId && r.name === g.name && r.vramBytes === g.vramTotalBytes && r.kind === g.kind,
    );
    if (same) same.count += 1;
    else rows.push({ key: draft.nextKey++, catalogId: g.catalogId, name: g.name, vramBytes: g.vramTotalBytes, count: 1, kind: g.kind });
  }
  return rows;
}

/** The profile the draft describes; odd fields go to main as they are, whose check names them. */
export function profileFromDraft(now: Date): HardwareProfile {
  const profile: HardwareProfile = {
    name: draft.name,
    gpus: draft.rows.map((r) => ({
      ...(r.catalogId ? { catalogId: r.catalogId } : {}),
      name: r.name,
      vramBytes: r.vramBytes,
      count: r.count,
      kind: r.kind,
    })),
    createdAt: now.toISOString(),
  };
  if (draft.ramGiB !== null && Number.isFinite(draft.ramGiB)) profile.ramBytes = Math.round(draft.ramGiB * GiB);
  return profile;
}

export function roundGiB(bytes: number): number {
  return Math.round((bytes / GiB) * 100) / 100;
}
