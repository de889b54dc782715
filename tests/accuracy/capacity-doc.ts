// Writes docs/capacity-accuracy.md: the serving capacity model against measured serving runs
// (tests/fixtures/serving), the KV pool rows and the load rows split into the fit rows (the serving speed
// constants are fitted on them, capacity-fit.ts) and the check rows (never fitted). `npm run accuracy`
// calls capacityAccuracyDoc(); `npx tsx tests/accuracy/capacity-doc.ts` regenerates the file alone.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEED_CALIBRATION } from '../../src/core/advice/speed-calibration';
import { BLIND_ROUNDS, blindRound, median, relError, runCase, servingRows, ttftStatistic, type CapacityCase } from './capacity-cases';
import { LOAD_METRICS, medianErrors } from './capacity-fit';
import { FROZEN_METRICS, frozenMedians, frozenPools, frozenRows, pricedRounds, type FrozenRow } from './capacity-frozen';

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

/** Each pool's signed error as "p1 +x %, p2 …". */
function poolList(cases: CapacityCase[]): string {
  return cases.map((c) => `${c.id} ${pct(relError(c.predicted.kvTokens, c.measured.kvTokens!))}`).join(', ');
}

/** Measured − predicted TPOT (ms) over the rows of `ids`: lowest and highest. */
function tpotGap(load: CapacityCase[], ids: string[]): string {
  const gaps = load
    .filter((c) => ids.includes(c.id) && c.measured.tpotMs !== undefined)
    .map((c) => c.measured.tpotMs! - c.predicted.tpotMs);
  return `${Math.min(...gaps).toFixed(1)}–${Math.max(...gaps).toFixed(1)} ms`;
}

/** Signed median error of one measure over `cases`, or '–'. */
function signedMedian(cases: CapacityCase[], k: keyof CapacityCase['measured']): string {
  const e = cases.filter((c) => c.measured[k] !== undefined).map((c) => relError(c.predicted[k], c.measured[k]!));
  return e.length ? `${pct(median(e))} (${e.length})` : '–';
}

/** One line per source and set: what it is and its signed median errors, to see where the model leans. */
function sourceTable(load: CapacityCase[]): string[] {
  const groups = new Map<string, CapacityCase[]>();
  for (const c of load) {
    const k = `${c.row.source}|${c.row.set}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const order = (k: string) => Number(k.split('|')[0]!.slice(1)) * 10 + (k.endsWith('fit') ? 0 : 1);
  return [
    '| source | set | runtime | models | GPUs | rows | TTFT median error | TPOT | output tok/s |',
    '|---|---|---|---|---|---|---|---|---|',
    ...[...groups.keys()]
      .sort((x, y) => order(x) - order(y))
      .map((k) => {
        const cs = groups.get(k)!;
        const uniq = (f: (c: CapacityCase) => string) => [...new Set(cs.map(f))].join(', ');
        const [source, set] = k.split('|');
        return `| ${source} | ${set} | ${uniq((c) => c.row.runtime!)} | ${uniq((c) => c.row.model!)} | ${uniq((c) => `${c.row.gpu} × ${c.row.gpus}`)} | ${cs.length} | ${signedMedian(cs, 'ttftMs')} | ${signedMedian(cs, 'tpotMs')} | ${signedMedian(cs, 'outputTps')} |`;
      }),
  ];
}

/** The load rows outside the targets, each with the physical cause found or the part left unexplained. */
function loadMisses(load: CapacityCase[]): string[] {
  const byId = (id: string) => load.find((c) => c.id === id)!;
  const of = (source: string) => load.filter((c) => c.row.source === source);
  const small = load.filter((c) => c.row.source === 'S8' && c.row.isl === '128' && c.row.quant === 'bf16').map((c) => c.id);
  const r1 = load.filter((c) => c.row.source === 'S8' && c.row.model === 'deepseek-r1').map((c) => c.id);
  const kimi = [...of('S9'), ...of('S37')];
  const l105 = byId('l105');
  const l01 = byId('l01');
  return [
    '### Where the model misses, and why',
    '',
    `- S8 (vLLM releases of 2025-06 to 2025-11, one user): at 128-token prompts on Qwen3-1.7B, 4B and 30B-A3B the priced`,
    `  step is within ${tpotGap(load, small)} of the measured one (measured − priced). The 2025 V1 scheduler prepared each step`,
    '  after the last one ended (async scheduling was opt-in then, vllm-project/vllm PR 27614 made it the default), while the',
    `  fit (mostly on SGLang's overlapped runs) finds ${(SPEED_CALIBRATION.vllm.overlappedStepSeconds * 1e6).toFixed(0)} µs of host time per step; the harness gives capacity() no release.`,
    `  S8 DeepSeek-R1-AWQ on 8 × H100: ${tpotGap(load, r1)} more than priced (61 layers × 2 all-reduces over 8 GPUs at one`,
    '  token, the AWQ Marlin MoE and MLA kernels at batch 1): one source, no breakdown, a named miss rather than a constant.',
    `- INT4 Kimi under SGLang (S9 Kimi-K2.6 on MI350X, S37 Kimi-K2.5 on 8 × H200): TPOT ${signedMedian(kimi, 'tpotMs')}, output`,
    `  ${signedMedian(kimi, 'outputTps')}. Both runs stop scaling with the batch (S37: 254 tok/s at 100 users, about its 16-user`,
    '  figure, with TPOT 365 ms): the W4A16 MoE path costs far more than its weight reads and grows with the experts a batch',
    '  touches. Not modelled.',
    `- Intel Arc Pro B60 under vLLM (S11, XPU): TPOT ${signedMedian(of('S11'), 'tpotMs')}. No Intel serving run is fitted, so vLLM on`,
    "  Arc takes llama.cpp's default efficiencies, and vLLM's XPU kernels stream the weights faster than that.",
    `- Run-to-run scatter: the cookbook's identical one-user runs on one page differ by up to ${scatter(load)}, so a TTFT`,
    '  median error near 30 % is close to what these runs repeat to.',
    `- SGLang's cookbook pages (S30–S41) run every scenario on seeded prompts in rising concurrency; where one server ran them`,
    '  all, the radix cache held the first prompts of the later runs, and a run meeting a batch shape for the first time',
    '  stalls while kernels are built (one-off 0.4–5.5 s decode gaps). Both fall on the first wave, so the median is compared.',
    `  l105 (Llama-3.1-70B, 8 × A100, 64 users of 4k-token prompts) has a mean of ${l105.row.ttft_ms} ms, where 64 cold prefills`,
    `  at once price several seconds: its median, ${l105.measured.ttftMs!.toFixed(0)} ms, prices ${l105.predicted.ttftMs.toFixed(0)} ms.`,
    `- SGLang releases: the cookbook's NVIDIA pages (0.5.6–0.5.9) spend about 0.1 s on a request besides its prefill's GPU`,
    `  work, an eager prefill; from 0.5.10 SGLang replays prefill CUDA graphs (PR 16331), and the GB300 cells of 0.5.10.post1`,
    `  (S3) take ${l01.measured.ttftMs!.toFixed(0)} ms in all (priced ${l01.predicted.ttftMs.toFixed(0)} ms; with the eager cost it was 143). The release is an input`,
    '  (--runtime-version; unnamed means current), and the plan says when the eager cost applies.',
    '- The eager cost is one constant per platform, read from big MoE models at TP 8; small dense models pay a fraction',
    "  of it (round 9's 3B–8B runs at 1k tokens: 24–41 ms in all), which the constant over-prices by 5–10 × on such prompts.",
    `- AMD Instinct under SGLang: decode at one user on 4 to 8 GPUs is slower than its weight reads and one GPU is not; the`,
    `  fit carries that as the cost of a ROCm tensor-parallel all-reduce (${(SPEED_CALIBRATION.allReduceLatency['infinity-fabric'] * 1e6).toFixed(0)} µs, above RCCL's bare latency). One-user TPOT: S39–S41`,
    `  ${signedMedian(
      load.filter((c) => ['S39', 'S40', 'S41'].includes(c.row.source!) && c.row.concurrency === '1'),
      'tpotMs',
    )}, S38 (ERNIE-4.5, one GPU) ${signedMedian(of('S38'), 'tpotMs')}; vLLM on MI355X and MI300X (S16, S17) is checked, not fitted.`,
    '',
  ];
}

/** Medians over the check rows of the sources with no fit row (independent of the fit). */
function independentSummary(load: CapacityCase[]): string {
  const fitSources = new Set(load.filter((c) => c.row.set === 'fit').map((c) => c.row.source));
  const rows = load.filter((c) => c.row.set === 'check' && !fitSources.has(c.row.source));
  const m = medianErrors(rows);
  const sources = [...new Set(rows.map((c) => c.row.source))].join(', ');
  return `${LOAD_METRICS.map((k) => `${k} ${abs(m[k].median)} (${m[k].n})`).join(', ')} (sources ${sources})`;
}

/** What the load table says of each blind round after its number. */
const BLIND_ROUND_LABELS: Record<number, string> = {
  2: 'added after the constants were frozen',
  3: 'added after the constants were frozen again',
  4: 'frozen at d96fced',
  5: 'the same model',
  6: 'frozen at 80f6ffb',
  8: 'frozen at e47a8ff',
  9: 'frozen at 8697d9e',
  10: 'frozen at 4014652',
  11: 'frozen at 8bdba0c',
  12: 'frozen at 2a72ef0',
  13: 'frozen at b950a96',
  14: 'frozen at 87422d3',
  15: 'frozen at 545abe3',
  17: 'frozen at 3ba5243',
  18: 'frozen at de5c204',
};

/** Medians of one blind round as "TTFT x % (n), TPOT …, output …". */
function roundFigures(cases: CapacityCase[]): string {
  const m = medianErrors(cases);
  return `TTFT ${abs(m.ttftMs.median)} (${m.ttftMs.n}), TPOT ${abs(m.tpotMs.median)} (${m.tpotMs.n}), output ${abs(m.outputTps.median)} (${m.outputTps.n})`;
}

/** Each row's signed errors as "l1 TTFT +x %, TPOT …, output …; l2 …" (a round of a few rows). */
function rowErrors(cases: CapacityCase[]): string {
  const one = (c: CapacityCase, k: 'ttftMs' | 'tpotMs' | 'outputTps', name: string) =>
    c.measured[k] === undefined ? [] : [`${name} ${pct(relError(c.predicted[k], c.measured[k]))}`];
  return cases
    .map((c) => `${c.id} ${[...one(c, 'ttftMs', 'TTFT'), ...one(c, 'tpotMs', 'TPOT'), ...one(c, 'outputTps', 'output')].join(', ')}`)
    .join('; ');
}

/**
 * The blind rounds: each gathered after the constants were frozen, by collectors who did not see the planner's
 * figures. The first two rounds' figures on the constants they were frozen against are quoted from the commits
 * that recorded them (those constants are no longer in the tree); every other figure is computed here.
 */
function blindLines(load: CapacityCase[], pools: CapacityCase[]): string[] {
  const round = (n: number) => load.filter((c) => c.row.set === 'blind' && blindRound(c.row) === n);
  const frozen = (n: number) => BLIND_ROUNDS.find((b) => b.round === n)!.frozen;
  const roundPools = (n: number) => pools.filter((c) => blindRound(c.row) === n);
  const withinFive = (cs: CapacityCase[]) => cs.filter((c) => poolError(c) <= 0.05).length;
  const pools13 = roundPools(13);
  const pools14 = roundPools(14);
  const r2 = round(2);
  const s110 = r2.filter((c) => c.row.source === 'S110');
  const s90 = r2.filter((c) => c.row.source === 'S90');
  const r3 = round(3);
  const pool3 = pools.filter((c) => blindRound(c.row) === 3);
  const r4 = round(4);
  const pool4 = pools.filter((c) => blindRound(c.row) === 4);
  const pega = r4.filter((c) => ['S170', 'S171', 'S172', 'S173'].includes(c.row.source!));
  const others = r4.filter((c) => !pega.includes(c));
  const r5 = round(5);
  const pool5 = pools.filter((c) => blindRound(c.row) === 5);
  const s213 = r5.filter((c) => c.row.source === 'S213');
  const s214 = r5.filter((c) => c.row.source === 'S214');
  const r6 = round(6);
  const pool6 = pools.filter((c) => blindRound(c.row) === 6);
  const blindPools = pools.filter((c) => [3, 4, 5, 6].includes(blindRound(c.row) ?? 0));
  return [
    '### Blind rounds',
    '',
    'Figures marked "today" are the current rules on that round\'s rows; where the rules changed after a round was read,',
    'its figures on the rules it was frozen against are stated beside them.',
    '',
    '- **Round 1** (S50, S51, S70–S73, 54 rows; SOURCES.md): on the constants of commit 2899178 it missed all three targets',
    '  (TTFT 39.5 %, TPOT 41.6 %, output 28.8 %). Since commit dddbd3d its rows are split into fit and check by the declared',
    "  rule and fitted like any other source, with two changes to the fit: each metric's worst 10 % of rows are left out of",
    "  the objective (S37's INT4 Kimi runs, a factor of 3–9 off, had voted SGLang's batched share down to 0.55 as a block), and",
    "  the HBM prefill ε stays at the 0.625 that dense long single prompts identify (S12, S30; fitted with round 1's tuned",
    '  InferenceX runs, whose TTFT grows with concurrency for a reason the planner does not model, it fell to 0.225 and',
    "  tripled S12's TTFT).",
    `- **Round 2** (S90, S91, S110, ${r2.length} rows), frozen against commit ${frozen(2)}: on those constants it missed all three`,
    '  (TTFT 35.6 %, TPOT 224.5 %, output 32.4 %; commit 2d20ee3). Reading the misses found a rule the planner lacked, not a',
    "  constant: SGLang gives a hybrid (Mamba / DeltaNet) model's recurrent states 0.9 / 1.9 of the memory after the weights",
    '  and runs a request only with three state slots free (commit b673c51, read from its kv-cache configurator). S110 runs',
    '  Qwen3.6 (gated DeltaNet hybrids) at 1,024 and 4,096 users on one GPU, far past either limit, so its TTFT and',
    '  throughput follow the running batch. With the rule: TTFT 15.6 %, TPOT 81.4 %, output 19.2 %. A second mechanism, also',
    "  read from S110's misses (load.ts perToken): SGLang runs a waiting prefill batch before any decode step, so a fixed-length",
    '  burst prefills its whole wave and then decodes it, and a request waits only for the prefills after its own (on average',
    `  half the wave's, not all of it). With both: ${roundFigures(r2)}. S110's TPOT is still`,
    `  ${signedMedian(s110, 'tpotMs')} while its throughput is ${signedMedian(s110, 'outputTps')}: the server decoded fewer requests at once than`,
    "  the slots allow (its TPOT may be a median: the collector's doubt, SOURCES.md). S90's one-wave vLLM runs (100 prompts",
    `  at 100 users, TP 8): TTFT ${signedMedian(s90, 'ttftMs')}, output ${signedMedian(s90, 'outputTps')}; their prefill passes (8,192 tokens, TP 8, GLM-4.7 MoE and`,
    '  Qwen3-32B) run slower than priced.',
    `- **Round 3** (S130–S134, S150, ${r3.length} load rows and ${pool3.length} pool rows), frozen against commit ${frozen(3)} (the hybrid rule in,`,
    `  no constant refitted): TTFT 41.8 %, TPOT 45.6 %, output 14.8 %; with the wave rule since: ${roundFigures(r3)}. Sources are scarce by now: two collectors searched`,
    '  for about an hour each and found these few. Its pools miss the 5 % target: ' +
      poolList(pool3) +
      ' (vLLM 0.27.1, a 2026-08 image and a',
    '  2025-10 main build: what they take besides the weights differs from the V1 rule by −0.6 to +1.8 GiB a GPU, in both',
    "  directions; p601 and p602 are one model and card at TP 2 and PP 2). Its load rows' misses: l600–l601 (Qwen3-235B FP8,",
    '  4 × RTX PRO 6000 without NVLink) wait 2–7 × longer for the first token than priced and decode faster than priced;',
    '  l602 (gpt-oss-120b on 8 × MI355X, vLLM 0.10.1, four users) decodes nearly four times faster than priced.',
    `- **Round 4** (S170–S173, S190–S196, ${r4.length} load rows and ${pool4.length} pool rows), frozen against commit ${frozen(4)} (the wave rule in, no`,
    `  constant refitted), read only after that commit: TTFT 25.0 % (24), TPOT 9.9 % (19), output 13.6 % (14); today ${roundFigures(r4)}. All three targets are met, with two`,
    `  limits said plainly: ${pega.length} of its load rows are one publisher's (pegainfer's vLLM reference runs of Qwen3-4B and Qwen3.5-4B on`,
    `  one RTX 5090: ${roundFigures(pega)}), and the other ${others.length} rows, from two publishers (an SGLang pull request and`,
    "  cloudrift-ai's emmy repository; S193's three are one",
    `  configuration at three seeds), miss the TPOT target on their own: ${roundFigures(others)}. Its pools: ` +
      poolList(pool4) +
      ' (p900 is vLLM 0.19.0’s offline engine, as a simulator’s harness recorded it; named as a miss).',
    '  It is the first round with request-rate rows; the harness rules for them were written after its rows were read, and',
    '  are stated here so they can be judged: a request-rate row (column `rate`) runs as an',
    '  open loop at that rate, never with more requests in flight than it has prompts; its throughput below saturation is',
    '  the offered rate on both sides, so it is compared only where either side could not keep up; and a source that prints',
    '  only a median TTFT, or a request-rate run, is compared on that median.',
    `- **Round 5** (S210–S214, ${r5.length} load rows and ${pool5.length} pool rows), gathered after commit ${frozen(5)} recorded round 4 (the model`,
    `  unchanged since ${frozen(4)}) and read only after it: TTFT 36.8 % (24), TPOT 18.0 % (24), output 7.5 % (24); today ${roundFigures(r5)}. TPOT and throughput meet the`,
    '  targets; TTFT misses. S214 (Qwen3-235B AWQ on 2 × A100, TP 2 and PP 2, up to 32,712-token prompts, three repetitions',
    `  a cell) is ${signedMedian(s214, 'ttftMs')} on TTFT, and S213 (Qwen3-4B on one RTX 3090, 256/128 tokens) ${signedMedian(s213, 'ttftMs')}, its error growing`,
    "  with concurrency (its collector's doubt: prefix caching on, one seed and the same 100 prompts at every level on one",
    '  server, so later levels may hit the cache). On the frozen constants its pools missed the 5 % target (commit 8231fd6):',
    '  p1000 +4 %, p1001 +10 %, p1002 +13 %, p1003 +17 %, p1004 +14 %, p1005 +2 %, p1006 +9 %, p1007 +12 %, p1008 +20 %. vLLM',
    '  0.11.2 on 2 × L40S at 1,024 sequences (p1001–p1004) left a near-constant 3.4 GiB a GPU less KV than priced whatever',
    "  the model. Reading vLLM's sampler after that found a rule the planner lacked: from 0.11.1 (FlashInfer's sampler off by",
    '  default) until the Triton top-k/top-p kernel, the profiling run sorts the vocabulary to apply top-p, 38 B per row and',
    '  vocabulary entry instead of 14 (vllm-profile.ts vllmSamplerSorts; 1,024 × 151,936 × 24 B = 3.48 GiB). With the',
    "  release as an input since (commit 38db424; the CLI's --runtime-version): " +
      poolList(pool5) +
      '. That rule was read after these rows, so round 5 no longer tests it blind. vLLM 0.24–0.30 still leave 1.1–2.2 GiB',
    "  a GPU less than priced: from 0.21 vLLM subtracts an estimate of its CUDA graphs' memory by default",
    '  (VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS; its startup log says "default since v0.21.0"), measured by capturing',
    '  the two largest graphs of each mode and extrapolating linearly; no rule here prices that measurement yet.',
    `- **Round 6** (S250–S252, ${r6.length} load rows and ${pool6.length} pool rows), gathered after commit ${frozen(6)} (the sampler rule in) and`,
    '  read only after it. One collector looked for load runs and found none that met the rules; the other took vLLM',
    "  start-up logs, 21 of its pools from one publisher (S252, Red Hat's dashboard records on H200, B200 and MI300X, vLLM",
    '  0.11.2–0.19.0). On the frozen rules 15 of its 23 pools were within 5 % (commit 0cedab0). Two were hybrid models whose',
    '  recurrent (Mamba / DeltaNet) layers vLLM pages with their attention: Qwen3-Coder-Next +311 % and Nemotron-3-Nano',
    "  +401 %, the rule having counted vLLM's logged tokens over the attention layers only. Reading vLLM's allocator after",
    '  that found the rule (vllm-groups.ts: the layers form groups by type, a state page is padded to the attention page,',
    "  the block grows until one page holds one layer's state, and the log counts blocks over the groups; commit 7d148e9);",
    '  so round 6 no longer tests it. With it: ' +
      poolList(pool6) +
      '. Three rules were read from its other misses after it was reported, so it no longer tests them either: DeepSeek-V3.2',
    "  caches its indexer's key as 128 fp8 bytes plus an fp32 scale (132 B per layer, where the rule had 256), DeepSeek's",
    '  MLA down-projections, routers and indexer are whole on every tensor-parallel rank and vLLM keeps a bf16 copy of the',
    '  MLA up-projection (1.2 GiB a GPU at TP 8; src/core/estimate/runtimes/rank-weights.ts), and releases up to 0.13 profile about',
    '  0.7 GiB of non-torch memory on an NVLink-switch board where 0.18 and later take 2.1 (boundary placed at 0.17,',
    "  unverified). Before them p1203 was -13 %, p1215 +6 % and p1218 -7 %. After round 7, vLLM's ROCm stride padding",
    '  of 16-bit experts (256 B on every row that fills a multiple of 512 B; rank-weights.ts) took p1205 from +6 %. The',
    '  misses that remain are on a Jetson AGX Thor, whose memory the CPU shares (p1200), and ROCm: DeepSeek-R1 at TP 8',
    '  takes 1.8 GiB more weights and 3.9 GiB more besides them than on H200 (p1213). Its two load rows (S251, Qwen3-8B on one A100 40GB at 5 requests/s, 128 / 64 tokens): ' +
      roundFigures(r6) +
      ';',
    "  on its frozen rules the planner's TTFT carried a fixed 0.1 s first-token time that SGLang's HBM cookbook runs",
    "  measured, where this vLLM run (128-token prompts, inside vLLM's prefill CUDA graphs) answers in 34–48 ms.",
    "  Over the blind rounds' pools (rounds 3–6) on today's rules, " +
      `${blindPools.filter((c) => Math.abs(relError(c.predicted.kvTokens, c.measured.kvTokens!)) <= 0.05).length} of ${blindPools.length} are within 5 %.`,
    ...round7Lines(
      pools.filter((c) => blindRound(c.row) === 7),
      frozen(7),
    ),
    ...round8Lines(
      round(8),
      pools.filter((c) => blindRound(c.row) === 8),
      frozen(8),
    ),
    ...round9Lines(
      round(9),
      pools.filter((c) => blindRound(c.row) === 9),
      frozen(9),
    ),
    `- **Round 10** (S380, ${round(10).length} load rows), gathered by three collectors after commit ${frozen(10)} (round 9's harness`,
    '  rule in, the model unchanged) and read after it; two found nothing new. One repository: vLLM 0.20.0 serving',
    '  MiniMax-M2.5 FP8 on 8 × H100 SXM (TP 8, expert parallel), 10k–195k-token prompts at 1 and 32 users. On the frozen',
    `  rules: TTFT 13.3 % (4), TPOT 15.0 % (4), output 7.0 % (4) (today ${roundFigures(round(10))}). All three targets met, on four rows of one publisher.`,
    `- **Round 11** (S410–S415, ${round(11).length} load rows and ${roundPools(11).length} pool row), gathered by two collectors after commit ${frozen(11)} (the model`,
    "  unchanged) and read after it; one found nothing new. Three publishers' own sweeps of small dense models: vLLM",
    '  0.27.1 on an A100 40GB and 0.30.0 / SGLang 0.5.9 on an L40S (Qwen2.5-7B, 1–32 users), vLLM 0.30–0.31 on a T4',
    `  (Qwen2.5-0.5B, 1–8 users). On the frozen rules: TTFT 31.0 % (38), TPOT 35.3 % (38), output 22.5 % (38); today ${roundFigures(round(11))}.`,
    `  By source, today: S410 ${roundFigures(round(11).filter((c) => c.row.source === 'S410'))}; S411–S412`,
    `  ${roundFigures(round(11).filter((c) => c.row.source === 'S411' || c.row.source === 'S412'))}; S414–S415`,
    `  ${roundFigures(round(11).filter((c) => c.row.source === 'S414' || c.row.source === 'S415'))}.`,
    '  TTFT misses by a point and TPOT misses: the T4 runs of a 0.5B model are priced 2–3 × too fast (TTFT, TPOT and',
    '  throughput alike; most likely at 0.5B the host work per step, which the planner prices at 0 on current releases, sets the pace),',
    "  and the A100 40GB's batched TPOT is priced 45–120 % slow. Not refitted: no round after it to check a refit on.",
    '  Tried before round 12 and not shipped: a host floor under each overlapped step (the CPU prepares step n + 1 while',
    '  the GPU runs step n, so a step lasts at least the host work). Fitted on the fit rows it comes out at 0; set by hand',
    '  at 5 ms a step with the batched share at 1 it would take the held-out TPOT from 31.6 % to 23.7 % and the fit rows',
    '  from 15.3 % to 17.3 %, and leave TTFT where it is. Choosing it from the held-out rows would leave them no check.',
    `- **Round 12** (S440, ${round(12).length} load rows), gathered by three collectors after commit ${frozen(12)} (the eager-prefill and`,
    "  finite-run rules in, nothing refitted) and read after it; two found nothing new. One repository's sweep: vLLM 0.9.1",
    '  serving Qwen3-8B BF16 on one A10 (24 GB GDDR6), 256- and 1024-token prompts, 1–16 users in fixed-length bursts, with',
    `  max-num-seqs 8 or 16. On the frozen rules: TTFT 24.9 % (10), TPOT 3.8 % (10), output 7.8 % (10) (today ${roundFigures(round(12))}). All three targets met, on ten rows`,
    '  of one publisher; the 256-token TTFT at 4–16 users is priced 30–43 % fast, the 1024-token one 21–29 % slow.',
    '  Read from those misses and not shipped then (it is part of the wave rule below): a fixed-length wave that fits one scheduler pass gives every request its',
    '  first token when the whole pass ends (each waits for all the prompts packed with it, not half of the others). It',
    '  takes round 12 to 6.3 %, round 11 to 30.0 % and every held-out row to 29.5 %, but the RTX 4090 sweep (S5, whose',
    '  8-user TTFT is shorter than one pass of all eight prompts could take) to 45 % and the fit rows from 25.9 % to 27.6 %.',
    '  Whether a run stays in lockstep turns on its outputs being forced to one length, which the rows do not record.',
    `- **Round 13** (S470–S473, ${round(13).length} load rows and ${pools13.length} pool rows), gathered by two collectors after commit ${frozen(13)} (the`,
    "  model unchanged) and read after it. Four repositories from round 12's unopened list: vLLM 0.25.1 on an RTX 4090",
    '  (Qwen2.5-7B in BF16, AWQ, GPTQ and FP8), vLLM 0.11.0 and SGLang 0.5.5.post3 on an A100 80GB (Qwen3 4B–32B), vLLM',
    `  0.28.1 on 2 × A800 (Qwen3.6-35B-A3B) and vLLM 0.24.0 on an RTX 4090. Load rows on the frozen rules: TTFT 50.2 % (2), TPOT 25.2 % (2), output 10.1 % (2) (today ${roundFigures(round(13))});`,
    "  the A800 row is a fresh server's first run at one user, whose TTFT carries one-off warm-up the planner does not price.",
    `  Pools: ${withinFive(pools13)} of ${pools13.length} within 5 % (misses named in tests/accuracy/capacity.test.ts). The other`,
    "  collector's one source, a main-branch development build with added logging and async scheduling off, was set",
    '  aside under the rules (not a release), unread.',
    `- **Round 14** (S490–S491, ${round(14).length} load rows and ${pools14.length} pool rows), gathered by two collectors after commit ${frozen(14)} (the`,
    '  model unchanged) and read after it; one found nothing new. One Colab sweep of vLLM 0.23.0 serving Qwen2.5-7B on one',
    '  A100 40GB, 1024/256-token requests at 1–512 users with three token budgets, and three vLLM 0.29.0 start-up logs on an',
    `  L40S. Load rows on the frozen rules: TTFT 64.5 % (18), TPOT 33.0 % (18), output 10.7 % (18): TTFT and TPOT miss (today ${roundFigures(round(14))}).`,
    '  On those rules TTFT is priced 1.3–3.7 × slow at 64–256 users: these fixed-length runs are priced as lockstep waves, whose prompts',
    '  queue behind half of the wave, and the queue they measure is far shorter. Neither rule tried on round 12 helps (a whole',
    '  pass a request: 78 %; pricing a wave wider than the token budget as steady arrivals: 85 %). The batched TPOT is priced',
    "  33–57 % slow at 8–128 users, as round 11's A100 40GB runs were. The one-user 1024-token TTFT is priced 2.3 × slow:",
    '  the eager first-token cost vLLM V1 pays past its 512-token graphs. Dropping that cost for vLLM V1 (its compiled',
    '  model launches few kernels even without graphs) takes this round to 33.1 % but the check rows from 29.7 % to 37.0 %',
    '  and round 9 from 51.0 % to 65.9 %; not shipped.',
    `  Pools: ${withinFive(pools14)} of ${pools14.length} within 5 %; all six are 3–7 % above the log, the CUDA graphs vLLM 0.21 and later`,
    '  subtract from the pool, which the planner does not price.',
    ...waveRuleLines(load),
    `- **Round 15** (S520, ${round(15).length} load rows), gathered by two collectors after commit ${frozen(15)} (the wave rule in) and`,
    '  read after it; one found nothing new. The brief took the standard load clients too (genai-perf, GuideLLM, llmperf,',
    "  evalscope). One page: evalscope's own comparison of `vllm bench serve` and `evalscope perf` on one A100 80G, vLLM",
    '  0.17.0 and 0.11.0 serving Qwen2.5-0.5B at 100/100 tokens to 50 users. On the frozen rules:',
    `  ${roundFigures(round(15))}: all three miss. TPOT is priced 1.8–2.5 × fast and throughput 2.3–2.9 × high: it is`,
    "  round 11's T4 miss again. A 0.5B model's GPU step takes 2 ms, and the host work each step carries for 50 streams",
    '  (the scheduler, output processing, the API server), which the planner prices at 0 for releases that schedule a step',
    '  ahead, sets the pace. TTFT is priced 1.2–4.2 × fast; the two clients measure 73 and 113 ms on the same server and',
    "  release, so part of it is the client's own.",
    `- **Round 16** (S540, ${roundPools(16).length} pool rows), gathered by two collectors after commit ${frozen(16)} (the model unchanged) and read`,
    "  after it; they worked through round 15's unopened list and one found nothing. vLLM 0.28.0 serving gpt-oss-20b",
    '  MXFP4 on an L40 and a Radeon AI PRO R9700, bf16 and fp8 KV, each configuration logged twice. Pools: ' +
      poolList(roundPools(16)) +
      '. None within 5 %:',
    '  on the R9700 ROCm loads 14.16 GiB of weights (12.82 priced) and leaves 7.5 GiB for KV where the planner leaves 15.2,',
    '  a MXFP4 path it does not price; on the L40 the KV holds 36.4 KB a token where the planner prices 48 KB, which H100',
    '  logs of the same model agree with (p22): not explained.',
    `- **Round 17** (S550, ${round(17).length} load row), gathered by two collectors after commit ${frozen(17)} (the model unchanged) and read`,
    '  after it; they searched Japanese, Korean and Chinese write-ups, and one found nothing. One Zenn article: vLLM 0.20.1',
    '  on one RTX 5090 serving Qwen3.6-27B in NVFP4, 1024/256 tokens at one user. On the frozen rules:',
    `  ${roundFigures(round(17))}: all three met, on one single-user row, which says nothing of waves or load.`,
    `- **Round 18** (S570, ${round(18).length} load rows and ${roundPools(18).length} pool rows), gathered by three collectors after commit ${frozen(18)}`,
    '  (the model unchanged) and read after it; they worked angles no earlier round had (research-artifact repositories,',
    "  publishers' and frameworks' documentation, pages in eleven more languages), and two found nothing. One measurement",
    '  artifact: vLLM 0.26 on one RTX 4090 serving Llama-3.1-8B-Instruct in BF16 and AWQ, 200 prompts of 1024/128 tokens',
    `  sent at once. On the frozen rules: ${roundFigures(round(18))}; by row ${rowErrors(round(18))}.`,
    `  Pools: ${poolList(roundPools(18))}, ${withinFive(roundPools(18))} of ${roundPools(18).length} within 5 %. TPOT and throughput meet; TTFT misses on two rows. The logged pools hold about 39 of`,
    "  the BF16 run's requests at once and 107 of the AWQ run's, so most of the 200 wait for a slot, and the planner",
    "  prices that wait as a closed loop that never ends (users ÷ requests/s, less a request's own time), where each of",
    '  these 200 users sends one prompt and the queue drains.',
    '  Tried after the round and not shipped: a burst run of stated length priced as the transient it is (its waves of B',
    '  run in lockstep, one every B/λ; request j starts with wave ⌊(j − 1)/B⌋ and, past the first C, is sent when request',
    '  j − C ends). l3400 goes from +81 % to −5 % and l3401 from −17 % to −36 % (its throughput is priced 31 % high, so its',
    "  waves too short), but S110's 22 SGLang runs (2 × C prompts at 1,024 and 4,096 users) go from 9.8 % to 32.0 % and",
    "  every held-out row from 27.6 % to 30.3 %. S110's figures may be medians (its collector's doubt, SOURCES.md), and",
    '  in a run of 2 × C prompts the C sent after the first ones all wait about what the endless loop prices, and most of',
    "  the first C less, so the run's median is about that loop's mean: the rows cannot tell the two apart. The endless",
    '  loop stays; for a run of stated length it prices the mean wait long.',
  ];
}

/** The fixed-length wave rule added after round 14 (load.ts waveFirstToken), with what it moved. */
function waveRuleLines(load: CapacityCase[]): string[] {
  const set = (name: string) => load.filter((c) => c.row.set === name);
  // The rows there were when it was added (rounds up to 14), so before and after compare the same rows.
  const held = load.filter((c) => c.row.set !== 'fit' && (blindRound(c.row) ?? 0) <= 14);
  return [
    '- **After round 14: fixed-length waves priced pass by pass** (capacity/load.ts waveFirstToken; read from rounds 12',
    "  and 14, so neither is a blind check of it). A fixed-length run's first wave is admitted one token budget a pass, and",
    '  a request has its first token when its pass ends: a wave one pass holds waits for the whole pass (round 12). Forced',
    '  to one length, the requests of a pass finish together and return together: a one-pass wave comes back to an idle',
    '  engine and waits as the first did; a wider one comes back in groups a pass apart, each waiting for the pass in',
    "  progress and then its own. A run of N prompts (column `num_prompts`; the CLI's `--num-prompts`, the Serve view's",
    '  "Prompts in the run") has users ÷ N of its requests in the first wave; a source that does not state N is priced as',
    '  one wave. Refitted with the GDDR and CDNA prefill ε held (capacity-fit.ts PINNED; unheld, the descent lifts them to',
    "  0.90 and 0.85 of the dense tensor peak for a 1 % lower objective, where a prefill's attention, norms and",
    '  all-reduces alone keep it well below), only the CDNA first-token time moves, 65 → 70 ms. TTFT: fit rows 25.9 % →',
    `  ${roundFigures(set('fit')).split(',')[0]!.replace('TTFT ', '')}, check rows 29.7 % → ${roundFigures(set('check')).split(',')[0]!.replace('TTFT ', '')}, every held-out row 32.3 % → ${roundFigures(held).split(',')[0]!.replace('TTFT ', '')};`,
    '  TPOT and throughput do not move. Not fixed by it: later groups of the widest waves queue more than one pass ahead',
    "  (round 14's medians at 64–256 users are 3–4 passes; S133's 64 prompts of 8,000 tokens, about 5), and S5, whose",
    '  runs left lockstep after their first wave (outputs end at EOS), is priced 45 % off (30 % before).',
    "  Tried with it and not shipped: an arrival waits for the step already scheduled too (vLLM's async scheduler and",
    "  SGLang's overlap scheduler prepare step n + 1 while step n runs; the planner assumes them for every release). One",
    "  more step for steady arrivals takes the fit rows' TTFT from 24.9 % to 31.1 %; one more pass for a burst's later",
    '  groups leaves the fit rows where they are and takes the check rows from 24.7 % to 26.6 %.',
    '  Also tried after round 17 and not shipped: vLLM releases before 0.14 (async scheduling off by default until vLLM',
    "  PR 27614) paying the older host time a step (4.75 ms, issue 15's fit). It lowers the fit objective by 1 % but takes",
    '  the held-out TPOT from 28.9 % to 31.8 %: it helps S320 and S370 (0.8.4–0.9.1, TPOT priced 28–46 % fast) but',
    "  moves S371, S440 and S251's 0.9.2 row (0.8.2–0.9.2, priced 4–34 % slow already) further off.",
  ];
}

/** Round 9: six collectors, four publishers of load runs (old and new releases), three pools. */
function round9Lines(load9: CapacityCase[], pool9: CapacityCase[], frozenAt: string): string[] {
  const err = (c: CapacityCase) => relError(c.predicted.kvTokens, c.measured.kvTokens!);
  const by = (src: string) => load9.filter((c) => c.row.source === src);
  return [
    `- **Round 9** (S320, S350, S351, S360, S361, S370, S371: ${load9.length} load rows and ${pool9.length} pool rows), gathered by six`,
    `  collectors after commit ${frozenAt} (the prefill-graph rule in) and read only after it. Load: SGLang 0.4.7 and vLLM 0.9.1`,
    '  (V0) on one A100 PCIe at 1–16 requests/s (S320); vLLM 0.11.0 with 256 users of 4k-token prompts on 8 × H200 (S360);',
    '  vLLM 0.8.2 / 0.8.4 and SGLang 0.4.4 on H200, 50 prompts at 10 requests/s with 1k–32k-token prompts (S370, S371).',
    '  On the frozen rules TTFT missed by far (91.3 %), TPOT 28.0 % and output 13.4 % met. Most of the TTFT miss was the',
    '  harness, not the planner: a run of N prompts at a stated rate was priced as an endless open loop, or as N users in a',
    '  steady state, where it is a transient. Its prompts arrive 1/λ apart, and where one prefill takes longer than that, or',
    '  the rate exceeds what the replicas complete, a queue builds for the length of the run (capacity-cases.ts',
    '  finiteRunWaitSeconds, read from these misses; no other round moves). With it: ' + roundFigures(load9) + '. By source:',
    `  S320 ${roundFigures(by('S320'))}; S370 ${roundFigures(by('S370'))}; S371 ${roundFigures(by('S371'))}.`,
    "  What remains: vLLM 0.8.4's DeepSeek-R1 prefill (S370) is 5–10 × slower than priced, and its two hosts differ 6 × on",
    '  the same 1k-token runs; the eager cost, one constant per platform (0.1 s on NVIDIA HBM, from big MoE models at TP 8),',
    '  is 5–10 × what 3B–8B dense models pay at 1k tokens (S371: 24–41 ms in all). A per-layer host cost was tried and',
    '  fitted worse on the fit and check rows, so the constant stays. Pools: ' +
      pool9.map((c) => `${c.id} ${pct(err(c))} (${c.row.model}, vLLM ${c.row.version}, ${c.row.gpus} × ${c.row.gpu})`).join('; ') +
      '. The first two are V0-engine releases; the third is the CUDA-graph memory that vLLM 0.21 and later subtract, unpriced.',
  ];
}

/** Round 8: two publishers' committed results, load and pool rows, priced on the commit they were frozen at. */
function round8Lines(load8: CapacityCase[], pool8: CapacityCase[], frozenAt: string): string[] {
  const err = (c: CapacityCase) => Math.abs(relError(c.predicted.kvTokens, c.measured.kvTokens!));
  return [
    `- **Round 8** (S310, S311: ${load8.length} load rows and ${pool8.length} pool rows), gathered after commit ${frozenAt} and read after it:`,
    "  a cloud provider's SGLang and vLLM runs at one user (128/128 tokens) on H100 PCIe, H200 NVL, L40S and RTX PRO 6000,",
    '  and vLLM 0.12.0 long-prompt runs (8k–32k tokens, 4–8 users) on RTX 5060 Ti / 5070 Ti / 5090. Pools: ' +
      `${pool8.filter((c) => err(c) <= 0.05).length} of ${pool8.length} within 5 % (median |error| ${abs(median(pool8.map(err)))}). Load: ` +
      roundFigures(load8) +
      '. On its frozen rules TTFT missed (47.4 %): the fixed 0.1 s first-token term',
    "  fitted on SGLang's HBM cookbook runs is 4–5 × what one-user runs on an H100 PCIe measure (23–85 ms), as round 6's A100",
    "  run showed. Read from that miss (commit 8697d9e): the cookbook's 0.1 s is an eager prefill, and SGLang 0.5.10 and",
    '  later (PR 16331) and vLLM V1 for passes up to 512 tokens replay prefill CUDA graphs and do not pay it',
    '  (src/core/capacity/prefill-graphs.ts); the figures above are on that rule. TPOT and throughput meet.',
  ];
}

/**
 * Round 7: pools only. S290 is one publisher's records over many releases, so it is also reported by release and
 * configuration; S300–S309 are single start-ups from as many repositories.
 */
function round7Lines(pool7: CapacityCase[], frozenAt: string): string[] {
  const err = (c: CapacityCase) => relError(c.predicted.kvTokens, c.measured.kvTokens!);
  const within = (cs: CapacityCase[]) => cs.filter((c) => Math.abs(err(c)) <= 0.05).length;
  const med = (cs: CapacityCase[]) => abs(median(cs.map((c) => Math.abs(err(c)))));
  const s290 = pool7.filter((c) => c.row.source === 'S290');
  const others = pool7.filter((c) => c.row.source !== 'S290');
  const groupBy = (cs: CapacityCase[], key: (c: CapacityCase) => string) => {
    const g = new Map<string, CapacityCase[]>();
    for (const c of cs) g.set(key(c), [...(g.get(key(c)) ?? []), c]);
    return [...g].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  };
  const releases = groupBy(s290, (c) => /^\d+\.\d+/.exec(c.row.version ?? '')?.[0] ?? c.row.version!);
  const configs = groupBy(s290, (c) => [c.row.model, c.row.quant, c.row.kv_type, c.row.gpu, c.row.tp].join(' '));
  const missLine = (cs: CapacityCase[]) =>
    cs
      .filter((c) => Math.abs(err(c)) > 0.05)
      .map(
        (c) =>
          `${c.id} ${pct(err(c))} (${c.row.model} on ${c.row.gpus} × ${c.row.gpu}, ${c.row.version}, max_model_len ${c.row.max_model_len})`,
      )
      .join('; ');
  const nvfp4 = s290.filter((c) => c.row.quant === 'nvfp4');
  return [
    `- **Round 7** (S290 and S300–S309, ${pool7.length} pool rows, no load rows), gathered by two collectors after commit ${frozenAt} (the`,
    '  three rules read from round 6 in) and read only after it. On the frozen rules 145 of the 151 rows it could price',
    `  were within 5 %; on today's rules ${within(pool7)} of ${pool7.length} are (median |error| ${med(pool7)}).`,
    `  - S290 (${s290.length} rows): the Red Hat dashboard records that round 6's one-per-configuration rule did not take, older`,
    '    releases (0.11.0–0.20.0) and other max_model_len values on H200, B200 and MI300X; one publisher. On the frozen',
    '    rules 137 of the 140 it could price were within 5 % (median |error| 0.39 %); the three DeepSeek-V3.2 NVFP4 rows on',
    '    8 × B200 were priced once NVFP4 became a format (commit b418039): ' + nvfp4.map((c) => `${c.id} ${pct(err(c))}`).join(', ') + '.',
    `    Today ${within(s290)} of ${s290.length}. By release: ` +
      releases.map(([v, cs]) => `${v} ${within(cs)}/${cs.length}`).join(', ') +
      `. By configuration (model, quant, KV, GPU, TP): ${configs.filter(([, cs]) => within(cs) === cs.length).length} of ${configs.length} have every row within 5 %.`,
    "    The NVLink-switch rule's release boundary, placed at 0.17 before the round with nothing logged from 0.14–0.17,",
    '    held: 0.14.1 and 0.16.0 at TP 4 on H200 are within 0.1 %. Misses: ' + missLine(s290) + '.',
    "    The MI300X ones are round 6's ROCm gap again; the H200 one is the only DeepSeek-R1 run at its full 163,840-token",
    '    length and on 0.20.0, and the same configuration at 8,192–10,000 tokens on 0.11–0.19 is within 5 %.',
    `  - S300–S309 (${others.length} rows, one start-up log each from ten repositories: H100, H200, RTX PRO 6000, RTX 3090, RTX`,
    `    A5000 and T4 at TP 1–8, vLLM 0.10.0–0.22.0): ${within(others)} within 5 % (median |error| ${med(others)}). Misses: ` +
      missLine(others) +
      '.',
    '    All three ran from a pip environment (a .venv, a conda env) and price as a sorting release (--runtime-version',
    '    0.11.2) at -5 %, +3 % and +3 %: most likely FlashInfer was not installed, and without it vLLM before 0.11.1 falls',
    "    back to PyTorch's top-k/top-p, which sorts the vocabulary (38 B per row and entry, not 14). The rule keeps",
    "    FlashInfer's sampler for those releases, as Red Hat's 0.11.0 images have it (S290, within 5 %); the install",
    '    decides, and the planner does not ask which.',
  ];
}

/** The check-row medians had each run been compared on its mean TTFT (the rule before the median column). */
function meanRuleLine(): string {
  const check = servingRows().filter((r) => r.kind === 'load' && r.set === 'check');
  const onMeans = medianErrors(check.map((r) => runCase({ ...r, ttft_median_ms: '' })));
  const n = check.filter((r) => ttftStatistic(r) === 'median').length;
  return (
    `${n} of the check rows are compared on their median TTFT (SOURCES.md, column \`ttft_median_ms\`). Compared on their means ` +
    `instead, with the first wave priced as a burst and the same constants, the check rows' TTFT median error is ${abs(onMeans.ttftMs.median)} (${onMeans.ttftMs.n}).`
  );
}

/** The widest ratio between one page's one-user runs of the same prompt length (S30–S41 medians). */
function scatter(load: CapacityCase[]): string {
  const groups = new Map<string, number[]>();
  for (const c of load) {
    if (c.row.concurrency !== '1' || ttftStatistic(c.row) !== 'median' || c.measured.ttftMs === undefined) continue;
    const k = `${c.row.source}|${c.row.gpu}|${c.row.isl}`;
    groups.set(k, [...(groups.get(k) ?? []), c.measured.ttftMs]);
  }
  const ratios = [...groups.values()].filter((v) => v.length > 1).map((v) => Math.max(...v) / Math.min(...v));
  return `${Math.max(...ratios).toFixed(1)} × (median TTFT of 610-token prompts)`;
}

/** The serving ranges as shipped (speed-calibration.ts servingBands; the accuracy test recomputes them). */
function bandLines(): string[] {
  return [
    '| GPU kind | held-out rows (today) | blind rows (first priced) | TTFT | TPOT | output tok/s |',
    '|---|---|---|---|---|---|',
    ...Object.entries(SPEED_CALIBRATION.servingBands).map(
      ([k, b]) =>
        `| ${k === 'default' ? 'all (kinds with fewer than 8 rows)' : k} | ${b!.rows} | ${b!.firstPriced} | ×/÷ ${b!.ttft} | ×/÷ ${b!.tpot} | ×/÷ ${b!.output} |`,
    ),
  ];
}

/** Medians of frozen rows as table cells "x % (n)". */
function frozenCells(rows: FrozenRow[]): string {
  const m = frozenMedians(rows);
  return FROZEN_METRICS.map((k) => `${abs(m[k].median)} (${m[k].n})`).join(' | ');
}

/** Rows their round's commit could not price, as "p1 and p2 (round n)". */
function unpriced(rows: FrozenRow[]): string {
  const none = rows.filter((f) => FROZEN_METRICS.every((k) => f.measured[k] === undefined) && f.measured.kvTokens === undefined);
  return `${none.map((f) => `${f.id} (round ${f.round})`).join(', ')}`;
}

/**
 * Where TPOT leans: its signed median by tensor parallel size and by users, fit rows against every other row. The
 * fit rows are mostly SGLang at TP 8 and one user or 33–128; the rows priced slow are the others.
 */
function tpotLeanLines(load: CapacityCase[]): string[] {
  const users = (c: CapacityCase) => {
    const n = Number(c.row.concurrency || 0);
    return n <= 1 ? '1' : n <= 8 ? '2–8' : n <= 32 ? '9–32' : n <= 128 ? '33–128' : 'over 128';
  };
  const cell = (cs: CapacityCase[]) => signedMedian(cs, 'tpotMs');
  const fit = load.filter((c) => c.row.set === 'fit');
  const held = load.filter((c) => c.row.set !== 'fit');
  const rowsBy = (name: string, keyOf: (c: CapacityCase) => string, keys: string[]) =>
    keys.map((k) => `| ${name} ${k} | ${cell(fit.filter((c) => keyOf(c) === k))} | ${cell(held.filter((c) => keyOf(c) === k))} |`);
  return [
    '### Where TPOT leans (signed median: + priced slower than measured)',
    '',
    'The constants are fitted on rows that are mostly SGLang at TP 8; the held-out rows priced slow are mostly one or two',
    'GPUs, and a refit on more of them (above) does not remove the lean, so it is in how a step is priced, not in a constant.',
    '',
    '| rows | fit rows | every other row |',
    '|---|---|---|',
    ...rowsBy('TP', (c) => c.row.tp!, ['1', '2', '4', '8']),
    ...rowsBy('users', users, ['1', '2–8', '9–32', '33–128', 'over 128']),
    ...rowsBy('runtime', (c) => c.row.runtime!, ['vllm', 'sglang']),
    '',
    'A trial read from this table (not shipped): with the batched shares at 1 (a step of several sequences streams as fast as',
    'one: no jump at two users) the held-out TPOT goes 28.8 → 18.9 % and the fit rows’ stays at 15.2 %, but TTFT goes',
    '27.6 → 31.1 % and output 15.4 → 20.9 % (fit rows 24.9 → 27.5 % and 16.3 → 21.8 %). Measured runs keep output ≈ users ×',
    'output length ÷ (TTFT + output length × TPOT) (median ratio 0.97–1.00), and so does the planner (1.01–1.06): its cycle',
    'is about right but split wrongly. The shipped shares (0.8 vLLM, 0.65 SGLang) carry into decode time that the runs spend',
    'before the first token (held-out TTFT is priced −12 %, first-priced −23 %). Moving it there needs the mechanism, not a',
    'constant, and no unseen run is left to check one.',
  ];
}

/** Frozen pool rows as "x of n (median %)", or '–' without any. */
function poolCell(rows: FrozenRow[]): string {
  const p = frozenPools(rows);
  return p.n ? `${p.within5} of ${p.n} (${abs(p.median)})` : '–';
}

/** Signed median error of one measure over frozen rows. */
function frozenSigned(rows: FrozenRow[], k: (typeof FROZEN_METRICS)[number]): string {
  const e = rows.filter((r) => r.measured[k] !== undefined).map((r) => relError(r.predicted[k]!, r.measured[k]!));
  return pct(median(e));
}

/** Share of frozen rows of a measure within ×/÷ f of the measured figure. */
function within(rows: FrozenRow[], k: (typeof FROZEN_METRICS)[number], f: number): string {
  const r = rows.filter((x) => x.measured[k] !== undefined).map((x) => Math.abs(Math.log(x.predicted[k]! / x.measured[k]!)));
  return `${((r.filter((x) => x <= Math.log(f) + 1e-12).length / r.length) * 100).toFixed(0)} %`;
}

/**
 * Every blind row as first priced (capacity-frozen.ts): the planner's accuracy on runs it had not seen, round by
 * round and pooled, with no rule read from the row yet.
 */
function firstPricedLines(): string[] {
  const rows = frozenRows();
  const d = SPEED_CALIBRATION.servingBands.default;
  const rounds = pricedRounds().filter((r) => rows.some((f) => f.round === r.round));
  return [
    '### Every blind row as first priced',
    '',
    "Today's figures on the blind rounds above are not a blind check any more: later rules were read from their misses. These",
    'are each row as its round first priced it, with the planner and harness of the commit the round was frozen at',
    '(tests/fixtures/serving/frozen.csv; `npx tsx tests/accuracy/capacity-frozen.ts --write` checks each commit out and',
    "prices the round's rows of today's serving.csv with it; round 1 on 4fcec36 and round 4 on dc59dbc, the commits that taught",
    'the harness runs of fewer prompts than users and request-rate rows, with the planner unchanged). Pooled, they are the',
    'planner’s accuracy on a run it has not seen.',
    '',
    '| rows | priced at | TTFT median (n) | TPOT median (n) | output tok/s median (n) | pools within 5 % (median) |',
    '|---|---|---|---|---|---|',
    ...rounds.map(
      (r) =>
        `| round ${r.round} | ${r.commit} | ${frozenCells(rows.filter((f) => f.round === r.round))} | ${poolCell(rows.filter((f) => f.round === r.round))} |`,
    ),
    `| **every blind row, pooled** | | ${frozenCells(rows)} | ${poolCell(rows)} |`,
    `| rounds 2–${Math.max(...rows.map((f) => f.round))} (round 1 has been fitted since) | | ${frozenCells(rows.filter((f) => f.round >= 2))} | ${poolCell(rows.filter((f) => f.round >= 2))} |`,
    '',
    `Not counted: ${unpriced(rows)}, which the planner of their round's commit could not price (a format it did not know yet).`,
    '',
    `Signed medians (+ priced above measured): TTFT ${frozenSigned(rows, 'ttftMs')}, TPOT ${frozenSigned(rows, 'tpotMs')}, output ${frozenSigned(rows, 'outputTps')}:`,
    'first prices put the first token too early and the tokens after it too far apart. Within the ranges held-out',
    `rows alone would give (×/÷ 2.15 TTFT, 1.6 TPOT, 1.45 output, all kinds, before this check): TTFT ${within(rows, 'ttftMs', 2.15)},`,
    `TPOT ${within(rows, 'tpotMs', 1.6)}, output ${within(rows, 'outputTps', 1.45)} of them, where 80 % was meant; within the ranges shipped since (all kinds:`,
    `×/÷ ${d.ttft}, ${d.tpot}, ${d.output}): ${within(rows, 'ttftMs', d.ttft)}, ${within(rows, 'tpotMs', d.tpot)}, ${within(rows, 'outputTps', d.output)}.`,
    '',
    'Tried after this check and not shipped: refitting the constants on the fit rows and the declared fit half of rounds',
    '2–18 (`capacity-fit.ts --fit-blind`, 185 fit rows; the host time per overlapped step allowed up to 6 ms instead of 2).',
    'On the other half with the check rows (226–236 a metric) TTFT stays at 26.3 %, TPOT goes 28.2 → 25.3 % and output',
    '17.0 → 15.2 %; the host time per step comes out at 2.1 ms (0 on the fit rows alone), the batched share at 0.95 and the',
    'HBM decode η at 0.8. Not shipped: that half’s TPOT leans +18 % (priced slow) after the refit as before it (+17.7 %),',
    'so the lean is not in the constants; no unseen run is left to check a refit on; and the leave-one-source-out check',
    'of the constants would take hours at that size (one fit takes 6–7 minutes).',
  ];
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
    `- SGLang's own share of the decode bandwidth a batched step reaches: ${SPEED_CALIBRATION.sglang?.batchedStreamEfficiency ?? v.batchedStreamEfficiency} (its prefill batches run as passes of their own, priced whole: capacity/load.ts).`,
    `- First-token time besides the prefill's GPU work where the prefill runs without CUDA graphs (every layer's kernels launched from Python): ${first}. vLLM V1 replays graphs for passes of up to 512 tokens; SGLang from 0.5.10 (piecewise CUDA graph on by default) up to its chunked-prefill size on NVIDIA GPUs, except MLA, sparse-attention and gated-DeltaNet models; SGLang on ROCm and older releases, and vLLM V0, never (capacity/prefill-graphs.ts).`,
    `- Prefill passes: a prompt runs in passes of up to the step's token budget; the GEMM efficiency grows with the pass width as M / (M + M½), relative to a 512-token pass: ${v.prefillHalfTokens ? `M½ ${v.prefillHalfTokens} tokens` : 'M½ off (the fit rows do not identify it)'}.`,
    '- FP8 checkpoints run their GEMMs at the GPU’s FP8 peak where it has one; recurrent layers move their whole state per token; a prefill pass on a mixture of experts reads every expert its tokens route to (advice/speed-plan.ts, capacity/speed.ts).',
    '- TTFT compared: for a random-length run whose source prints the median TTFT (S12, S30–S41), that median against the steady-state price; elsewhere the mean, with the first `concurrency` requests of a random-length run (concurrency ÷ num_prompts of them) priced as a burst (capacity-cases.ts ttftStatistic, burstShare; why: SOURCES.md, column `ttft_median_ms`).',
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
    ...Object.entries(BLIND_ROUND_LABELS).map(([n, label]) =>
      summary(
        `**blind rows, round ${n} (${label})**`,
        load.filter((c) => c.row.set === 'blind' && blindRound(c.row) === Number(n)),
      ),
    ),
    summary(
      'held-out rows the current model learnt nothing from (check, rounds 3 and later)',
      load.filter((c) => c.row.set === 'check' || (blindRound(c.row) ?? 0) >= 3),
    ),
    summary(
      'every held-out row (check and all blind rounds)',
      load.filter((c) => c.row.set !== 'fit'),
    ),
    '',
    'The split rule (SOURCES.md, declared before a source is scored): within a source and a configuration, the 1st, 3rd …',
    'concurrency fit and the 2nd, 4th … check; one-row configurations and the sources added as check-only (S8, S9, S11–S17)',
    'check. S10 (vLLM’s 1024-user Nemotron wave on an H200) moved to the fit set when the test that held it out found',
    `fitting it no longer worsened any other check median. Sources with no fit row at all: ${independentSummary(load)}.`,
    '',
    meanRuleLine(),
    '',
    ...blindLines(load, pool),
    '',
    ...firstPricedLines(),
    '',
    '### By source (signed median error: + predicted above measured)',
    '',
    ...sourceTable(load),
    '',
    ...tpotLeanLines(load),
    '',
    '### Ranges the app shows',
    '',
    'The Serve view, the CLI and the plan give each figure a range, a factor: the wider of two 80th percentiles of',
    '|ln(predicted / measured)| for that GPU kind, on the held-out (check and blind) rows as priced today and on the blind',
    'rows as first priced (above; every kind where a kind has fewer than 8). Held-out rows alone gave ×/÷ 2.15 on TTFT until',
    'the first-priced check showed 20 % of unseen runs are further off than that. llama-server, with no load run measured,',
    'keeps the speed model’s band:',
    '',
    ...bandLines(),
    '',
    ...loadMisses(load),
    '### Every load row',
    '',
    '| id | set | runtime | model | GPUs | in/out | users | TTFT ms measured (median where printed, else mean) / predicted | TPOT ms | output tok/s |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...load.map(rowLine),
    '',
    '## KV pool rows',
    '',
    `Median |error| ${abs(median(poolErr))} over ${pool.length} rows; ${pool.filter((c) => poolError(c) <= 0.05).length} of them within 5 %. ` +
      `${pool.filter((c) => c.row.source === 'S7').length} of the rows are one publisher's vLLM 0.19.0 logs on H100 (S7), all within 5 %; of the ` +
      `${pool.filter((c) => (blindRound(c.row) ?? 0) >= 3).length} pools of the blind rounds from 3 on, ${pool.filter((c) => (blindRound(c.row) ?? 0) >= 3 && poolError(c) <= 0.05).length} are (Blind rounds): vLLM releases from 0.21 take 1–2 GiB a GPU more than the rule, their CUDA-graph estimate; pip installs of releases before 0.11.1 without FlashInfer sort to sample; DeepSeek-R1 on MI300X loads and keeps more than on H200.`,
    '',
    'The rule (src/core/estimate/runtimes/vllm-profile.ts, src/core/capacity/runtime-memory.ts): vLLM V1 takes utilisation ×',
    "total memory less the rank's weights (src/core/estimate/runtimes/rank-weights.ts: the even share plus the tensors kept whole",
    "on every rank — MLA down-projections, routers, DeepSeek-V3.2's indexer, KV heads past tp = n_kv_heads — the bf16",
    'copy of a quantised MLA up-projection, and on ROCm the stride padding of 16-bit experts), its profiled peak (the',
    'sampler: 14 B per row and vocabulary entry over min(max_num_seqs, batched tokens) rows, 38 B where the release sorts',
    'the vocabulary (0.11.1–0.16, and below 8 rows), plus the fused-MoE workspace) and its non-torch increase (0.25 GiB;',
    '2.1 GiB per GPU when NCCL uses NVLS over an NVLink switch from 0.17 on, 0.7 GiB before), and counts a hybrid',
    "model's tokens over its layer groups, recurrent layers included (src/core/estimate/runtimes/vllm-groups.ts); SGLang",
    'takes mem_fraction_static × the memory free after its distributed set-up (2.0 GiB per GPU over NVLink, 0.13 GiB over',
    'PCIe past two GPUs, where its custom all-reduce is off), less the weights.',
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
    'stays unexplained by one log; the same model under SGLang (p03) is within 1 %. p24 (Kimi-K2-Thinking on 8 × H200)',
    'logs 46.80 GiB of KV per GPU where the rule leaves more: its INT4 checkpoint quantises in groups of 32 with 16-bit',
    'attention, which the `gptq` format (groups of 128, every linear layer 4-bit) prices about 7 GiB a GPU light.',
    '',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(CAPACITY_DOC_PATH, capacityAccuracyDoc());
  console.log(`wrote ${CAPACITY_DOC_PATH}`);
}
