import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MiB } from '../units';
import { parseBatchedBench } from './batched-bench';
import { parseFitParams } from './fit-params';
import { parseLmStudioLog } from './lmstudio-log';
import { parseOllamaPs } from './ollama-ps';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');

describe('parseBatchedBench', () => {
  it("reads the table of the tool's introduction (llama.cpp PR 3545)", () => {
    const b = parseBatchedBench(fixture('llama-batched-bench-3545.md'));
    expect(b.rows).toHaveLength(11);
    expect(b.rows[5]).toEqual({
      promptTokens: 128,
      generatedTokens: 128,
      sequences: 32,
      kvCells: 8192,
      prefillSeconds: 3.408,
      prefillTokensPerSecond: 1201.73,
      decodeSeconds: 8.801,
      decodeTokensPerSecond: 465.4,
    });
    expect(b.missing).toEqual(['settings line (n_kv_max, flash_attn)']);
  });

  it('reads the settings line above the table (llama.cpp PR 16894)', () => {
    const b = parseBatchedBench(fixture('llama-batched-bench-16894.md'));
    expect(b.settings).toEqual({ kvMax: 20480, batch: 2048, ubatch: 2048, gpuLayers: -1, flashAttention: true, promptShared: false });
    expect(b.rows.map((r) => r.sequences)).toEqual([1, 2, 4, 1, 2, 4]);
  });

  it('reads sweep-bench rows without B as one sequence, with CRLF and a broken row', () => {
    const text = [
      '|    PP |     TG |   N_KV |   T_PP s | S_PP t/s |   T_TG s | S_TG t/s |',
      '|-------|--------|--------|----------|----------|----------|----------|',
      '|   512 |    128 |      0 |   58.226 |     8.79 |   44.387 |     2.88 |',
      '|   512 |    128 |    512 |   cut',
    ].join('\r\n');
    const b = parseBatchedBench(text);
    expect(b.rows).toEqual([
      {
        promptTokens: 512,
        generatedTokens: 128,
        sequences: 1,
        kvCells: 0,
        prefillSeconds: 58.226,
        prefillTokensPerSecond: 8.79,
        decodeSeconds: 44.387,
        decodeTokensPerSecond: 2.88,
      },
    ]);
    expect(b.problems[0]).toMatch(/not understood/);
  });
});

describe('parseFitParams', () => {
  it('reads a two-GPU projection that does not fit (llama.cpp PR 16653)', () => {
    const f = parseFitParams(fixture('llama-fit-params-16653-two-gpu.log'));
    expect(f.projection).toEqual([
      {
        device: 'CUDA0',
        name: 'NVIDIA RTX 6000 Ada Generation',
        totalBytes: 48508 * MiB,
        usedBytes: 201672 * MiB,
        freeBytes: -153599 * MiB,
      },
      {
        device: 'CUDA1',
        name: 'NVIDIA RTX 6000 Ada Generation',
        totalBytes: 48508 * MiB,
        usedBytes: 208920 * MiB,
        freeBytes: -160846 * MiB,
      },
    ]);
    expect(f).toMatchObject({ projectedBytes: 410593 * MiB, freeBytes: 97017 * MiB, marginBytes: 1024 * MiB });
    expect(f.missing).toEqual(['fit outcome']);
  });

  it('reads the --fit-print table (llama.cpp PR 22171)', () => {
    const f = parseFitParams(fixture('llama-fit-print-22171.txt'));
    expect(f.estimate).toEqual([
      { device: 'MTL0', modelBytes: 7401 * MiB, contextBytes: 814 * MiB, computeBytes: 517 * MiB },
      { device: 'host', modelBytes: 1280 * MiB, contextBytes: 0, computeBytes: 154 * MiB },
    ]);
  });

  it('reads a fit that needed no change (llama.cpp PR 21489) and a suggested command line', () => {
    const f = parseFitParams(fixture('llama-fit-21489-no-changes.log'));
    expect(f).toMatchObject({ outcome: 'fits-unchanged', projectedBytes: 3287 * MiB, marginBytes: 3471 * MiB });
    expect(parseFitParams('llama_params_fit: successfully fit params to free device memory\n-c 32768 -ngl 999\n').suggestedArgs).toBe(
      '-c 32768 -ngl 999',
    );
  });
});

describe('parseLmStudioLog', () => {
  it('reads llama.cpp buffers inside LM Studio entries (lmstudio-bug-tracker issue 1360)', () => {
    const log = parseLmStudioLog(fixture('lmstudio-1360-partial-offload.log'));
    expect(log.entries).toBe(3);
    expect(log.llama.layersOffloaded).toEqual({ gpu: 20, total: 49 });
    expect(log.llama.buffers.map((b) => [b.device, b.weights])).toEqual([
      ['CPU_Mapped', Math.round(4944.6 * MiB)],
      ['CUDA0', Math.round(3621.44 * MiB)],
    ]);
    expect(log.missing).toEqual(['KV cache buffers', 'compute buffers']);
  });

  it('reads a CPU-only load with the context settings (lmstudio-bug-tracker issue 900)', () => {
    const log = parseLmStudioLog(fixture('lmstudio-900-cpu-kv.log'));
    expect(log.llama.settings).toMatchObject({ nCtx: 131072, nSeqMax: 1, flashAttention: true, kvUnified: false });
    expect(log.recognised).toContain('0/25 layers on the GPU');
    expect(parseLmStudioLog('plain text').problems).toContain('No LM Studio log entry ("YYYY-MM-DD HH:MM:SS [DEBUG]") was recognised.');
  });
});

describe('parseOllamaPs with single-space columns', () => {
  it('falls back to header positions and stops at the next shell prompt (ollama issue 6160)', () => {
    const ps = parseOllamaPs(fixture('ollama-6160-ps-single-spaces.txt'));
    expect(ps.rows).toEqual([
      { name: 'llama3.1:8b-instruct-q8_0', id: '9b90f0f552e7', sizeBytes: 22e9, gpuShare: 1, gpuBytes: 22e9, until: '27 seconds from now' },
    ]);
    expect(ps.problems).toEqual([]);
  });
});
