// Writes docs/capacity-accuracy.md: the serving capacity model against measured serving runs
// (tests/fixtures/serving), the KV pool rows and the load rows split into the fit rows (the serving speed
// constants are fitted on them, capacity-fit.ts) and the check rows (never fitted). `npm run accuracy`
// calls capacityAccuracyDoc(); `npx tsx tests/accuracy/capacity-doc.ts` regenerates the file alone.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEED_CALIBRATION } from '../../src/core/advice/speed-calibration';
import { median, relError, runCase, servingRows, type CapacityCase } from './capacity-cases';
import { fitServing, LOAD_METRICS, medianErrors, trialRows } from './capacity-fit';

export const CAPACITY_DOC_PATH = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../docs/capacity-accuracy.md');

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`;
const abs = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');

function summary(name: string, cases: CapacityCase[]): string {
  const m = medianErrors(cases);
  return `| ${name} | ${cases.length} | ${LOAD_METRICS.map((k) => `${abs(m[k].median)} (${m[k].n})`).join(' | ')} |`;
}

function rowLine(c: CapacityCase): string {
  const r = c.row;
  const cell = (k: keyof CapacityCase['measured'], digits = 1) =>
    c.measured[k] === undefined
      ? '–'
      : `${c.measured[k]!.toFixed(digits)} / ${c.predicted[k].toFixed(digits)} (${pct(relError(c.predicted[k], c.measured[k]!))})`;
  return `| ${c.id} | ${r.set} | ${r.runtime} ${r.version} | ${r.model} ${r.quant} | ${r.gpu} × ${r.gpus} (TP ${r.tp}) | ${r.isl}/${r.osl} | ${r.concurrency} | ${cell('ttftMs', 0)} | ${cell('tpotMs', 2)} | ${cell('outputTps', 0)} |`;
}

function poolError(c: CapacityCase): number {
  return Math.abs(relError(c.predicted.kvTokens, c.measured.kvTokens!));
}

/** Measured − predicted TPOT (ms) over the rows of `ids`: lowest and highest. */
function tpotGap(load: CapacityCase[], ids: string[]): string {
  const gaps = load
    .filter((c) => ids.includes(c.id) && c.measured.tpotMs !== undefined)
    .map((c) => c.measured.tpotMs! - c.predicted.tpotMs);
  return `${Math.min(...gaps).toFixed(1)}–${Math.max(...gaps).toFixed(1)} ms`;
}

/** The load rows outside the targets, each with the physical cause found or the part left unexplained. */
function loadMisses(load: CapacityCase[]): string[] {
  const byId = (id: string) => load.find((c) => c.id === id)!;
  const kimi1 = byId('l30');
  const kimi16 = byId('l31');
  // The 128-token prompts, where the context read is small and the per-step floor shows alone.
  const small = load.filter((c) => c.row.source === 'S8' && c.row.isl === '128' && c.row.quant === 'bf16').map((c) => c.id);
  const longer = load.filter((c) => c.row.source === 'S8' && Number(c.row.isl) >= 1024 && c.row.quant === 'bf16').map((c) => c.id);
  const r1 = load.filter((c) => c.row.source === 'S8' && c.row.model === 'deepseek-r1').map((c) => c.id);
  const l32 = byId('l32');
  const tiny = load.filter((c) => c.row.model === 'qwen3-1.7b').map((c) => relError(c.predicted.tpotMs, c.measured.tpotMs!));
  const tinyErrors = `${pct(Math.min(...tiny))} to ${pct(Math.max(...tiny))}`;
  return [
    '### Load-row misses',
    '',
    `- S8 (vLLM releases of 2025-06 to 2025-11, one user, 128-token prompts): measured TPOT exceeds the priced step by ${tpotGap(load, small)}`,
    '  on Qwen3-1.7B, 4B and 30B-A3B alike, a floor that does not grow with the model: the host time of a V1 scheduler',
    '  that prepares each step after the last one ends (async scheduling was opt-in then; vllm-project/vllm PR 27614 made',
    '  it the default). The planner prices the current release, which overlaps it, and the harness gives capacity() no',
    `  release, so the gap weighs most on the smallest model (Qwen3-1.7B ${tinyErrors}). With 1024–4096-token prompts`,
    `  the gap is ${tpotGap(load, longer)}: the priced KV read grows faster with`,
    '  the context than these runs show, which hides the same floor.',
    `- S8 DeepSeek-R1-AWQ on 8 × H100: ${tpotGap(load, r1)} more than priced, beyond that host floor: 61 layers × 2 all-reduces`,
    '  over 8 GPUs at one token and the AWQ (Marlin) MoE and MLA kernels at batch 1 are candidates; one source, no',
    '  breakdown, so it stays a named miss rather than a constant.',
    `- S9 Kimi-K2.6 (W4A16) on MI350X under SGLang: TPOT ${kimi1.measured.tpotMs!.toFixed(1)} ms at one user and ${kimi16.measured.tpotMs!.toFixed(1)} ms at 16`,
    `  (× ${(kimi16.measured.tpotMs! / kimi1.measured.tpotMs!).toFixed(1)}), where streaming the experts touched predicts × ${(kimi16.predicted.tpotMs / kimi1.predicted.tpotMs).toFixed(1)}: the int4 MoE path on ROCm`,
    '  costs more than its weight reads and grows with the experts a batch touches; TTFT misses the same way.',
    `- S10 Nemotron-3-Nano FP8 on H200, 1024 users in one fixed-length wave: TTFT ${l32.measured.ttftMs!.toFixed(0)} ms measured, ${l32.predicted.ttftMs.toFixed(0)} ms`,
    '  priced: its prefill runs in 8192-token passes, whose GEMMs reach more of the peak than the 500-token prefill',
    "  the HBM ε is read at. capacity/speed.ts passShare prices that width (M / (M + M½), NVIDIA's GEMM background",
    '  guide), and S10 is the only source with a wide pass on HBM, so fitting it whole was tried:',
    ...wideSourceTrial(),
    '',
  ];
}

/**
 * `capacity-fit.ts --fit-source S10`, computed: what moving S10 to the fit set does to the fitted M½ and to the
 * check rows left, against the shipped constants on the same split. Why S10 stays a check source.
 */
function wideSourceTrial(): string[] {
  const rows = trialRows(['S10']);
  const refit = fitServing(rows.fit).calibration;
  const half = { ...SPEED_CALIBRATION, vllm: { ...SPEED_CALIBRATION.vllm, prefillHalfTokens: refit.vllm.prefillHalfTokens } };
  const l32 = (cal: typeof SPEED_CALIBRATION, k: 'ttftMs' | 'tpotMs' | 'outputTps' = 'ttftMs') => {
    const c = runCase(
      rows.fit.find((r) => r.id === 'l32')!,
      cal,
    );
    return pct(relError(c.predicted[k], c.measured[k]!));
  };
  const check = (cal: typeof SPEED_CALIBRATION) => {
    const m = medianErrors(rows.check.map((r) => runCase(r, cal)));
    return LOAD_METRICS.map((k) => abs(m[k].median)).join(' / ');
  };
  // A pass-width curve steep enough for l32's TTFT (M½ 2048) shows what the rest of the row says about it.
  const wide = { ...SPEED_CALIBRATION, vllm: { ...SPEED_CALIBRATION.vllm, prefillHalfTokens: 2048 } };
  return [
    `  the fit sets M½ to ${refit.vllm.prefillHalfTokens ?? 'off'} tokens and l32's TTFT goes from ${l32(SPEED_CALIBRATION)} to ${l32(refit)} (${l32(half)} with M½ alone).`,
    `  On the check rows left (TTFT / TPOT / output medians) the shipped constants give ${check(SPEED_CALIBRATION)}, the whole`,
    `  refit ${check(refit)} (it also moves the AMD CDNA ε and first-token time, of which only the sum is measured)`,
    `  and M½ alone ${check(half)}: neither keeps every check median, so S10 stays a check source and M½ stays`,
    `  off. At M½ 2048 l32's TTFT is ${l32(wide)} but its TPOT ${l32(wide, 'tpotMs')} and output ${l32(wide, 'outputTps')}: with its prefill priced near the`,
    '  measure, the mixed prefill and decode steps of its wave come out too fast, so a pass-width curve alone cannot fit it.',
  ];
}

/** Medians over the check rows of the sources the fit never saw (S8, S9, S10). */
function independentSummary(load: CapacityCase[]): string {
  const rows = load.filter((c) => c.row.set === 'check' && ['S8', 'S9', 'S10'].includes(c.row.source!));
  const m = medianErrors(rows);
  return LOAD_METRICS.map((k) => `${k} ${abs(m[k].median)} (${m[k].n})`).join(', ');
}

export function capacityAccuracyDoc(): string {
  const cases = servingRows().map((r) => runCase(r));
  const pool = cases.filter((c) => c.kind === 'pool');
  const load = cases.filter((c) => c.kind === 'load');
  const v = SPEED_CALIBRATION.vllm;
  const eff = Object.entries(SPEED_CALIBRATION.vllmEfficiency)
    .map(([k, e]) => `${k}: η ${e?.decode ?? 'llama.cpp’s'}, ε ${e?.prefill ?? 'llama.cpp’s'}`)
    .join('; ');
  const first = Object.entries(SPEED_CALIBRATION.servingFirstTokenSeconds)
    .map(([k, s]) => `${k} ${((s ?? 0) * 1000).toFixed(0)} ms`)
    .join(', ');
  const poolErr = pool.map(poolError);
  // p04's log gives its KV memory (8.11 GiB per GPU, SOURCES.md S2); the planner's pool in the same bytes per token.
  const p04 = pool.find((c) => c.id === 'p04');
  const p04GiB = p04 ? (8.11 * p04.predicted.kvTokens) / p04.measured.kvTokens! : NaN;
  return [
    '# Serving capacity: accuracy',
    '',
    'Generated by `npm run accuracy` (or `npx tsx tests/accuracy/capacity-doc.ts`) from tests/fixtures/serving/serving.csv;',
    'every row is quoted with its URL in tests/fixtures/serving/SOURCES.md. Issue 17 targets: KV pool within 5 % of what',
    'the runtime reports; aggregate output throughput median |error| ≤ 25 %; TTFT and TPOT median ≤ 30 %.',
    '',
    '## Serving speed constants',
    '',
    'vLLM and SGLang are priced by the speed model (src/core/advice/speed*.ts) with their own constants, fitted by',
    '`npx tsx tests/accuracy/capacity-fit.ts` on the load rows marked `fit`; the `check` rows are never fitted.',
    '',
    `- Efficiency (vllmEfficiency): ${eff}. Other families take llama.cpp's figures.`,
    `- Host time per step with the scheduler a step ahead (vLLM async scheduling, SGLang overlap scheduler): ${(v.overlappedStepSeconds * 1e6).toFixed(0)} µs; older releases pay ${(v.stepSeconds * 1e6).toFixed(0)} µs (issue 15's fit on tests/fixtures/speed S10).`,
    `- Share of llama.cpp's per-layer launch costs in a full-graph decode step: ${v.currentLayerShare}; share of the decode bandwidth a batched step reaches: ${v.batchedStreamEfficiency}.`,
    `- First-token time besides the prefill work (server, admission, eager prefill launches): ${first}.`,
    `- Prefill passes: a prompt runs in passes of up to the step's token budget; the GEMM efficiency grows with the pass width as M / (M + M½), relative to a 512-token pass: ${v.prefillHalfTokens ? `M½ ${v.prefillHalfTokens} tokens` : 'M½ off (the fit rows do not identify it)'}.`,
    '- Random-length runs start their first `concurrency` requests together: concurrency ÷ num_prompts of them are priced as a burst (capacity-cases.ts burstShare).',
    '',
    '## Load rows',
    '',
    '| rows | n | TTFT median (n) | TPOT median (n) | output tok/s median (n) |',
    '|---|---|---|---|---|',
    summary('all load rows', load),
    summary(
      'fit rows',
      load.filter((c) => c.row.set === 'fit'),
    ),
    summary(
      '**check rows (held out)**',
      load.filter((c) => c.row.set === 'check'),
    ),
    '',
    'S3, S5 and S6 split their sweeps between fit and check rows, so those check rows test the load model across',
    "concurrency; S8, S9 and S10 (tenstorrent's vLLM GPU references, SGLang's Kimi-K2.6 cells on MI350X, vLLM's",
    'Nemotron-3-Nano recipe on H200) are check rows only, from sources and models the fit never saw. S8 carries no',
    'TTFT (its prompts hit the prefix cache, SOURCES.md).',
    `Independent check rows alone: ${independentSummary(load)}.`,
    '',
    ...loadMisses(load),
    '| id | set | runtime | model | GPUs | in/out | users | TTFT ms measured / predicted | TPOT ms | output tok/s |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...load.map(rowLine),
    '',
    '## KV pool rows',
    '',
    `Median |error| ${abs(median(poolErr))} over ${pool.length} rows; ${pool.filter((c) => poolError(c) <= 0.05).length} of them within 5 %.`,
    '',
    'The rule (src/core/capacity/runtime-memory.ts): vLLM V1 takes utilisation × total memory less the weights, its',
    'profiled peak (the sampler: 14 B per row and vocabulary entry over min(max_num_seqs, batched tokens) rows, plus',
    'the fused-MoE workspace) and its non-torch increase (0.25 GiB; 2.1 GiB per GPU when NCCL uses NVLS over an H100',
    'switch); SGLang takes mem_fraction_static × the memory free after its distributed set-up, less the weights.',
    '',
    '| id | runtime | model | GPUs | max_model_len | measured tokens | predicted | error |',
    '|---|---|---|---|---|---|---|---|',
    ...pool.map(
      (c) =>
        `| ${c.id} | ${c.row.runtime} ${c.row.version} | ${c.row.model} ${c.row.quant} | ${c.row.gpu} × ${c.row.gpus} (TP ${c.row.tp}) | ${c.row.max_model_len} | ${c.measured.kvTokens} | ${c.predicted.kvTokens} | ${pct(relError(c.predicted.kvTokens, c.measured.kvTokens!))} |`,
    ),
    '',
    'Known misses, named in tests/accuracy/capacity.test.ts: p01/p02 are vLLM V0 (removed in vLLM 0.11), which',
    'profiled an eager forward pass of all batched tokens (2.07 and 2.99 GiB in their logs) where V1 peaks at its',
    `sampler. p04 (vLLM, Qwen3-235B-A22B-FP8, TP 4, with an LMCache connector) logs 8.11 GiB of KV memory per GPU;`,
    `the rule leaves ${p04GiB.toFixed(1)} GiB, so ${(p04GiB - 8.11).toFixed(1)} GiB of its non-KV memory (the connector's buffers among the candidates)`,
    'stays unexplained by one log; the same model under SGLang (p03) is within 1 %.',
    '',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(CAPACITY_DOC_PATH, capacityAccuracyDoc());
  console.log(`wrote ${CAPACITY_DOC_PATH}`);
}
