import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../units';
import { parseOllamaLog, readLogfmt } from './ollama-log';
import { parseOllamaPs } from './ollama-ps';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');
const gib = (x: number) => Math.round(x * GiB);
const mib = (x: number) => Math.round(x * MiB);

describe('readLogfmt', () => {
  it('reads quoted keys and values with escapes', () => {
    const kv = readLogfmt('time=t level=INFO msg="loading model" "model layers"=49 requested=99 cmd="C:\\\\a b"');
    expect(kv.get('model layers')).toBe('49');
    expect(kv.get('msg')).toBe('loading model');
    expect(kv.get('cmd')).toBe('C:\\a b');
  });
});

describe('parseOllamaLog on real logs', () => {
  it("reads Ollama's four-GPU estimate and the runner's command line (ollama issue 9181)", () => {
    const log = parseOllamaLog(fixture('ollama-9181-four-gpu-offload.log'));
    expect(log.estimate).toMatchObject({
      library: 'cuda',
      layersModel: 81,
      layersOffload: 44,
      layersSplit: [11, 11, 11, 11],
      availableBytes: [gib(22), gib(22), gib(22), gib(22)],
      requiredFullBytes: gib(127.4),
      requiredKvBytes: gib(19.5),
      allocationsBytes: [gib(21.8), gib(21.8), gib(21.8), gib(21.8)],
      weightsNonRepeatingBytes: gib(1),
      graphFullBytes: gib(8.2),
    });
    expect(log.settings).toMatchObject({
      ctxSize: 64000,
      batchSize: 512,
      gpuLayers: 44,
      parallel: 1,
      flashAttention: true,
      tensorSplit: [11, 11, 11, 11],
    });
    expect(log.problems).toEqual([]);
  });

  it('reads journalctl lines with projector sizes (ollama PR 12000)', () => {
    const log = parseOllamaLog(fixture('ollama-12000-journal-projector.log'));
    expect(log.estimate).toMatchObject({
      requiredKvBytes: mib(992),
      projectorWeightsBytes: mib(795.9),
      projectorGraphBytes: gib(1),
      layersSplit: [],
    });
    expect(log.settings.ctxSize).toBe(8192);
  });

  it('reads docker-prefixed lines among warnings, "offload to cuda" naming the library (ollama issue 8447)', () => {
    const log = parseOllamaLog(fixture('ollama-8447-docker-warnings.log'));
    expect(log.estimate).toMatchObject({
      library: 'cuda',
      layersOffload: 5,
      requiredPartialBytes: gib(17.6),
      graphPartialBytes: mib(1019.5),
    });
    expect(log.missing).toEqual(['context size']);
  });

  it('reads --parallel from the runner command (ollama issue 8098)', () => {
    expect(parseOllamaLog(fixture('ollama-8098-parallel.log')).settings).toMatchObject({ ctxSize: 8192, parallel: 4, gpuLayers: 29 });
  });

  it("reads the new engine's per-device weights on two GPUs (ollama PR 11090)", () => {
    const log = parseOllamaLog(fixture('ollama-11090-new-engine-two-gpu.log'));
    expect(log.devices).toEqual([
      { device: 'CUDA0', weightsBytes: gib(11.5), kvCacheBytes: 0, computeBytes: 0 },
      { device: 'CUDA1', weightsBytes: gib(11.9), kvCacheBytes: 0, computeBytes: 0 },
      { device: 'CPU', weightsBytes: mib(680), kvCacheBytes: 0, computeBytes: 0 },
    ]);
    expect(log.layersOffloaded).toEqual({ gpu: 41, total: 41 });
    expect(log.settings).toMatchObject({ fileType: 'Q8_0', architecture: 'mistral3' });
  });

  it('keeps the last complete report when a restart is cut off (ollama issue 12027)', () => {
    const log = parseOllamaLog(fixture('ollama-12027-kv-total-reload.log'));
    expect(log.devices).toEqual([
      { device: 'CUDA0', weightsBytes: 0, kvCacheBytes: mib(936), computeBytes: mib(98) },
      { device: 'CPU', weightsBytes: 0, kvCacheBytes: 0, computeBytes: mib(8) },
    ]);
    expect(log.totalBytes).toBe(gib(5.4));
    expect(log.problems).toEqual([]);
  });

  it('starts afresh when a second load reports memory, with CRLF line ends', () => {
    const a = 'time=1 level=INFO msg="kv cache" device=CUDA0 size="1.0 GiB"';
    const b = 'time=2 level=INFO msg="starting runner" cmd="ollama runner --ctx-size 4096"';
    const c = 'time=3 level=INFO msg="kv cache" device=CUDA0 size="2.0 GiB"';
    const log = parseOllamaLog([a, b, c].join('\r\n'));
    expect(log.devices[0]!.kvCacheBytes).toBe(gib(2));
    expect(log.problems[0]).toMatch(/more than once/);
  });

  it('reads llama.cpp lines an older Ollama forwards', () => {
    const log = parseOllamaLog(fixture('ollama-16031-memory-breakdown.log'));
    expect(log.llama?.memoryBreakdown.length).toBeGreaterThan(0);
    expect(parseOllamaLog('nothing here').problems[0]).toMatch(/No Ollama memory line/);
  });
});

describe('parseOllamaPs', () => {
  it('reads a space-padded table after a PowerShell prompt (ollama-python issue 490)', () => {
    const ps = parseOllamaPs(fixture('ollama-python-490-ps.txt'));
    expect(ps.rows).toEqual([
      { name: 'llama3.2:latest', id: 'a80c4f17acd5', sizeBytes: 4e9, gpuShare: 1, gpuBytes: 4e9, until: '2 minutes from now' },
    ]);
  });

  it("reads the FAQ's tab-separated table (ollama docs/faq.md)", () => {
    const ps = parseOllamaPs(fixture('ollama-faq-ps-tabs.txt'));
    expect(ps.rows[0]).toMatchObject({ name: 'llama3:70b', sizeBytes: 42e9, gpuShare: 1, until: '4 minutes from now' });
  });

  it('reads a CPU/GPU split and the CONTEXT column of newer versions', () => {
    const text = [
      'NAME           ID              SIZE     PROCESSOR          CONTEXT    UNTIL',
      'qwen3:32b      030ee887880f    26 GB    48%/52% CPU/GPU    4096       4 minutes from now',
      'gemma3:4b      a2af6cc3eb7f    4.3 GB   100% CPU           8192       Forever',
    ].join('\n');
    const ps = parseOllamaPs(text);
    expect(ps.rows.map((r) => [r.gpuShare, r.gpuBytes, r.context])).toEqual([
      [0.52, 13.52e9, 4096],
      [0, 0, 8192],
    ]);
    expect(ps.recognised).toContain('context');
  });

  it('notes rows it cannot read and text without a header', () => {
    const ps = parseOllamaPs('NAME  ID  SIZE  PROCESSOR  UNTIL\nqwen3:8b  500a1f067a9f  ?? GB  100% GPU  4 minutes from now');
    expect(ps.rows).toEqual([]);
    expect(ps.problems[0]).toMatch(/not understood/);
    expect(parseOllamaPs('NAME ID SIZE PROCESSOR UNTIL\nError: could not connect to ollama app').missing).toEqual(['model rows']);
    expect(parseOllamaPs('hello').problems[0]).toMatch(/No `ollama ps` header/);
  });
});
