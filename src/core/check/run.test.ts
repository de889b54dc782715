import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLlamaLog } from '../measured/index';
import { MiB } from '../units';
import { planningHardwareForChoice } from '../advice/choice';
import { layersFromKvSplit } from '../measured/compare';
import { catalogInputForName, compareVllmLog, parseNvidiaSmi, parseVllmLog, processTotals, vllmSettingsFromLog } from '../measured/index';
import { analyseRun, catalogRunModel, measuredRun } from './run';
import { planBatched } from './serve-speed';
import { parseBatchedBench } from '../measured/index';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/measured');
const twoGpu = readFileSync(join(FIXTURES, 'llama-cpp-6122-two-gpu.log'), 'utf8');

describe('analyseRun', () => {
  it('plans the 2-GPU llama-server run per device once the model is picked', () => {
    const a = analyseRun(twoGpu, catalogRunModel('c4ai-command-r-v01'));
    if (a.kind !== 'llama.cpp-log') throw new Error(a.kind);
    expect(a.needsModel).toBe(false);
    // The log's CUDA0 KV buffer is 1536.00 MiB: 12 of Command R's 40 layers at 2 × 8192 × 4096 × 2 bytes.
    const kv0 = a.components.find((c) => c.name === 'kvCache' && c.device === 'CUDA0')!;
    expect(kv0.measuredBytes).toBe(1536 * MiB);
    expect(kv0.plannedBytes).toBe(12 * 2 * 8192 * 4096 * 2);
    const devices = new Set(a.components.map((c) => c.device));
    expect([...devices].sort()).toEqual(['CPU', 'CUDA0', 'CUDA1', 'all']);
    for (const c of a.components) if (c.plannedBytes !== null) expect(c.differenceBytes).toBe(c.measuredBytes - c.plannedBytes);
    expect(a.read).toMatchObject({ context: 4096, kvTypeK: 'f16', kvTypeV: 'f16', layers: { gpu: 41, total: 41 } });
    expect(a.read.devices).toEqual(['NVIDIA GeForce RTX 4070 Ti', 'NVIDIA GeForce RTX 3090 Ti']);
    expect(a.notes.join(' ')).toMatch(/CUDA0 12, CUDA1 28/);
  });

  it('shows the measured figures alone and asks for the model when the log does not describe it', () => {
    const a = analyseRun(twoGpu);
    if (a.kind !== 'llama.cpp-log') throw new Error(a.kind);
    expect(a.needsModel).toBe(true);
    expect(a.components.every((c) => c.plannedBytes === null)).toBe(true);
    expect(a.components.find((c) => c.name === 'kvCache')!.measuredBytes).toBe(5120 * MiB);
  });

  it('says so for text that is no run output, and never throws on odd input', () => {
    const a = analyseRun('Hello, this is a shopping list.\nmilk\neggs');
    expect(a.kind).toBe('unknown');
    if (a.kind === 'unknown') expect(a.problems.join(' ')).toMatch(/llama-bench/);
    expect(measuredRun(a)).toBeNull();
    for (const junk of ['', '\u0000\u0001', 'CUDA0 KV buffer size = NaN MiB', '| model | t/s |\n|---|---|\n| x | y |'])
      expect(() => analyseRun(junk, catalogRunModel('c4ai-command-r-v01'))).not.toThrow();
  });

  it('reads llama-bench output as speed rows', () => {
    const a = analyseRun(readFileSync(join(FIXTURES, 'llama-bench-25547.md'), 'utf8'));
    expect(a.kind).toBe('llama-bench');
    const run = measuredRun(a)!;
    expect(run.speed.length).toBeGreaterThan(0);
    expect(run.components).toEqual([]);
  });
});

describe('layersFromKvSplit', () => {
  it('reads the split only when every GPU holds a whole number of layers', () => {
    const log = parseLlamaLog(twoGpu);
    expect(layersFromKvSplit(log, 40)?.filter((d) => d === 'CUDA0').length).toBe(12);
    // 1536 / 5120 × 39 = 11.7 layers: not a layer split, so no per-device plan is guessed.
    expect(layersFromKvSplit(log, 39)).toBeNull();
    const verbose = { ...log, layerDevices: ['CUDA0'] };
    expect(layersFromKvSplit(verbose, 40)).toBeNull();
  });
});

describe('other run outputs', () => {
  const vllm = readFileSync(join(FIXTURES, 'vllm-10511-memory-profile.log'), 'utf8');

  it('asks for the model of a vLLM log that does not name it, showing what vLLM measured', () => {
    const a = analyseRun(vllm);
    if (a.kind !== 'runtime') throw new Error(a.kind);
    expect(a.runKind).toBe('vllm-log');
    expect(a.needsModel).toBe(true);
    expect(a.recognised[0]).toMatch(/^vLLM start-up log/);
    expect(a.components.map((c) => c.name)).toEqual(['weights', 'compute', 'kvCache']);
    expect(a.components.every((c) => c.plannedBytes === null)).toBe(true);
  });

  it("compares a vLLM log per component with the picked model, as the CLI's check does", () => {
    const id = catalogInputForName('meta-llama/Meta-Llama-3-8B-Instruct')!.id;
    const a = analyseRun(vllm, catalogRunModel(id));
    if (a.kind !== 'runtime') throw new Error(a.kind);
    const log = parseVllmLog(vllm);
    const cli = compareVllmLog(log, catalogRunModel(id)!.input, vllmSettingsFromLog(log, []));
    expect(a.components).toEqual(cli.components);
    expect(a.components.find((c) => c.name === 'weights')!.withinBand).toBe(true);
    const run = measuredRun(a)!;
    expect(run).toMatchObject({ runtime: 'vllm', source: 'vllm-log' });
    expect(run.components).toEqual(cli.components);
  });

  it('sets nvidia-smi per-process readings against the current plan per GPU', () => {
    const smi = readFileSync(join(FIXTURES, 'nvidia-smi-ollama-11676-processes.txt'), 'utf8');
    const measured = [...processTotals(parseNvidiaSmi(smi).processes)].find(([gpu]) => gpu === '0')![1];
    const plannedGpus = [{ index: 0, name: 'NVIDIA GeForce RTX 4090', bytes: measured - 50 * MiB, monitorBytes: measured + 900 * MiB }];
    const a = analyseRun(smi, null, { plannedGpus, bandRelative: 0.05 });
    if (a.kind !== 'runtime') throw new Error(a.kind);
    // Per-process figures are the runtime's own: set against the plan's bytes (1.7 GiB ± 5 % + 1 MiB rounding), not the monitor's.
    expect(a.components).toEqual([
      {
        name: 'total',
        device: 'GPU0',
        plannedBytes: measured - 50 * MiB,
        measuredBytes: measured,
        differenceBytes: 50 * MiB,
        withinBand: true,
      },
    ]);
    expect(measuredRun(a)).toMatchObject({ runtime: 'nvidia-smi', source: 'nvidia-smi' });
  });

  it('reads an LM Studio log as the llama.cpp lines it forwards', () => {
    const a = analyseRun(readFileSync(join(FIXTURES, 'lmstudio-1360-partial-offload.log'), 'utf8'));
    expect(a.kind).toBe('llama.cpp-log');
  });

  it('plans a llama-batched-bench table as the CLI does, and attaches its speed', () => {
    const text = readFileSync(join(FIXTURES, 'llama-batched-bench-3545.md'), 'utf8');
    const hw = planningHardwareForChoice({
      mode: 'custom',
      gpus: [{ catalogId: 'rtx-4090', vramGiB: 24, count: 1 }],
      ramGiB: 64,
      machineRamBytes: null,
    }).hw;
    const model = catalogRunModel('llama-3.1-8b-instruct')!;
    const a = analyseRun(text, model, { hw });
    if (a.kind !== 'speed') throw new Error(a.kind);
    const cli = planBatched(parseBatchedBench(text), model.input, hw, null);
    expect(a.speed.map((r) => r.plannedTokensPerSecond)).toEqual(cli.map((r) => r.plannedTokensPerSecond));
    expect(a.speed.every((r) => r.plannedTokensPerSecond !== null && r.plannedTokensPerSecond > 0)).toBe(true);
    expect(measuredRun(a)).toMatchObject({ runtime: 'llama.cpp', source: 'batched-bench' });
    // Without a model the measured figures stand alone, and the note asks for one.
    const bare = analyseRun(text, null, { hw });
    if (bare.kind !== 'speed') throw new Error(bare.kind);
    expect(bare.speed.every((r) => r.plannedTokensPerSecond === null)).toBe(true);
    expect(bare.notes[0]).toMatch(/pick it to plan the speed/);
  });

  it('still only shows what it read for an `ollama ps` table', () => {
    const a = analyseRun(readFileSync(join(FIXTURES, 'ollama-faq-ps-tabs.txt'), 'utf8'));
    expect(a.kind).toBe('other');
    expect(measuredRun(a)).toBeNull();
  });
});

describe('llama-bench speed', () => {
  const bench = readFileSync(join(FIXTURES, 'llama-bench-25547.md'), 'utf8');
  const hw = planningHardwareForChoice({
    mode: 'custom',
    gpus: [{ catalogId: 'rtx-4090', vramGiB: 24, count: 1 }],
    ramGiB: 64,
    machineRamBytes: null,
    ramBandwidthGBps: null,
  }).hw;

  it('plans each test on the chosen hardware once the model is picked', () => {
    const a = analyseRun(bench, catalogRunModel('qwen3.5-9b'), { hw });
    if (a.kind !== 'llama-bench') throw new Error(a.kind);
    const tg = a.speed.find((s) => s.test === 'tg64')!;
    expect(tg.measuredTokensPerSecond).toBe(20.21);
    expect(tg.plannedTokensPerSecond).toBeGreaterThan(0);
    expect(tg.differenceTokensPerSecond).toBeCloseTo(20.21 - tg.plannedTokensPerSecond!, 9);
    expect(typeof tg.withinBand).toBe('boolean');
    expect(measuredRun(a)!.modelSource).toBe('library model qwen3.5-9b');
  });

  it('leaves planned empty and says why without a model or hardware', () => {
    const a = analyseRun(bench, null, { hw });
    if (a.kind !== 'llama-bench') throw new Error(a.kind);
    expect(a.speed.every((s) => s.plannedTokensPerSecond === null && s.withinBand === null)).toBe(true);
    expect(a.notes[0]).toMatch(/pick it/);
    const b = analyseRun(bench, catalogRunModel('qwen3.5-9b'), { hw: null });
    if (b.kind === 'llama-bench') expect(b.notes[0]).toMatch(/No hardware/);
  });
});
