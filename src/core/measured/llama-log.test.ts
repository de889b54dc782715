import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MiB } from '../units';
import { parseLlamaLog, type LlamaLog } from './llama-log';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');
const buf = (log: LlamaLog, device: string) => log.buffers.find((b) => b.device === device);
const mib = (x: number) => Math.round(x * MiB);

describe('parseLlamaLog on real logs', () => {
  it('reads a complete mainline start-up log (ik_llama.cpp discussion 562, Vulkan, Llama 3.1 8B Q4_0)', () => {
    const log = parseLlamaLog(fixture('ik-llama-562-vulkan-llama31-8b.log'));
    expect(log.problems).toEqual([]);
    expect(log.model).toMatchObject({ architecture: 'llama', fileType: 'Q4_0', parameters: 8.03e9, layers: 32, hiddenSize: 4096 });
    expect(log.model).toMatchObject({ heads: 32, kvHeads: 8, headDimK: 128, intermediateSize: 14336, vocabSize: 128256 });
    expect(log.model.fileBytes).toBe(Math.round(4.33 * 1024 * MiB));
    expect(log.settings).toEqual({
      nSeqMax: 1,
      nCtx: 16384,
      nCtxSeq: 16384,
      nBatch: 2048,
      nUbatch: 1024,
      flashAttention: true,
      typeK: 'f16',
      typeV: 'f16',
    });
    expect(log.layersOffloaded).toEqual({ gpu: 33, total: 33 });
    expect(log.devices).toEqual(['NVIDIA GeForce RTX 4080']);
    expect(buf(log, 'Vulkan0')).toEqual({
      device: 'Vulkan0',
      weights: mib(4155.99),
      kvCache: mib(2048),
      recurrent: 0,
      compute: mib(613.01),
      output: 0,
    });
    expect(buf(log, 'CPU_Mapped')?.weights).toBe(mib(281.81));
    expect(buf(log, 'Vulkan_Host')).toMatchObject({ compute: mib(80.01), output: mib(0.49) });
  });

  it('reads two GPUs in the older names and says the log is cut short', () => {
    const log = parseLlamaLog(fixture('llama-cpp-6122-two-gpu.log'));
    expect(log.devices).toEqual(['NVIDIA GeForce RTX 4070 Ti', 'NVIDIA GeForce RTX 3090 Ti']);
    expect(buf(log, 'CUDA0')).toMatchObject({ weights: mib(5434.38), kvCache: mib(1536), compute: mib(672.01) });
    expect(buf(log, 'CUDA1')).toMatchObject({ weights: mib(13989.53), kvCache: mib(3584), compute: 0 });
    expect(buf(log, 'CPU')?.weights).toBe(mib(1640.62));
    expect(log.settings).toMatchObject({ nCtx: 4096, nUbatch: 512, typeK: 'f16', typeV: 'f16' });
    expect(log.layersOffloaded).toEqual({ gpu: 41, total: 41 });
  });

  it('says what is missing from a truncated four-GPU log', () => {
    const log = parseLlamaLog(fixture('llama-cpp-14043-four-gpu-truncated.log'));
    expect(buf(log, 'CUDA2')?.weights).toBe(mib(0.75));
    expect(log.settings).toMatchObject({ nSeqMax: 1, nCtx: 240000, nCtxSeq: 240000, flashAttention: false });
    expect(log.problems.join(' ')).toMatch(/cut short: no KV cache buffers, compute buffers/);
  });

  it('reads eight GPUs, parallel slots and mixed KV types', () => {
    const log = parseLlamaLog(fixture('llama-cpp-9390-eight-gpu.log'));
    expect(log.settings).toMatchObject({ nSeqMax: 8, nCtx: 16384, nCtxSeq: 2048, nUbatch: 256, typeK: 'q4_0', typeV: 'f16' });
    expect(log.buffers.filter((b) => b.weights > 0)).toHaveLength(6);
    expect(buf(log, 'CUDA3')).toMatchObject({ weights: mib(22171.16), kvCache: mib(5096) });
  });

  it('reads a CPU-only run with flash attention "auto" and kv_unified', () => {
    const log = parseLlamaLog(fixture('llama-cpp-python-89-cpu.log'));
    expect(log.settings).toMatchObject({ nCtxSeq: 4096, flashAttention: 'auto', kvUnified: false });
    expect(buf(log, 'CPU_Mapped')?.weights).toBe(mib(8300.36));
    expect(buf(log, 'CPU')?.output).toBe(mib(0.58));
  });

  it('takes what "auto" flash attention resolved to (sched_reserve line of current builds)', () => {
    const text = `${fixture('llama-cpp-python-89-cpu.log')}\nsched_reserve: Flash Attention was auto, set to disabled\n`;
    expect(parseLlamaLog(text).settings.flashAttention).toBe(false);
  });

  it('reads lines behind a binding prefix, and the same log with CRLF and colour codes', () => {
    const text = fixture('llamasharp-1099-prefixed.log');
    const plain = parseLlamaLog(text);
    expect(buf(plain, 'CUDA0')).toMatchObject({ kvCache: mib(144), compute: mib(300.75) });
    expect(buf(plain, 'CUDA_Host')).toMatchObject({ compute: mib(12.01), output: mib(0.58) });
    const crlf = parseLlamaLog(text.replace(/\n/g, '\r\n').replace(/\[llama Info\]: /g, '\u001b[32mI \u001b[0m'));
    expect(crlf.buffers).toEqual(plain.buffers);
  });

  it('keeps warnings interleaved between the lines it reads from changing the figures', () => {
    const text = fixture('ik-llama-562-vulkan-llama31-8b.log')
      .split('\n')
      .flatMap((l) => [l, 'WARNING: something unrelated = 999.00 MiB', 'ggml_vulkan: Compiling shaders..........Done!'])
      .join('\n');
    expect(parseLlamaLog(text).buffers).toEqual(parseLlamaLog(fixture('ik-llama-562-vulkan-llama31-8b.log')).buffers);
  });

  it('counts only the last model load when a server loads twice', () => {
    const one = fixture('ik-llama-562-vulkan-llama31-8b.log');
    const log = parseLlamaLog(`${one}\n${one}`);
    expect(buf(log, 'Vulkan0')?.weights).toBe(mib(4155.99));
    expect(log.problems.join(' ')).toMatch(/more than once/);
  });

  it('says plainly when nothing was recognised', () => {
    for (const input of ['', 'hello world', '{"a":1}', 42, null]) {
      const log = parseLlamaLog(input);
      expect(log.buffers).toEqual([]);
      expect(log.problems.length).toBeGreaterThan(0);
      expect(log.recognised).toEqual([]);
    }
  });
});

describe('parseLlamaLog never throws', () => {
  it('on random text made of log fragments', () => {
    const parts = [
      'load_tensors: ',
      'CUDA0',
      ' model buffer size = ',
      '12.5',
      ' MiB',
      '\n',
      '\r',
      'n_ctx',
      ' = ',
      'abc',
      '∞',
      '\u0000',
      'print_info: ',
      'file size',
      ' GiB',
      '(',
      '|',
      'KV buffer size',
    ];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(rand() * 60) }, () => parts[Math.floor(rand() * parts.length)]).join('');
      const log = parseLlamaLog(text);
      for (const b of log.buffers) for (const v of [b.weights, b.kvCache, b.compute, b.output]) expect(Number.isFinite(v)).toBe(true);
    }
  });
});

describe("parseLlamaLog: llama.cpp's own memory table", () => {
  it('keeps the last table of a fitting run, two GPUs and the host (ollama#16031)', () => {
    const log = parseLlamaLog(fixture('ollama-16031-memory-breakdown.log'));
    expect(log.memoryBreakdown).toEqual([
      {
        device: 'CUDA0',
        name: 'RTX 5090',
        totalMiB: 32606,
        freeMiB: 30991,
        selfMiB: 4205,
        modelMiB: 0,
        contextMiB: 0,
        computeMiB: 4205,
        unaccountedMiB: -2590,
      },
      {
        device: 'CUDA1',
        name: 'RTX 3090',
        totalMiB: 24575,
        freeMiB: 23332,
        selfMiB: 21070,
        modelMiB: 1346,
        contextMiB: 18432,
        computeMiB: 1292,
        unaccountedMiB: -19827,
      },
      {
        device: 'Host',
        name: null,
        totalMiB: null,
        freeMiB: null,
        selfMiB: 21853,
        modelMiB: 1333,
        contextMiB: 18432,
        computeMiB: 2088,
        unaccountedMiB: null,
      },
    ]);
    expect(log.recognised.join(' ')).toMatch(/memory table: CUDA0 4205 MiB, CUDA1 21070 MiB, Host 21853 MiB/);
  });

  it('drops an "unaccounted" figure that wrapped around (llama.cpp#19437)', () => {
    const log = parseLlamaLog(fixture('llama-cpp-19437-memory-breakdown.log'));
    expect(log.memoryBreakdown[0]).toMatchObject({
      device: 'CUDA0',
      name: 'GTX 1080 Ti',
      selfMiB: 10001,
      modelMiB: 9814,
      unaccountedMiB: null,
    });
    expect(log.memoryBreakdown[1]).toMatchObject({ device: 'Host', selfMiB: 197 });
    expect(log.devices).toEqual(['NVIDIA GeForce GTX 1080 Ti']);
  });
});
