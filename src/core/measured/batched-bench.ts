// Reads llama-batched-bench's table (tools/batched-bench/batched-bench.cpp): one row per prompt size PP,
// generated tokens TG and parallel sequences B, with the prefill speed S_PP and the aggregate decode speed
// S_TG (tokens/s over all B sequences). The "main: n_kv_max = ..., flash_attn = ..." line above it gives
// the settings. ik_llama.cpp's sweep-bench prints the same columns without B; those rows count as B = 1.

import { emptyNotes, linesOf, type ParseNotes } from './text';

export interface BatchedBenchRow {
  promptTokens: number;
  generatedTokens: number;
  sequences: number;
  /** Cells in use at the end of the row (N_KV). */
  kvCells: number;
  prefillSeconds: number;
  prefillTokensPerSecond: number;
  decodeSeconds: number;
  /** Sum over all sequences. */
  decodeTokensPerSecond: number;
}

export interface BatchedBench extends ParseNotes {
  kind: 'batched-bench';
  settings: { kvMax?: number; batch?: number; ubatch?: number; flashAttention?: boolean; promptShared?: boolean; gpuLayers?: number };
  rows: BatchedBenchRow[];
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

export function parseBatchedBench(input: unknown): BatchedBench {
  const b: BatchedBench = { kind: 'batched-bench', settings: {}, rows: [], ...emptyNotes() };
  const lines = linesOf(input, b.problems);
  if (!lines) return b;
  const main = lines.find((l) => /n_kv_max\s*=/.test(l));
  if (main) {
    const int = (k: string) => {
      const m = new RegExp(`\\b${k}\\s*=\\s*(-?\\d+)`).exec(main);
      return m ? Number(m[1]) : undefined;
    };
    b.settings = { kvMax: int('n_kv_max'), batch: int('n_batch'), ubatch: int('n_ubatch'), gpuLayers: int('n_gpu_layers') };
    const fa = int('flash_attn');
    if (fa !== undefined && fa >= 0) b.settings.flashAttention = fa === 1;
    const shared = int('is_pp_shared');
    if (shared !== undefined) b.settings.promptShared = shared === 1;
  }
  const at = lines.findIndex((l) => /^\s*\|\s*PP\s*\|\s*TG\s*\|/.test(l) && /S_TG t\/s/.test(l));
  if (at < 0) {
    b.problems.push('No llama-batched-bench table (| PP | TG | B | N_KV | ... | S_TG t/s |) was recognised.');
    return b;
  }
  const head = cellsOf(lines[at]!);
  const col = (n: string) => head.indexOf(n);
  for (const line of lines.slice(at + 1)) {
    if (!line.trim().startsWith('|')) break;
    const c = cellsOf(line);
    if (c.every((x) => /^[-:\s]*$/.test(x))) continue;
    const n = (name: string, fallback?: number) => (col(name) >= 0 ? Number(c[col(name)]) : (fallback ?? NaN));
    const row: BatchedBenchRow = {
      promptTokens: n('PP'),
      generatedTokens: n('TG'),
      sequences: n('B', 1),
      kvCells: n('N_KV'),
      prefillSeconds: n('T_PP s'),
      prefillTokensPerSecond: n('S_PP t/s'),
      decodeSeconds: n('T_TG s'),
      decodeTokensPerSecond: n('S_TG t/s'),
    };
    if (Object.values(row).some((x) => !Number.isFinite(x)))
      b.problems.push(`A table row was not understood: "${line.trim().slice(0, 120)}".`);
    else b.rows.push(row);
  }
  const has = (ok: boolean, name: string) => (ok ? b.recognised : b.missing).push(name);
  has(b.rows.length > 0, `${b.rows.length} result rows`);
  has(main !== undefined, 'settings line (n_kv_max, flash_attn)');
  return b;
}
