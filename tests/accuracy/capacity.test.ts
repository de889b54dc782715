// Serving capacity against measured runs (tests/fixtures/serving). Issue 17's targets: KV pool within 5 %
// of what the runtime reports, aggregate output throughput median |error| ≤ 25 %, TTFT and TPOT median
// ≤ 30 %. The rows the rule should reproduce exactly are held to 5 % each. The load rows are split
// (serving.csv, column set): the serving speed constants are fitted on the fit rows (capacity-fit.ts) and
// the check rows are reported apart; docs/capacity-accuracy.md shows both.

import { describe, expect, it } from 'vitest';
import { SPEED_CALIBRATION } from '../../src/core/advice/speed-calibration';
import {
  blindRound,
  median,
  rateOf,
  relError,
  runCase,
  servingBandsFrom,
  servingRows,
  ttftStatistic,
  widerBands,
  type CapacityCase,
} from './capacity-cases';
import { frozenCases, frozenRows } from './capacity-frozen';
import { efficiencyKey } from '../../src/core/advice/speed-calibration';
import { getGpu } from '../../src/core/hardware/gpu-catalog';
import { LOAD_METRICS, fitServing, loadRows, medianErrors } from './capacity-fit';

const cases: CapacityCase[] = servingRows().map((r) => runCase(r));

/**
 * Pool rows outside the planner's rule, each for a stated reason (SOURCES.md): vLLM V0 (removed in vLLM 0.11)
 * profiled an eager forward pass of max_num_batched_tokens, 2.07 and 2.99 GiB in S1's logs, where V1 peaks at
 * its sampler; p04 ran with an LMCache KV connector, and 3.5 GiB of its non-KV memory stays unexplained; p24's
 * Kimi-K2-Thinking checkpoint is INT4 in groups of 32 with 16-bit attention, which the `gptq` format (groups of
 * 128, every linear layer 4-bit) prices about 7 GiB a GPU light (docs/capacity-accuracy.md). p600–p603, the third
 * blind round's pools (vLLM 0.27.1, a 2026-08 image and a 2025-10 main build, on RTX PRO 6000 Blackwell and H100),
 * miss by 6–11 %: what those releases take besides the weights differs from the V1 rule by −0.6 to +1.8 GiB a GPU,
 * in both directions (TP 2 less, PP 2 more on the same card and model); not explained yet. p900 (fourth round:
 * vLLM 0.19.0's offline engine on an RTX 4090, as a simulator's harness recorded it) leaves 0.49 GiB less KV than the
 * V1 rule prices (+9.7 %); not explained yet. The fifth round's pools of vLLM 0.24–0.28 miss too (p1006 on an RTX 3090,
 * p1007 and p1008 an AWQ MoE on 2 × A100 at TP 2 and PP 2): 1.1–2.2 GiB a GPU less than priced (+9 to +20 %). From 0.21
 * vLLM subtracts an estimate of its CUDA graphs' memory by default (VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS), measured
 * by capturing graphs; not modelled. Its 0.11.2 pools (p1001–p1004, 3.4 GiB a GPU less on the frozen rule) are
 * within 1 % since the sampler's sort path is priced by release (vllm-profile.ts vllmSamplerSorts).
 */
/*
 * Round 6 (frozen at 80f6ffb): 15 of its 23 pools are within 5 %. Its misses: a Jetson AGX Thor, whose memory the CPU
 * shares (p1200, +7 %); Qwen3-235B in bf16 on 4 × MI300X with vLLM 0.11.2 (p1205 +6 %: ROCm loads 3 GiB a GPU more
 * weights than the checkpoint holds); DeepSeek-R1 at TP 8 on MI300X (p1213 +7 %: 1.8 GiB more weights and 3.9 GiB more
 * besides them than on H200). Read after the round, and no longer tests of it: its two hybrid pools (p1209, p1217;
 * +311 % and +401 % on the frozen rule) are within 3 % since the rule counts vLLM's layer groups (vllm-groups.ts);
 * DeepSeek-V3.2's indexer key is 132 B in fp8 (kv.ts vllmIndexerKeyBytes), MLA's down-projections, routers and
 * indexer are whole on every rank (rank-weights.ts), and releases before 0.17 profile a smaller NVLink-switch share
 * (runtime-memory.ts), which brings p1203 (-13 %), p1215 (+6 %) and p1218 (-7 %) within 5 %; and vLLM's ROCm stride
 * padding of 16-bit experts (rank-weights.ts, read after round 7) brings p1205 (+6 %) to +2 %.
 * Round 7 (S290, frozen at 134f7f3): 137 of the 140 pools it could price within 5 %. Its misses: DeepSeek-R1 on 8 × MI300X
 * (p1460, p1490, +7 %, the ROCm gap of p1213) and on 8 × H200 at vLLM 0.20.0 with its full 163,840-token length (p1541,
 * +10 %; the same configuration at 8,192–10,000 tokens on 0.11–0.19 is within 5 %). Its second collector's 11 pools
 * (S300–S309: consumer, workstation and H100/H200 cards, vLLM 0.10.0–0.22.0): 8 within 5 %; the misses are pip installs
 * of vLLM 0.10.0 and 0.10.2 (p1601 +35 %, p1605 +13 %, p1606 +9 %) that, most likely without FlashInfer, sort the
 * vocabulary to sample: priced as a sorting release they are -5 %, +3 % and +3 %.
 * Round 8 (S310, S311, frozen at e47a8ff): 31 of its 35 pools within 5 % (median 1.9 %), SGLang and vLLM on H100 PCIe,
 * H200 NVL, L40S, RTX PRO 6000 and RTX 50-series. Misses: GLM-4.7-Flash on one H100 PCIe (p1706 +5.1 %), Llama-3.3-70B
 * on 2 × H100 PCIe under SGLang, a 20,620-token pool (p1708 +10 %), gpt-oss-20b on an RTX 5090 (p1729/p1730 +6/+10 %).
 * Round 9 (S350, S351, S361, frozen at 8697d9e): three pools. Two are V0-engine releases (vLLM 0.4.1 on an RTX 3090, +16 %;
 * 0.6.6.post1 on a T4, +14 %), which the V1 rule does not claim. Qwen3-Coder-30B-A3B on 4 × L40S under vLLM 0.24.0
 * (p2000, +6 %): 1.45 GB a GPU, the size of the CUDA graphs vLLM 0.21 and later subtract, which the planner does not price.
 * Round 13 (S470, S471, S473, frozen at b950a96): 12 of its 16 pools within 5 % (median 2.3 %). Misses: Qwen2.5-7B on an
 * RTX 4090 under vLLM 0.24.0 and 0.25.1 (p2715 +13.7 %, a 83,376-token pool: 0.6 GB, about the CUDA graphs those
 * releases subtract; p2705/p2706 +5.5 %, GPTQ at max-num-seqs 32 and 64, whose logged pool equals the 128-sequence
 * one), and Qwen3-32B bf16 on one A100 80GB under vLLM 0.11.0 (p2711 +10.9 %, a 36,192-token pool: 1 GB).
 * Round 14 (S490, S491, frozen at 87422d3): 2 of its 6 pools within 5 %. Every one is above the log by 3–7 %: vLLM 0.23.0
 * on an A100 40GB (p2901/p2902 +5.6/+6.0 %, 1.1 GB) and 0.29.0 on an L40S (p2903 +6.7 %, p2905 +5.3 %, 0.8–1.7 GB), the
 * CUDA graphs vLLM 0.21 and later subtract from the pool, not priced (as p2000).
 * Round 16 (S540, frozen at 36b2f12): 0 of its 8 pools within 5 %, four configurations of gpt-oss-20b MXFP4 on vLLM
 * 0.28.0, each logged twice. On a Radeon AI PRO R9700 (p3250, p3251, p3256, p3257, +53 %) ROCm loads 14.16 GiB of weights
 * (12.82 priced) and leaves 7.5 GiB for KV where the planner leaves 15.2: its MXFP4 path is not priced. On an L40 (p3252–p3255, −16 %)
 * the 24.25 GiB of KV hold 36.4 KB a token where the planner prices 48 KB, the figure H100 logs agree with (p22):
 * not explained.
 */
const POOL_MISSES = [
  'p04',
  'p24',
  'p600',
  'p601',
  'p602',
  'p603',
  'p900',
  'p1006',
  'p1007',
  'p1008',
  'p1200',
  'p1213',
  'p1460',
  'p1490',
  'p1541',
  'p1601',
  'p1605',
  'p1606',
  'p1706',
  'p1708',
  'p1729',
  'p1730',
  'p2000',
  'p2705',
  'p2706',
  'p2711',
  'p2715',
  'p2901',
  'p2902',
  'p2903',
  'p2905',
  'p3250',
  'p3251',
  'p3252',
  'p3253',
  'p3254',
  'p3255',
  'p3256',
  'p3257',
];
/** vLLM's V0 engine: named so, or a release before 0.8.0, when V1 became the default. */
function v0Engine(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)\./.exec(version ?? '');
  return (version ?? '').startsWith('V0') || (m !== null && Number(m[1]) === 0 && Number(m[2]) < 8);
}
function knownPoolMiss(c: CapacityCase): boolean {
  return (c.row.runtime === 'vllm' && v0Engine(c.row.version)) || POOL_MISSES.includes(c.id);
}
/** The median |error| of each measure over some load rows, printed for the log under `label`. */
function logMedians(label: string, rows: Record<string, string>[]): ReturnType<typeof medianErrors> {
  const m = medianErrors(rows.map((r) => runCase(r)));
  console.log(`${label}: ${LOAD_METRICS.map((k) => `${k} median ${(m[k].median * 100).toFixed(1)} % (n ${m[k].n})`).join(', ')}`);
  return m;
}

const errors = (k: keyof CapacityCase['measured']) =>
  cases.filter((c) => c.measured[k] !== undefined).map((c) => Math.abs(relError(c.predicted[k], c.measured[k]!)));

describe('serving capacity against measured runs', () => {
  it('reads every row of the fixture and runs it', () => {
    expect(cases.filter((c) => c.kind === 'pool').length).toBeGreaterThanOrEqual(16);
    expect(cases.filter((c) => c.kind === 'load').length).toBeGreaterThanOrEqual(12);
  });

  it('holds the KV pool median |error| to the 5 % target over every pool row', () => {
    expect(median(errors('kvTokens'))).toBeLessThanOrEqual(0.05);
  });

  it('puts every vLLM V1 and SGLang pool row within 5 %, except the misses named with their cause', () => {
    const pool = cases.filter((c) => c.kind === 'pool');
    const err = (c: CapacityCase) => Math.abs(relError(c.predicted.kvTokens, c.measured.kvTokens!));
    for (const c of pool.filter((x) => !knownPoolMiss(x))) expect(err(c), c.id).toBeLessThanOrEqual(0.05);
    // The misses stay misses; if one comes within 5 % the list (and SOURCES.md) should lose it.
    for (const c of pool.filter((x) => knownPoolMiss(x))) expect(err(c), c.id).toBeGreaterThan(0.05);
    // V0 profiles its batch eagerly: the longer max_model_len still profiles more and leaves fewer blocks.
    const [a, b] = ['p01', 'p02'].map((id) => cases.find((x) => x.id === id)!.predicted.kvTokens);
    expect(b!).toBeLessThan(a!);
  });

  it("holds round 7's pools (read after 134f7f3 froze the rules) within 5 % but for the six named misses", () => {
    const pool7 = cases.filter((c) => c.kind === 'pool' && blindRound(c.row) === 7);
    const err = pool7.map((c) => Math.abs(relError(c.predicted.kvTokens, c.measured.kvTokens!)));
    expect(pool7.length).toBeGreaterThanOrEqual(154);
    expect(err.filter((e) => e <= 0.05).length).toBeGreaterThanOrEqual(148);
    expect(median(err)).toBeLessThanOrEqual(0.01);
  });

  it('meets the TPOT and throughput targets on every load row (≤ 30 %, ≤ 25 %)', () => {
    expect(median(errors('tpotMs'))).toBeLessThanOrEqual(0.3);
    expect(median(errors('outputTps'))).toBeLessThanOrEqual(0.25);
  });

  it('holds the targets on the check rows, which the serving fit never saw (capacity-fit.ts)', () => {
    const check = logMedians('check rows', loadRows('check'));
    expect(check.tpotMs.n).toBeGreaterThanOrEqual(12);
    expect(check.tpotMs.median).toBeLessThanOrEqual(0.3);
    expect(check.outputTps.median).toBeLessThanOrEqual(0.25);
    // TTFT: a random-length run is compared on its median where the source prints one (ttftStatistic).
    expect(check.ttftMs.n).toBeGreaterThanOrEqual(40);
    expect(check.ttftMs.median).toBeLessThanOrEqual(0.3);
  });

  it('reports each blind round (gathered after the constants were frozen, fitted on nothing) against the targets', () => {
    // Every blind row belongs to a round (capacity-cases.ts BLIND_ROUNDS, SOURCES.md).
    for (const r of loadRows('blind')) expect(blindRound(r), r.id).toBeDefined();
    // Regression guards at the figures each round reached: rows at least, then TTFT, TPOT and output medians at most.
    // Round 2 (S90, S91, S110): on its frozen constants it missed all three (35.6 / 224.5 / 32.4 %); with SGLang's
    // hybrid state slots and lockstep waves (runtime rules read from its misses) TTFT and throughput meet, TPOT misses.
    // Round 3 (S130–S134, S150), frozen at 62abb75: five load rows; TTFT and TPOT miss, throughput meets.
    // Round 4 (S170–S173, S190–S196), frozen at d96fced (the SGLang wave rule in, no constant refitted): all three
    // targets met (25.0 / 9.9 / 13.6 %), though 18 of its 24 TTFT rows are one publisher's RTX 5090 runs.
    // Round 5 (S210–S214), read after dc59dbc (the same model): TTFT misses (36.8 %), TPOT and throughput meet.
    // Round 8 (S310, S311), frozen at e47a8ff: TTFT missed (47.4 %); since the first-token cost follows the prefill's
    // CUDA graphs (prefill-graphs.ts, read from its misses) 17.7 %.
    // Round 9 (S320, S360, S370, S371 load rows), frozen at 8697d9e: TTFT 91.3 %, TPOT 28.0 %, output 13.4 % on the
    // frozen harness; a run of N prompts at a stated rate is a transient (capacity-cases.ts finiteRunWaitSeconds,
    // read from its misses), which brings TTFT to 51.0 %.
    // Round 10 (S380, four rows of one publisher), frozen at 4014652: TTFT 13.3 %, TPOT 15.0 %, output 7.0 %.
    // Round 11 (S410–S415), frozen at 8bdba0c: TTFT 31.0 %, TPOT 35.3 % (both miss), output 22.5 %.
    // Round 12 (S440, ten rows of one publisher), frozen at 2a72ef0: TTFT 24.9 %, TPOT 3.8 %, output 7.8 %.
    // Round 13 (S470, S472: two rows), frozen at b950a96: TTFT 50.2 %, TPOT 25.2 %, output 10.1 %.
    // Round 14 (S490: one repository's sweep), frozen at 87422d3: TTFT 64.5 %, TPOT 33.0 % (both miss), output 10.7 %.
    // Since fixed-length first waves are priced pass by pass and a run's later waves apart (load.ts waveFirstToken,
    // read from rounds 12 and 14): round 3 49.8 % (S133's later waves queue more than one pass ahead), round 11
    // 28.2 %, round 12 7.4 %, round 14 26.8 %.
    // Round 15 (S520: Qwen2.5-0.5B at 50 users on an A100), frozen at 545abe3: TTFT 60.9 %, TPOT 53.2 %, output 148 %
    // (all miss: the host work per step of a 0.5B model's 50 streams, priced at 0, sets its pace).
    // Round 17 (S550: one single-user run of Qwen3.6-27B NVFP4 on an RTX 5090), frozen at 3ba5243: TTFT 26.0 %,
    // TPOT 12.9 %, output 18.2 % (all three met, on one row).
    // Round 18 (S570: 200 prompts of 1024/128 sent at once to Llama-3.1-8B on an RTX 4090, BF16 and AWQ), frozen at
    // de5c204: TTFT 49.0 % (BF16 +81 %: its pool holds 39 requests, and the wait for a slot is priced as an endless
    // closed loop), TPOT 3.4 %, output 16.3 %.
    const guards: [round: number, rows: number, ttft: number, tpot: number, output: number][] = [
      [2, 35, 0.2, 0.9, 0.25],
      [3, 5, 0.55, 0.55, 0.2],
      [4, 14, 0.3, 0.3, 0.25],
      [5, 24, 0.4, 0.3, 0.25],
      [8, 38, 0.2, 0.3, 0.25],
      [9, 39, 0.55, 0.3, 0.15],
      [10, 4, 0.3, 0.3, 0.25],
      [11, 38, 0.3, 0.4, 0.25],
      [12, 10, 0.1, 0.1, 0.15],
      [13, 2, 0.55, 0.3, 0.15],
      [14, 18, 0.3, 0.35, 0.15],
      [15, 4, 0.65, 0.6, 1.5],
      [17, 1, 0.3, 0.15, 0.2],
      [18, 2, 0.5, 0.1, 0.2],
    ];
    for (const [n, rows, ttft, tpot, output] of guards) {
      const m = logMedians(
        `blind round ${n}`,
        loadRows('blind').filter((r) => blindRound(r) === n),
      );
      expect(m.outputTps.n, `round ${n}`).toBeGreaterThanOrEqual(rows);
      expect(m.ttftMs.median, `round ${n}`).toBeLessThanOrEqual(ttft);
      expect(m.tpotMs.median, `round ${n}`).toBeLessThanOrEqual(tpot);
      expect(m.outputTps.median, `round ${n}`).toBeLessThanOrEqual(output);
    }
  });

  it('ships serving ranges wide enough for the held-out rows today and the blind rows as first priced (servingBands)', () => {
    // Check and blind rows alike: every row the constants were not fitted on.
    const check = [...loadRows('check'), ...loadRows('blind')].map((r) => runCase(r));
    const keyOf = (c: CapacityCase) => {
      const g = getGpu(c.row.gpu!)!;
      return efficiencyKey(g.family, g.tier);
    };
    const heldOut = servingBandsFrom(check, keyOf);
    const firstPriced = servingBandsFrom(frozenCases(frozenRows()), keyOf);
    // The first-priced factor is the wider one where later rules were read from the blind rows' misses.
    expect(firstPriced.default!.ttft).toBeGreaterThan(heldOut.default!.ttft);
    // Regenerate speed-calibration.ts servingBands from this when the rows, the frozen prices or the model change.
    expect(SPEED_CALIBRATION.servingBands).toEqual(widerBands(heldOut, firstPriced));
  });

  it('ships the serving fit: refitting from the shipped constants finds nothing much better', () => {
    const rows = loadRows('fit');
    const shipped = fitServing(rows, SPEED_CALIBRATION);
    const start = medianErrors(rows.map((r) => runCase(r)));
    const refit = medianErrors(rows.map((r) => runCase(r, shipped.calibration)));
    for (const k of LOAD_METRICS) expect(refit[k].median, k).toBeGreaterThan(start[k].median - 0.05);
  });

  it('keeps S10 in the fit (moved by its declared test) and the never-fitted sources in the check set', () => {
    // S10 was held out until fitting it whole stopped worsening any other check median (the test that said
    // so moved it, SOURCES.md). The pass width M½ is the fit's to choose: with the cookbook's first waves out
    // of the TTFT comparison (median rule below) only S10 and S5 carry wide passes, and the fit turns it off.
    expect(loadRows('fit').some((r) => r.source === 'S10')).toBe(true);
    // Sources the fit never saw stay in the check set: S8, S9 and S11–S17.
    const fitSources = new Set(loadRows('fit').map((r) => r.source));
    expect([...new Set(loadRows('check').map((r) => r.source))].filter((x) => !fitSources.has(x)).length).toBeGreaterThanOrEqual(8);
  });

  it('follows TTFT up a fixed-length vLLM concurrency sweep (S5): prefills arrive as one wave', () => {
    const sweep = cases.filter((c) => c.row.source === 'S5');
    const ttft = sweep.map((c) => c.predicted.ttftMs);
    for (let i = 1; i < ttft.length; i++) expect(ttft[i]!).toBeGreaterThan(ttft[i - 1]!);
    // 45 % since a one-pass wave waits for its whole pass (load.ts waveFirstToken; 30 % before): that prices the
    // 4–8-user rows 45–99 % slow. Those runs left lockstep after their first wave: their outputs end at EOS (the
    // quoted output tok/s ÷ req/s is 100 tokens, not the 128 cap) and their printed median TTFT, 53–55 ms, is one
    // prompt's prefill, while the P99 (157–268 ms) is the first wave's. The row states neither (SOURCES.md S5).
    expect(median(sweep.map((c) => Math.abs(relError(c.predicted.ttftMs, c.measured.ttftMs!))))).toBeLessThanOrEqual(0.5);
  });

  it('reports every error (TTFT and the vLLM MoE pool are the known gaps)', () => {
    const table = cases.map((c) => {
      const e = (k: keyof CapacityCase['measured']) =>
        c.measured[k] === undefined ? '' : `${k} ${(relError(c.predicted[k], c.measured[k]!) * 100).toFixed(0)}%`;
      return `${c.id} ${c.row.runtime} ${c.row.model} ${c.row.gpu}×${c.row.gpus} c=${c.row.concurrency || '-'}: ${[e('kvTokens'), e('ttftMs'), e('tpotMs'), e('outputTps')].filter(Boolean).join(', ')}`;
    });
    console.log(
      [
        ...table,
        `median |error|: pool ${(median(errors('kvTokens')) * 100).toFixed(0)}%, TTFT ${(median(errors('ttftMs')) * 100).toFixed(0)}%, TPOT ${(median(errors('tpotMs')) * 100).toFixed(0)}%, output ${(median(errors('outputTps')) * 100).toFixed(0)}%`,
      ].join('\n'),
    );
    // TTFT must stay within a factor of 5 so a regression shows. l105 (the cookbook's 64-user 8000/1000 run,
    // whose first wave the radix cache likely held) was the one exception while means were compared; its
    // median, a steady-state request, is within 45 %.
    const ttft = cases.filter((c) => c.measured.ttftMs !== undefined);
    const off = (c: CapacityCase) => Math.abs(relError(c.predicted.ttftMs, c.measured.ttftMs!));
    // Round 8's SGLang runs at one user on one H100 PCIe (l1702, l1716) answer in 23–34 ms, where the fixed 0.1 s
    // first-token term fitted on HBM cookbook runs dominates: 4.4 and 4.1 × over, named here as the known exceptions.
    for (const c of ttft.filter((x) => !['l1702', 'l1716'].includes(x.id))) expect(off(c), c.id).toBeLessThan(4);
    expect(off(ttft.find((c) => c.id === 'l105')!)).toBeLessThan(0.45);
  });

  it('runs a request-rate row as an open loop and compares its throughput only where a side could not keep up', () => {
    const rated = servingRows().filter((r) => r.kind === 'load' && rateOf(r) !== undefined);
    expect(rated.length).toBeGreaterThanOrEqual(10);
    for (const r of rated) {
      expect(r.concurrency, r.id).toBe('');
      expect(r.quote, r.id).toMatch(
        new RegExp(`(request rate ${r.rate} req/s|--request-rate ${r.rate} |Traffic request rate: ${Number(r.rate).toFixed(1)} )`),
      );
      const c = runCase(r);
      const offered = Number(r.rate) * Number(r.osl);
      const measured = r.output_tps === '' ? undefined : Number(r.output_tps);
      if (c.measured.outputTps === undefined) expect(measured === undefined || measured >= 0.95 * offered, r.id).toBe(true);
      else expect(c.measured.outputTps < 0.95 * offered || c.predicted.outputTps < 0.95 * offered, r.id).toBe(true);
    }
  });

  it('compares a random-length run on its median TTFT where the source prints one, quoted in the row', () => {
    const rows = servingRows().filter((r) => r.kind === 'load');
    const medianRows = rows.filter((r) => ttftStatistic(r) === 'median');
    expect(medianRows.length).toBeGreaterThanOrEqual(80);
    for (const r of medianRows) {
      // A random-length run (steady after its first wave), a request rate (no wave at all), or no mean printed.
      expect(r.lengths === 'random' || rateOf(r) !== undefined || r.ttft_ms === '', r.id).toBe(true);
      // The quote carries the number compared, as printed ("Median TTFT (ms): 131.71", a table's cell, "TTFT median `…ms`").
      // A saved result JSON ("median_ttft_ms": 59.33951…, aiperf's "p50") carries it unrounded: the row keeps two decimals.
      const json = /(?:"median_ttft_ms"|"?time_to_first_token"?: "avg": [0-9.]+, "p50"): ([0-9.]+)/.exec(r.quote ?? '');
      const decimals = (r.ttft_median_ms!.split('.')[1] ?? '').length;
      if (json) expect(Number(json[1]).toFixed(decimals), r.id).toBe(r.ttft_median_ms);
      else
        // A Markdown table may group thousands ("| Median TTFT (ms) | 1,117.96 |").
        expect(r.quote?.replace(/(\d),(\d{3})/g, '$1$2'), r.id).toMatch(
          new RegExp(`(Median TTFT \\(ms\\): |\\| |TTFT median \`)${r.ttft_median_ms!.replace('.', '\\.')}( |$|ms)`),
        );
      const c = runCase(r);
      expect(c.measured.ttftMs, r.id).toBe(Number(r.ttft_median_ms));
      // Priced as a steady state: the first wave is not blended in (a rate row keeps its prompt count: inFlight).
      if (rateOf(r) === undefined) expect(c.predicted.ttftMs, r.id).toBe(runCase({ ...r, num_prompts: '' }).predicted.ttftMs);
    }
    // Fixed-length closed loops (lockstep bursts) that print a mean, and sources without a median, keep the mean.
    const lockstep = rows.filter((r) => r.lengths === 'fixed' && rateOf(r) === undefined && r.ttft_ms !== '');
    expect(lockstep.every((r) => ttftStatistic(r) === 'mean')).toBe(true);
    expect(rows.filter((r) => r.source === 'S3').every((r) => ttftStatistic(r) === 'mean')).toBe(true);
  });
});
