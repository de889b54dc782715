// GGUF header import on a multi-GB file: a 70B-shaped Q4_K_M GGUF (Llama-3-70B shapes, 128k vocab and
// 280k merges like the real tokenizer) written as a sparse file, imported through the same service the
// app and CLI use. Tracks wall time and the bytes actually read.

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFile } from '../src/main/services/gguf-file';
import { strArr, writeSyntheticGguf, type SyntheticModel } from '../tests/support/gguf-writer';
import { median, type BenchRow } from './types';

const MiB = 1024 * 1024;

function merges(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`\u0120t${i.toString(36)} ${(i * 7919).toString(36)}`);
  return out;
}

export default async function bench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gguf-bench-'));
  try {
    const model: SyntheticModel = {
      architecture: 'llama',
      name: 'bench-70b',
      layers: 80,
      hidden: 8192,
      ff: 28672,
      heads: 64,
      kvHeads: 8,
      vocab: 128256,
      contextLength: 131072,
      fileType: 'Q4_K_M',
      extraMetadata: [['tokenizer.ggml.merges', strArr(merges(280147))]],
    };
    const path = join(dir, 'bench-70b-Q4_K_M.gguf');
    await writeSyntheticGguf(path, model);
    const apparent = (await stat(path)).size;
    // Warm-up: the first import pays for module JIT and the page cache of the header.
    let last = await readGgufFile(path);
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      last = await readGgufFile(path);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    const readMiB = last.bytesRead / MiB;
    return [
      {
        metric: `GGUF import, 70B Q4_K_M (${(apparent / 1e9).toFixed(1)} GB sparse, ${last.input.tensors?.length ?? 0} tensors)`,
        value: Number(ms.toFixed(2)),
        unit: 'ms',
        target: '< 50 ms',
        ok: ms < 50,
      },
      {
        metric: 'GGUF import, bytes read',
        value: Number(readMiB.toFixed(2)),
        unit: 'MiB',
        target: '< 16 MiB',
        ok: last.bytesRead < 16 * MiB,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
