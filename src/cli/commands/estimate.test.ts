import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GiB } from '../../core/units';
import { CliError, type CliIO } from '../types';
import { createEstimateCommand, resolveGpuArg, type EstimateJson } from './estimate';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

// No real probing in tests: "no GPU detected" and a 64 GiB machine unless a test says otherwise.
const estimate = createEstimateCommand({ detect: async () => null, ramBytes: () => 64 * GiB });

async function json(args: string[]): Promise<EstimateJson> {
  const io = capture();
  expect(await estimate([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as EstimateJson;
}

describe('vram-planner estimate --json', () => {
  it('carries the contract fields for the article example (70B, 16 bit, 2 × A100 80GB, 8k)', async () => {
    const r = await json(['--params', '70B', '--bits', '16', '--gpu', 'a100-pcie-80gbx2', '--ctx', '8192']);
    expect(r.seedFormula.bytes / 1e9).toBeCloseTo(168, 0);
    for (const k of ['weights', 'kvCache', 'compute', 'overhead', 'total'] as const) expect(r.bytes[k], k).toBeGreaterThan(0);
    expect(r.bytes.total).toBeGreaterThan(r.bytes.weights);
    expect(r.devices).toHaveLength(2);
    for (const d of r.devices) {
      expect(d.name).toBe('A100 PCIe 80GB');
      expect(d.capacityBytes).toBeGreaterThan(79 * GiB);
      expect(d.usedBytes).toBeLessThanOrEqual(d.capacityBytes);
      expect(d.layers).toBeGreaterThan(0);
    }
    expect(r.verdict).toBe('fits');
    expect(r.gpuLayers).toBe(r.totalLayers);
    expect(r.maxContext).toBeGreaterThan(8192);
    expect(r.speed.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(r.settings.quant).toBe('F16');
  });

  it('works for a bare --params 70B --bits 16 with no GPU at all', async () => {
    const r = await json(['--params', '70B', '--bits', '16']);
    expect(r.devices).toEqual([]);
    // 70B at 16 bit is 131 GiB of weights: more than the 64 GiB machine, so the CPU run cannot start either.
    expect(r.verdict).toBe('no-fit');
    expect(r.gpuLayers).toBe(0);
    expect(r.maxContext).toBeNull();
    expect(r.hardwareSource).toBe('none');
    expect(r.shortBytes).toBe(r.cpuBytes - r.ramBudgetBytes);
  });

  it('gives CPU-only its own verdict, budget, max context and speed (no GPU detected, or --cpu-only)', async () => {
    for (const extra of [[], ['--cpu-only']]) {
      const r = await json(['--model', 'llama-3.1-8b-instruct', '--bits', '4', '--ctx', '8192', ...extra]);
      expect(r.verdict).toBe('cpu');
      expect(r.devices).toEqual([]);
      expect(r.placed.gpuBytes).toBe(0);
      // No CUDA context anywhere: RAM holds weights, KV and the compute graph, nothing more.
      expect(r.cpuBytes).toBeLessThan(r.bytes.weights + r.bytes.kvCache + r.bytes.compute + r.bytes.outputBuffer + 64 * 2 ** 20);
      expect(r.maxContext).toBeGreaterThan(8192);
      expect(r.speed.decodeTokensPerSecond).toBeGreaterThan(0);
      expect(r.hardware.ramSource).toBe('detected');
      expect(r.hardware.ramBandwidthAssumed).toBe(true);
      expect(r.hardwareSource).toBe(extra.length ? 'cpu-only' : 'none');
    }
  });

  it('says how much more memory vLLM needs when the weights do not fit (70B AWQ on 2 × L4 at 32k)', async () => {
    const r = await json(['--model', 'llama-3.1-70b-instruct', '--bits', '4', '--gpu', 'l4x2', '--ctx', '32768', '--runtime', 'vllm']);
    expect(r.verdict).toBe('no-fit');
    expect(r.shortBytes).toBeGreaterThan(1 * GiB);
    expect(r.shortBytes).toBeCloseTo(-r.marginBytes, -3);
    expect(r.verdictText).toMatch(/needs \d+\.\d\d GiB more per GPU/);
    expect(r.verdictText).not.toContain('0.00 GiB');
    expect(r.speed.decodeMissing).toBe('no-fit');
  });

  it('carries vendor and source on every device (no guessing from names)', async () => {
    const r = await json(['--params', '8B', '--gpu', 'l4x2', '--gpu', 'arc-b580']);
    expect(r.devices.map((d) => [d.vendor, d.source])).toEqual([
      ['nvidia', 'catalog'],
      ['nvidia', 'catalog'],
      ['intel', 'catalog'],
    ]);
  });

  it('plans mixed GPUs from --vram and from repeated --gpu', async () => {
    const v = await json(['--model', 'llama-3.1-8b-instruct', '--vram', '8,6', '--quant', 'Q8_0']);
    expect(v.devices.map((d) => d.name)).toEqual(['GPU 8 GiB', 'GPU 6 GiB']);
    expect(v.speed.decodeMissing).toBe('no-bandwidth');
    expect(v.speed.missingBandwidthOn).toEqual(['GPU 8 GiB', 'GPU 6 GiB']);
    expect(v.devices[0]!.layers).toBeGreaterThan(v.devices[1]!.layers);
    expect(v.speed.decodeTokensPerSecond).toBeNull();
    const g = await json(['--params', '70B', '--quant', 'Q4_0', '--gpu', 'rtx-4090', '--gpu', 'l4']);
    expect(g.devices.map((d) => d.name)).toEqual(['GeForce RTX 4090', 'L4']);
    expect(g.tensorSplit).toHaveLength(2);
  });

  it('reports offload and remedies for the 4-bit example on 2 × L4', async () => {
    const r = await json(['--params', '70B', '--bits', '4', '--gpu', 'l4 x2', '--ctx', '8192']);
    expect(['fits', 'tight', 'offload']).toContain(r.verdict);
    if (r.verdict !== 'fits') expect(r.remedies.length).toBeGreaterThan(0);
    for (const rem of r.remedies) expect(['fits', 'tight', 'offload', 'no-fit']).toContain(rem.resultingVerdict);
  });

  it('plans SGLang with its own token pool, the runtime capacity plans for', async () => {
    const r = await json(['--model', 'llama-3.1-8b-instruct', '--runtime', 'sglang', '--gpu', 'h100-sxm']);
    expect(r.settings.runtime).toBe('sglang');
    expect(r.vllm!.kvTokens).toBeGreaterThan(100_000);
    const io = capture();
    expect(await estimate(['--model', 'llama-3.1-8b-instruct', '--runtime', 'sglang', '--gpu', 'h100-sxm'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('SGLang token pool');
  });

  it('passes the runtime options through', async () => {
    const r = await json(['--params', '8B', '--runtime', 'vllm', '--bits', '16', '--gpu', 'l4', '--ctx', '16k', '--parallel', '4']);
    expect(r.settings.runtime).toBe('vllm');
    expect(r.settings.quant).toBe('bf16');
    expect(r.settings.context).toBe(16384);
    expect(r.settings.parallel).toBe(4);
    expect(r.vllm!.kvTokens).toBeGreaterThanOrEqual(0);
    const k = await json(['--params', '8B', '--kv-type', 'q8_0', '--flash-attn', 'off', '--ubatch', '1024', '--gpu', 'rtx-4090']);
    expect(k.settings.kvTypeK).toBe('q8_0');
    expect(k.settings.kvTypeV).toBe('q8_0');
    expect(k.settings.flashAttention).toBe(false);
    expect(k.settings.ubatch).toBe(1024);
  });

  it('reads a config.json with --config', async () => {
    const path = resolve(__dirname, '../../../tests/fixtures/hf/Llama-3.1-8B-Instruct/config.json');
    const r = await json(['--config', path, '--gpu', 'rtx-4090', '--bits', '16']);
    expect(r.model.layers).toBe(32);
    expect(r.verdict === 'fits' || r.verdict === 'tight').toBe(true);
  });
});

describe('vram-planner estimate (table)', () => {
  it('prints components in GiB, devices, the verdict and the formula figure', async () => {
    const io = capture();
    expect(await estimate(['--params', '70B', '--bits', '16', '--gpu', 'a100-pcie-80gbx2', '--ctx', '8192'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/weights\s+\d+\.\d\d GiB/);
    expect(text).toMatch(/KV cache\s+\d+\.\d\d GiB/);
    expect(text).toContain("article's formula");
    expect(text).toMatch(/16[78]\.\d GB/);
    expect(text).toMatch(/DEVICE\s+BUDGET\s+USED\s+LAYERS\s+MARGIN/);
    expect(text).toContain('Verdict   Fits');
    expect(text).toContain('Max context that fits');
    expect(text).toContain('tokens/s');
    expect(text).not.toMatch(/\d G\b/);
  });
});

describe('vram-planner estimate errors', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /Name a model/],
    [['--params', '70B', '--model', 'x'], /only one of/],
    [['--params', 'seventy'], /not a parameter count/],
    [['--params', '70B', '--bits', '5'], /--bits must be 16, 8 or 4/],
    [['--params', '70B', '--bits', '4', '--quant', 'Q4_0'], /either --quant or --bits/],
    [['--params', '70B', '--ctx', 'abc'], /--ctx needs a positive whole number/],
    [['--params', '70B', '--ctx', '0'], /--ctx needs a positive whole number/],
    [['--params', '70B', '--runtime', 'ollama'], /--runtime must be one of/],
    [['--params', '70B', '--kv-type', 'q3'], /--kv-type must be one of/],
    [['--params', '70B', '--flash-attn', 'maybe'], /--flash-attn must be on or off/],
    [['--params', '70B', '--gpu', 'voodoo5'], /No GPU "voodoo5"/],
    [['--params', '70B', '--gpu', 'a100'], /matches \d+ GPUs/],
    [['--params', '70B', '--gpu', 'rtx-4090x0'], /count must be between 1 and 64/],
    [['--params', '70B', '--vram', '24,abc'], /--vram size "abc"/],
    [['--params', '70B', '--vram', '24', '--gpu', 'l4'], /only one of --gpu, --vram, --cpu-only or --hardware/],
    [['--params', '70B', '--cpu-only', '--gpu', 'l4'], /only one of --gpu, --vram, --cpu-only or --hardware/],
    [['--params', '70B', '--quant', 'Q9_X'], /Unknown quantisation/],
    [['--model', 'no-such-model-xyz'], /No model "no-such-model-xyz"/],
    [['--gguf', '/nonexistent/model.gguf'], /./],
    [['--params', '70B', '--bogus'], /Unknown option/],
  ];
  for (const [args, re] of cases) {
    it(`rejects ${args.join(' ') || '(nothing)'} with one sentence`, async () => {
      const io = capture();
      const err = await estimate(args, io).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CliError);
      const msg = (err as CliError).message;
      expect(msg).toMatch(re);
      expect(msg).not.toContain('\n');
      expect(msg).not.toMatch(/at .*\.ts:\d+/);
    });
  }
});

describe('--gpu argument', () => {
  it('takes a catalog id, a unique search text and an xN count', () => {
    expect(resolveGpuArg('rtx-4090').entry.id).toBe('rtx-4090');
    expect(resolveGpuArg('rtx-4090x2')).toMatchObject({ count: 2 });
    expect(resolveGpuArg('4090 x3')).toMatchObject({ count: 3, entry: { id: 'rtx-4090' } });
    expect(resolveGpuArg('a100 pcie 80gb').entry.id).toBe('a100-pcie-80gb');
    // Digits inside a name are never a count: the whole text is tried as a name first.
    expect(resolveGpuArg('RTX 4090')).toMatchObject({ count: 1, entry: { id: 'rtx-4090' } });
    expect(resolveGpuArg('RTX 3070')).toMatchObject({ count: 1, entry: { id: 'rtx-3070' } });
    expect(resolveGpuArg('RX 7900 XTX')).toMatchObject({ count: 1, entry: { id: 'rx-7900-xtx' } });
    expect(resolveGpuArg('"RTX 4090" x2')).toMatchObject({ count: 2, entry: { id: 'rtx-4090' } });
    expect(resolveGpuArg('RTX 4090 ×2')).toMatchObject({ count: 2, entry: { id: 'rtx-4090' } });
    expect(resolveGpuArg('2 x L4')).toMatchObject({ count: 2, entry: { id: 'l4' } });
    expect(resolveGpuArg('rx-7900-xtxx2')).toMatchObject({ count: 2, entry: { id: 'rx-7900-xtx' } });
  });
});

describe('vram-planner estimate --hardware FILE (a machine you cannot sit at)', () => {
  const gpu = (i: number) => ({
    id: `0000:${(0x18 + i).toString(16)}:00.0`,
    vendor: 'nvidia',
    name: 'NVIDIA H100 80GB HBM3',
    kind: 'dedicated',
    vramTotalBytes: 81559 * 2 ** 20,
    vramFreeBytes: 81106 * 2 ** 20,
    vramUsedBytes: 1 * 2 ** 20,
    driver: '565.57.01',
    busId: `0000:${(0x18 + i).toString(16)}:00.0`,
    pciId: '10de:2330',
    computeCapability: '9.0',
    source: 'nvidia-smi',
    confidence: 'high',
    catalogId: 'h100-sxm',
    warnings: [],
  });
  const server = {
    gpus: Array.from({ length: 8 }, (_, i) => gpu(i)),
    ram: { totalBytes: 2048 * GiB, availableBytes: 1900 * GiB },
    cpu: { brand: 'Xeon', cores: 112, threads: 224, memoryBandwidthGBps: null },
    os: { platform: 'linux', distro: 'Ubuntu', release: '22.04', arch: 'x64' },
    detectedAt: '2026-12-01T10:00:00.000Z',
    notes: [],
  };

  async function writeTemp(name: string, content: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'vp-hwfile-'));
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  }

  it('plans for the GPUs and RAM a detect --json output describes', async () => {
    const path = await writeTemp('server.json', JSON.stringify(server));
    const r = await json(['--model', 'llama-3.1-70b-instruct', '--bits', '16', '--hardware', path, '--ctx', '8192']);
    expect(r.devices).toHaveLength(8);
    expect(r.devices.every((d) => d.vendor === 'nvidia' && d.source === 'nvidia-smi')).toBe(true);
    expect(r.hardwareSource).toBe('file');
    expect(r.hardware.origin).toBe('file');
    expect(r.hardware.label).toBe('server.json (8 × NVIDIA H100 80GB HBM3)');
    expect(r.hardware.ramBytes).toBe(2048 * GiB);
    expect(r.verdict).toBe('fits');
  });

  it('takes an exported hardware profile the same way', async () => {
    const profile = {
      name: 'rented 2 × L4',
      gpus: [{ catalogId: 'l4', name: 'L4', vramBytes: 0, count: 2, kind: 'dedicated' }],
      ramBytes: 128 * GiB,
      createdAt: '2026-12-01T10:00:00.000Z',
    };
    const path = await writeTemp('l4.json', JSON.stringify(profile));
    const r = await json(['--model', 'llama-3.1-8b-instruct', '--hardware', path]);
    expect(r.devices.map((d) => d.name)).toEqual(['L4', 'L4']);
    expect(r.hardware.origin).toBe('profile');
    expect(r.hardware.ramSource).toBe('profile');
    expect(r.hardware.label).toBe('rented 2 × L4 (2 × L4)');
  });

  it('refuses a broken, foreign, oversized or missing file with one sentence', async () => {
    const cases: Array<[string, RegExp]> = [
      [await writeTemp('broken.json', '{ "gpus": ['), /not JSON/],
      [await writeTemp('list.json', '[1, 2]'), /not a hardware description/],
      [
        await writeTemp('bad.json', JSON.stringify({ ...server, gpus: [{ ...gpu(0), vramTotalBytes: -5 }] })),
        /gpus\.0\.vramTotalBytes is not valid/,
      ],
      [await writeTemp('big.json', ' '.repeat(5 * 1024 * 1024)), /a few kilobytes/],
      [join(tmpdir(), 'no-such-vp-hardware.json'), /because it does not exist/],
    ];
    for (const [path, re] of cases) {
      const io = capture();
      await expect(estimate(['--params', '8B', '--hardware', path], io)).rejects.toSatisfy(
        (e: unknown) => e instanceof CliError && re.test(e.message) && !e.message.includes('\n'),
      );
    }
  });
});
