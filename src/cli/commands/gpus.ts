// `vram-planner gpus [--search TEXT] [--json]`: browse the built-in GPU catalog.

import { parseArgs } from 'node:util';
import { GPU_CATALOG, findGpus } from '../../core/hardware/gpu-catalog';
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

export const gpus: CliCommand = async (args, io) => {
  const { search, json } = parse(args);
  const list = search === undefined ? [...GPU_CATALOG] : findGpus(search);
  if (json) {
    const rows = list.map((g) => ({
      id: g.id,
      name: g.name,
      memoryBytes: g.memoryBytes,
      memoryGB: g.memoryGB,
      bandwidthGBps: g.bandwidthGBps,
      fp16Tflops: g.fp16Tflops,
      vendor: g.vendor,
      kind: g.kind,
      pciIds: g.pciIds,
    }));
    io.out(JSON.stringify(rows, null, 2));
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
    g.fp16Tflops === null ? '—' : String(g.fp16Tflops),
    g.vendor,
    g.kind,
  ]);
  io.out(table(['ID', 'NAME', 'MEMORY', 'BANDWIDTH', 'FP16 TFLOPS', 'VENDOR', 'KIND'], rows, new Set([2, 3, 4])));
  io.out(
    `\n${list.length} GPU${list.length === 1 ? '' : 's'}. Memory is what the driver reports where known (GiB = 2^30 bytes); unified entries show total system memory.`,
  );
  return 0;
};
