// `vram-planner gpus [--search TEXT] [--json]`: browse the built-in GPU catalog.

import { parseArgs } from 'node:util';
import { GPU_CATALOG, findGpus, type GpuCatalogRecord } from '../../core/hardware/gpu-catalog';
import type { GpuLink } from '../../core/hardware/types';
import { formatGiB } from '../../core/units';
import { CliError, type CliCommand } from '../types';
import { table } from './models';

const OPTIONS = { search: { type: 'string' }, json: { type: 'boolean' } } as const;

function parse(args: string[]): { search: string | undefined; json: boolean } {
  try {
    const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
    return { search: values.search, json: values.json ?? false };
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** Everything a script needs to plan with a board: figures, speed-model family, link and source. */
function jsonRow(g: GpuCatalogRecord): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    vendor: g.vendor,
    kind: g.kind,
    family: g.family,
    tier: g.tier ?? null,
    memoryBytes: g.memoryBytes,
    memoryBytesSource: g.memoryBytesSource,
    memoryGB: g.memoryGB,
    bandwidthGBps: g.bandwidthGBps,
    fp16Tflops: g.fp16Tflops,
    int8Tops: g.int8Tops ?? null,
    fp8Tflops: g.fp8Tflops ?? null,
    link: g.link,
    pciIds: g.pciIds,
    source: g.source,
    notes: g.notes ?? null,
  };
}

/** "NVLink 450", "PCIe 4 x16", "IF 64", "SoC": per-direction GB/s to one peer is in --json. */
export function linkLabel(l: GpuLink): string {
  if (l.kind === 'pcie') return `PCIe ${l.pcieGen ?? '?'} x${l.pcieLanes ?? '?'}`;
  if (l.kind === 'soc') return 'SoC';
  const name = l.kind === 'nvlink' ? 'NVLink' : l.kind === 'infinity-fabric' ? 'IF' : 'Xe Link';
  return `${name} ${l.gbps}`;
}

export const gpus: CliCommand = async (args, io) => {
  const { search, json } = parse(args);
  const list = search === undefined ? [...GPU_CATALOG] : findGpus(search);
  if (json) {
    io.out(JSON.stringify(list.map(jsonRow), null, 2));
    return 0;
  }
  if (list.length === 0) {
    io.err(`No GPU in the catalog matches "${search ?? ''}".`);
    return 1;
  }
  const rows = list.map((g) => [
    g.id,
    g.name,
    formatGiB(g.memoryBytes),
    `${g.bandwidthGBps} GB/s`,
    String(g.fp16Tflops),
    g.family,
    linkLabel(g.link),
  ]);
  io.out(table(['ID', 'NAME', 'MEMORY', 'BANDWIDTH', 'FP16 TFLOPS', 'FAMILY', 'LINK'], rows, new Set([2, 3, 4])));
  io.out(
    `\n${list.length} GPU${list.length === 1 ? '' : 's'}. Memory is what the driver reports where known (GiB = 2^30 bytes); unified entries show total system memory. FP16 is dense tensor throughput (GeForce: FP32 accumulate); --json adds INT8/FP8, link GB/s and the source of each row.`,
  );
  return 0;
};
