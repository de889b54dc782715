// Writes docs/speed-accuracy.md: how the speed model works, its constants, and how far it is from
// measured runs: the development set (fit), the modern fit rows, the modern check rows (never fitted),
// and a hold-out by hardware. `npm run accuracy` calls speedAccuracyDoc(); `npx tsx
// tests/accuracy/speed-doc.ts` regenerates the file alone.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEED_CALIBRATION } from '../../src/core/advice/speed-calibration';
import { LEGACY_2023, summarizeSpeed, type SpeedAccuracyRow } from './speed';
import { fitData, holdOutByHardware, scoredRows } from './speed-fit';
import { batchedMarkdown, batchedRowsFor, loadBatched } from './speed-batched';
import { loadModern, modernRowsFor } from './speed-modern';
import { speedRowsMarkdown, speedSummaryMarkdown } from './speed-report';

const cal = SPEED_CALIBRATION;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const us = (s: number) => `${(s * 1e6).toFixed(0)} µs`;

const MODEL = `## The model

Per device and per phase, the work a token needs divided by what that device achieves
(\`src/core/advice/speed.ts\`; which bytes and FLOPs each device gets for a placement:
\`speed-plan.ts\`; batched decode: \`speed-batch.ts\`; constants: \`speed-calibration.ts\`).

**Decode** streams the active weights of a device's layers (MoE: the routed experts in use plus the
shared parts; the token-embedding table is not streamed, the output matrix is) and the KV read at the
current context, at η(family) × the device's bandwidth. Per step there is a fixed time t0, a time per
layer, and extra time per MoE layer (router, top-k and gather kernels). How devices combine:

- **layer split** (llama.cpp's default; "pipeline parallelism. Each GPU holds a contiguous slice of
  layers", llama.cpp docs/multi-gpu.md, PR #22729): the devices run one after another, so their times
  add, plus one hop per boundary (the activation vector over the link, hidden × 4 bytes, and a fixed
  synchronisation). More GPUs never speed a single sequence up and cost only their hops.
- **tensor parallel** (vLLM; llama.cpp \`-sm tensor\`): each device streams 1/n of every matrix at the
  same time, so the slowest device sets the pace, plus two all-reduces per layer priced by the link
  (latency + 2(n−1)/n × hidden × 2 bytes ÷ link bandwidth; NVLink, PCIe generation × width, or across
  nodes, from the catalog entry's \`link\`).

**vLLM** runs its decode kernels in CUDA graphs like llama.cpp, so it keeps llama.cpp's η and ε; what it
adds is host time per step: the Python scheduler, input preparation, sampler and output processing run
between steps, and a single sequence cannot hide them. Modelled: a fixed time per step (fitted on the
TP=1 run of S10), plus a time per step for handing it to the worker processes under tensor parallelism
(no run fits it yet: 0). Per step means per token for one sequence and per B tokens in a batch, so the
regime changes with B: single-stream decode is dominated by it, batched decode amortises it. Not
modelled: vLLM's prefill scheduling (chunked prefill), speculative decoding, FP8/FP4 kernel speed-ups.
- **row split** (llama.cpp \`-sm row\`, the only multi-GPU mode of 2023 builds, now deprecated): the
  weights split like tensor parallelism, plus a measured cost per layer per extra GPU.

**Prefill** multiplies every prompt token through the weights: 2 × active parameters FLOPs plus
attention, 4 × context × query heads × head_dim per layer (q·K over the context and the weighted sum of
V, the "logits" and "softmax @ query reduction" rows of Hoffmann et al. 2022, Appendix F; sliding-window
layers see at most their window). The weight GEMMs run at ε(family) × (hidden ÷ 4096)^x of the dense
FP16 peak (larger matrices reach more of the peak; x fitted), attention at κ × ε (FlashAttention's
softmax and rescaling do not run on the tensor cores; κ fitted). A micro-batch of n tokens reads the
weights once, so a step takes the longer of the memory time and the compute time (a roofline): one token
per step is as slow as decode, large micro-batches are compute-bound. Layers left on the CPU stream at
RAM bandwidth; in prefill llama.cpp uploads them to the GPU once per micro-batch.

**Layer-split prefill** is a pipeline (llama.cpp PR #6017): the micro-batches of one n_batch (2048
tokens) flow through the GPUs, so m micro-batches take Σ stages + (m − 1) × cycle, where the ideal cycle
is the slowest stage (or Σ ÷ 4 with more GPUs than the 4 micro-batches GGML_SCHED_MAX_COPIES keeps in
flight) and the measured overlap reaches a share ω of that ideal (fitted). Each device's stage is its
own FLOPs at its own peak and ε; a hop per boundary per micro-batch moves n × hidden × 4 bytes.

**Batched decode** (\`batchedDecode\`): B sequences per step read the weights once and their own KV each;
the step is the longer of that memory time and 2 × active × B FLOPs of compute, so the aggregate grows
almost linearly while memory-bound and flattens once compute-bound. Per-sequence speed = 1 ÷ step. The
per-step costs (launches, hops, all-reduces, vLLM's host time) are paid once per step, not per sequence.

**Families without measurements** borrow the η and ε of the family that shares what sets them (AMD CDNA
← NVIDIA HBM, AMD APUs ← AMD RDNA, NVIDIA unified ← NVIDIA GDDR) and keep the widest band; Intel Arc
and iGPUs use the defaults. Apple M-series is fitted per tier (base, Pro, Max, Ultra).

**Bands.** The ± shown next to a speed is the 80th percentile of measured |error| for that kind of
device (family, Apple tier, CPU) and phase, read from every measured row; several GPUs use the band of
the current-build several-GPU runs; a family with fewer than three measurements gets the widest band any
measured family shows; layers offloaded to the CPU widen it 1.5×. The app and the plan say so next to
the figure ("± is the 80th percentile of measured error for this kind of device"), and so does the CLI.
`;

function constantsTable(): string {
  const rows: string[][] = [
    ...Object.entries(cal.efficiency).map(([k, e]) => [
      `η / ε ${k}`,
      `${e!.decode} / ${e!.prefill}`,
      'decode bandwidth share / prefill FP16 share (fitted)',
    ]),
    ...Object.entries(cal.borrow).map(([k, from]) => [
      `η / ε ${k}`,
      `${cal.efficiency[from!]?.decode} / ${cal.efficiency[from!]?.prefill} (borrowed from ${from})`,
      'no run of this family in the sets; borrowed from the family sharing its memory or kernels',
    ]),
    [
      'η / ε other GPU families',
      `${cal.eta} / ${cal.prefillEfficiency} (Metal ${cal.prefillEfficiencyMetal})`,
      'no measurements to fit and none to borrow: Intel Arc (held-out B580 rows check them), Intel iGPUs, others',
    ],
    [
      'prefill size exponent x',
      String(cal.prefillSizeExponent),
      'ε × (hidden ÷ 4096)^x (fitted; the 2023 set shows 70B prefill under-predicted against 7B on the same GPUs)',
    ],
    ['attention κ', String(cal.attentionEfficiency), 'attention FLOPs at κ × ε (fitted on the depth sweeps: pp512@d32768 against pp512)'],
    [
      'pipeline',
      `${cal.pipelineCopies} micro-batches in flight, n_batch ${cal.pipelineBatchTokens}, overlap ω ${cal.pipelineOverlap}`,
      'llama.cpp defaults (PR #6017); ω fitted on the 4 × RTX 4090 pp2048 run (S9, m39)',
    ],
    [
      'vLLM host time per step',
      `${us(cal.vllm.stepSeconds)}; tensor parallel +${us(cal.vllm.tensorParallelStepSeconds)}`,
      'fitted on the TP=1 vLLM run (S10, m45) in a second stage, llama.cpp constants held; the TP part has no fit row',
    ],
    ['η CPU (PC / unified SoC)', `${cal.etaCpu} / ${cal.etaCpuUnified}`, 'RAM bandwidth share of CPU-resident layers'],
    [
      'ε CPU',
      String(cal.prefillEfficiencyCpu),
      'share of the CPU peak in CPU-only prefill; peak = cores × FP32 FLOPs per cycle × clock (speed-cpu.ts); fitted on the three CPU-only runs of the development set',
    ],
    ['t0', us(cal.t0), 'per token (fitted on current builds)'],
    ['per layer', us(cal.perLayer), 'per token per layer (fitted on current builds)'],
    ['per MoE layer', us(cal.moeLayer), 'extra per token per layer with routed experts (fitted)'],
    ['batched kernels', String(cal.batchedStreamEfficiency), 'share of decode bandwidth when a step carries ≥ 2 tokens (fitted)'],
    ['dequantisation', String(cal.dequantPasses), 'weight passes per micro-batch (current builds multiply quantised weights directly)'],
    [
      'hop',
      us(cal.hopLatency),
      'per layer-split boundary; fitted on the 2026 four-GPU layer-split runs (S9), which leave no room for a cost above the grid step of 10 µs',
    ],
    [
      'all-reduce latency',
      Object.entries(cal.allReduceLatency)
        .map(([k, v]) => `${k} ${us(v)}`)
        .join(', '),
      'PCIe fitted on llama.cpp -sm tensor over four RTX 4090 (S9); NVLink from vLLM custom all-reduce timings (8.5–10 µs at 512 B–32 KB, TP 2/4/8, sglang PR #2904); Infinity Fabric fitted on SGLang’s MI300X serving runs at TP 1–8 (capacity-fit.ts: the cost a ROCm tensor-parallel all-reduce adds to a step); the others assumed of NVLink’s order',
    ],
    [
      'row split',
      `${us(cal.rowSyncPerLayer)} per layer per extra GPU; ${cal.rowPrefillPerParam} s per parameter per extra GPU in prefill`,
      'fitted on the 2023 row-split runs',
    ],
    [
      '2023 builds (harness only)',
      `t0 ${us(LEGACY_2023.t0)}, per layer ${us(LEGACY_2023.perLayer)}, dequantisation ${LEGACY_2023.dequantPasses} passes`,
      'no CUDA graphs, cuBLAS dequantisation: fitted on the development set',
    ],
  ];
  return ['| constant | value | meaning |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function headline(name: string, rows: SpeedAccuracyRow[]): string {
  const s = summarizeSpeed(rows);
  const eligible = rows.filter((r) => r.included || r.note.includes('no prediction')).length;
  const multi = s.multiGpu.scored ? `${pct(s.multiGpu.medianAbsError)} (${s.multiGpu.scored})` : '—';
  return `| ${name} | ${s.scored} | ${pct(s.scored / Math.max(1, eligible))} | ${pct(s.decode.medianAbsError)} (${s.decode.scored}) | ${pct(s.prefill.medianAbsError)} (${s.prefill.scored}) | ${multi} |`;
}

/** The paragraph under the headline: what the several-GPU and vLLM check rows say, computed. */
function readingIt(check: SpeedAccuracyRow[]): string {
  const median = (rs: SpeedAccuracyRow[]) => (rs.length ? `${pct(summarizeSpeed(rs).medianAbsError)} (${rs.length} rows)` : '—');
  const multi = check.filter((r) => r.gpuCount > 1);
  const decode = multi.filter((r) => r.metric === 'decode');
  const llama = decode.filter((r) => !/vllm/i.test(r.runtime));
  const vllm = check.filter((r) => /vllm/i.test(r.runtime));
  const signedList = (rs: SpeedAccuracyRow[]) =>
    rs.map((r) => `${r.id} ${r.error! >= 0 ? '+' : ''}${(r.error! * 100).toFixed(0)} %`).join(', ');
  const vllmMulti = vllm.filter((r) => r.gpuCount > 1);
  return [
    'Reading it: the development set is 2023 builds, and its several-GPU rows are all the 2023 row split.',
    `Held-out several-GPU decode: ${median(decode)} over every split and runtime, ${median(llama)} for llama.cpp alone (layer, row and tensor split); the four-GPU fit and check rows come from one table (S9, one machine), so that llama.cpp figure is not independent of the fit.`,
    `Held-out several-GPU prefill: ${signedList(multi.filter((r) => r.metric === 'prefill'))} (pipeline, size factor and attention share in the model; S9's pp2048 is the fit row for the pipeline overlap).`,
    `vLLM tensor parallel (S10, gpt-oss-120b on A100 SXM, TP=2 and TP=4): ${signedList(vllmMulti)}; measured, both are slower than TP=1, which the model reproduces only in part (the host time per step is shared by TP=1, the all-reduces add ${us(2 * 36 * cal.allReduceLatency.nvlink)} per token over NVLink, and the TP=1 → TP=n streaming saving is larger than that).`,
    'S8 (two RTX PRO 6000, layer split) is a regression report (GGML_SCHED_MAX_COPIES=4) and stays a miss.',
    'Intel Arc has check rows only (default efficiency); NVIDIA unified memory, AMD CDNA and APUs and Intel iGPUs have no rows (borrowed or default efficiencies, widest band).',
  ].join(' ');
}

export function speedAccuracyDoc(withHoldOut = true): string {
  const data = fitData();
  const dev = scoredRows({ dev: data.dev, modern: [] }, cal, LEGACY_2023);
  const modern = modernRowsFor(loadModern());
  const fit = modern.filter((r) => r.note.startsWith('fit'));
  const check = modern.filter((r) => r.note.startsWith('check'));
  const hold = withHoldOut ? holdOutByHardware(data) : null;
  return [
    '# Speed model: how it works and how accurate it is',
    '',
    `Generated by \`npm run accuracy\` (or \`npx tsx tests/accuracy/speed-doc.ts\`) on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    MODEL,
    '## The constants',
    '',
    "Fitted by `npx tsx tests/accuracy/speed-fit.ts` (coordinate descent over grids; objective: the mean over groups of phase × family × one/several GPUs × set × prefill regime (micro-batch < 64 memory-bound, else compute-bound) of the median |error|, so a family or a regime with few rows is not drowned by one with many). Two stages: the llama.cpp constants on the llama.cpp rows, then vLLM's host time on the vLLM rows. The coupled prefill constants (GDDR ε, κ, x, ω) were started from a joint grid (coordinate descent alone stays in the optimum it starts in); the shipped values are a fixed point of the descent. The development set is all 2023 builds: its build-era costs are fitted as harness-only constants; the product constants describe current builds.",
    '',
    constantsTable(),
    '',
    '## Headline',
    '',
    'Median |error| (rows); targets: decode ≤ 10 % overall and ≤ 15 % on several GPUs, prefill ≤ 20 % with a figure for ≥ 95 % of cases.',
    '',
    '| set | rows scored | coverage | decode | prefill | several GPUs |',
    '|---|---:|---:|---:|---:|---:|',
    headline('development set (fit; 2023 builds)', dev),
    headline('modern fit rows (2024–2026)', fit),
    headline('**modern check rows (held out)**', check),
    ...(hold ? [headline(`hold-out by hardware (fit on half the GPUs; folds ${hold.foldMedians.map(pct).join(', ')})`, hold.heldOut)] : []),
    '',
    readingIt(check),
    '',
    '## Batched decode (llama-batched-bench)',
    '',
    'Aggregate S_TG and per-sequence speed of B sequences generating together, against `batchedDecode` (tests/accuracy/speed-batched.ts; tables and sources in tests/fixtures/speed/batched.csv and SOURCES.md). A check only: nothing is fitted on these rows. Per-sequence error equals the aggregate error (both divide by B).',
    '',
    batchedMarkdown(batchedRowsFor(loadBatched())),
    '',
    '## Modern check rows (held out)',
    '',
    speedSummaryMarkdown(check),
    speedRowsMarkdown(check),
    '',
    '## Modern fit rows',
    '',
    speedRowsMarkdown(fit),
    '',
    '## Development set',
    '',
    speedSummaryMarkdown(dev),
    speedRowsMarkdown(dev),
    '',
  ].join('\n');
}

export const SPEED_DOC_PATH = resolve(fileURLToPath(import.meta.url), '../../../docs/speed-accuracy.md');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SPEED_DOC_PATH, `${speedAccuracyDoc()}\n`);
  console.log(`Wrote ${SPEED_DOC_PATH}`);
}
