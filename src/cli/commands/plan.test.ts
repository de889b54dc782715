import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { planningDeviceFromCatalog } from '../../core/advice';
import { hardwareLabel } from '../../core/advice/choice';
import { getModel } from '../../core/catalog';
import { defaultSettings, specFromParameterCount } from '../../core/estimate';
import type { Runtime } from '../../core/estimate/types';
import { PLAN_SCHEMA, type Plan } from '../../core/plan/types';
import { GiB, parseParameterCount } from '../../core/units';
import { CliError, type CliIO } from '../types';
import * as estimateCommand from './estimate';
import { createPlanCommand, splitPlanArgs, type EstimateArgsParser } from './plan';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

/**
 * A small stand-in for estimate's option parser (the real one lives in ./estimate), covering the
 * options these tests use, built from the same core helpers.
 */
const stubParser: EstimateArgsParser = async (args) => {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      model: { type: 'string' },
      params: { type: 'string' },
      gpu: { type: 'string' },
      ctx: { type: 'string' },
      parallel: { type: 'string' },
      quant: { type: 'string' },
      runtime: { type: 'string' },
    },
  });
  const runtime = (values.runtime ?? 'llama.cpp') as Runtime;
  const settings = { ...defaultSettings(runtime) };
  if (values.quant) settings.quant = values.quant;
  if (values.ctx) settings.context = Number(values.ctx);
  if (values.parallel) settings.parallel = Number(values.parallel);
  const spec = values.model ? getModel(values.model)!.spec : specFromParameterCount(parseParameterCount(values.params!)!);
  const devices = [];
  if (values.gpu) {
    const { entry, count } = estimateCommand.resolveGpuArg(values.gpu);
    for (let i = 0; i < count; i++) devices.push(planningDeviceFromCatalog(entry, i));
  }
  const hw = { devices, ramBytes: 64 * GiB, ramAvailableBytes: null, ramBandwidthGBps: null, cpuTflops: null };
  const chosen = { hw, label: hardwareLabel(devices), origin: 'manual' as const, ramSource: 'user' as const, ramBandwidthAssumed: true };
  return { input: { spec }, settings, hw, chosen, source: values.gpu ? 'catalog' : 'none' };
};

const NOW = new Date('2026-03-04T05:06:07.000Z');
const plan = createPlanCommand({ parseEstimateArgs: stubParser, now: () => NOW, appVersion: '9.9.9' });

describe('splitPlanArgs', () => {
  it('separates plan flags from estimate flags', () => {
    expect(splitPlanArgs(['--model', 'x', '--format', 'json', '--lang=ja', '-o', 'out.json', '--ctx', '8192'])).toEqual({
      format: 'json',
      lang: 'ja',
      output: 'out.json',
      rest: ['--model', 'x', '--ctx', '8192'],
    });
    expect(splitPlanArgs(['--model', 'x'])).toMatchObject({ format: 'md', lang: 'en', output: null });
  });

  it('rejects bad values with one sentence', () => {
    expect(() => splitPlanArgs(['--format', 'pdf'])).toThrow('--format must be md or json, not "pdf".');
    expect(() => splitPlanArgs(['--lang', 'fr'])).toThrow('--lang must be en or ja, not "fr".');
    expect(() => splitPlanArgs(['-o'])).toThrow('-o needs a value.');
    expect(() => splitPlanArgs(['--json'])).toThrow(CliError);
  });
});

describe('vram-planner plan', () => {
  it('prints the Markdown plan in English and Japanese', async () => {
    const en = capture();
    expect(await plan(['--model', 'llama-3.1-8b-instruct', '--gpu', 'rtx-4090', '--ctx', '8192'], en)).toBe(0);
    const md = en.stdout.join('\n');
    expect(md).toMatch(/^# Deployment plan: Llama 3.1 8B Instruct\n/);
    expect(md).toContain('Created 2026-03-04 with VRAM Planner 9.9.9.');
    expect(md).toContain('llama-server -m llama-3.1-8b-instruct-Q4_K_M.gguf -c 8192');
    const ja = capture();
    expect(await plan(['--model', 'llama-3.1-8b-instruct', '--gpu', 'rtx-4090', '--lang', 'ja'], ja)).toBe(0);
    expect(ja.stdout.join('\n')).toMatch(/^# 配置計画: Llama 3.1 8B Instruct\n/);
  });

  it('prints the Plan as JSON with the article figure for --params 70B', async () => {
    const io = capture();
    expect(await plan(['--params', '70B', '--quant', 'F16', '--gpu', 'a100-pcie-80gbx2', '--format', 'json'], io)).toBe(0);
    const p = JSON.parse(io.stdout.join('\n')) as Plan;
    expect(p.schema).toBe(PLAN_SCHEMA);
    expect(p.date).toBe(NOW.toISOString());
    expect(p.seedFormula.bytes).toBe(168e9);
    expect(p.hardware.label).toBe('2 × A100 PCIe 80GB');
    expect(p.hardware.devices.map((d) => d.source)).toEqual(['catalog', 'catalog']);
    expect(p.comparison.map((r) => r.bits)).toEqual([16, 8, 4]);
    expect(p.recipes.map((r) => r.id)).toEqual(['llama-server', 'ollama', 'lm-studio']);
  });

  it('writes -o atomically and replaces an existing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-plan-cli-'));
    const file = join(dir, 'plan.md');
    await writeFile(file, 'old');
    const io = capture();
    expect(await plan(['--model', 'llama-3.1-8b-instruct', '--gpu', 'rtx-4090', '-o', file], io)).toBe(0);
    expect(io.stdout).toEqual([`Wrote the Markdown plan to ${file}.`]);
    expect(await readFile(file, 'utf8')).toMatch(/^# Deployment plan/);
  });

  it('says plainly when the output folder does not exist', async () => {
    const io = capture();
    await expect(plan(['--model', 'llama-3.1-8b-instruct', '-o', '/nonexistent-dir-vp/plan.md'], io)).rejects.toThrow(
      'Could not write /nonexistent-dir-vp/plan.md because its folder does not exist; nothing was changed there.',
    );
  });

  it('uses the estimate command parser when it is exported, else fails with one sentence', async () => {
    const real = createPlanCommand({ now: () => NOW });
    const io = capture();
    if (typeof (estimateCommand as Record<string, unknown>)['parseEstimateArgs'] === 'function') {
      expect(await real(['--model', 'llama-3.1-8b-instruct', '--gpu', 'rtx-4090', '--format', 'json'], io)).toBe(0);
      expect((JSON.parse(io.stdout.join('\n')) as Plan).model.id).toBe('llama-3.1-8b-instruct');
    } else {
      await expect(real(['--model', 'llama-3.1-8b-instruct'], io)).rejects.toThrow(CliError);
    }
  });
});

describe('vram-planner plan with the real estimate parser', () => {
  const parse = (a: string[]) => estimateCommand.parseEstimateArgs(a, { detect: async () => null, ramBytes: () => 48 * GiB });
  const real = createPlanCommand({ parseEstimateArgs: parse, now: () => NOW, appVersion: '9.9.9' });
  async function planJson(args: string[]): Promise<Plan> {
    const io = capture();
    expect(await real([...args, '--format', 'json'], io)).toBe(0);
    return JSON.parse(io.stdout.join('\n')) as Plan;
  }

  it("labels this machine's RAM as detected and typed RAM as typed", async () => {
    const cpu = await planJson(['--model', 'llama-3.1-8b-instruct', '--cpu-only']);
    expect(cpu.hardware.ramSource).toBe('detected');
    expect(cpu.verdict).toBe('cpu');
    const io = capture();
    await real(['--model', 'llama-3.1-8b-instruct', '--cpu-only'], io);
    const md = io.stdout.join('\n');
    expect(md).toMatch(/\| System RAM \| system RAM \| 48\.00 GiB \| detected on this computer \|/);
    expect(md).not.toContain('entered by hand');
    const typed = await planJson(['--model', 'llama-3.1-8b-instruct', '--gpu', 'l4', '--ram', '32']);
    expect(typed.hardware.ramSource).toBe('user');
  });

  it("takes each device's vendor from the catalog, never from its name", async () => {
    const l4 = await planJson(['--model', 'llama-3.1-8b-instruct', '--gpu', 'l4x2']);
    expect(l4.hardware.devices.map((d) => d.vendor)).toEqual(['nvidia', 'nvidia']);
    expect(l4.checklist.flatMap((c) => c.commands ?? []).join('\n')).toContain('nvidia-smi');
    expect(JSON.stringify(l4)).not.toContain('nvtop');
    const arc = await planJson(['--model', 'llama-3.1-8b-instruct', '--gpu', 'arc-b580']);
    expect(arc.hardware.devices[0]!.vendor).toBe('intel');
    expect(JSON.stringify(arc)).not.toContain('nvidia-smi');
  });

  it('states the macOS working-set share once, as a per cent, and watches RAM with macOS tools', async () => {
    const io = capture();
    expect(await real(['--model', 'llama-3.1-70b-instruct', '--bits', '16', '--gpu', 'apple-m3-max-64gb'], io)).toBe(0);
    const md = io.stdout.join('\n');
    expect(md).toContain('the GPU may use 75 % of 64.00 GiB unified memory');
    expect(md).not.toMatch(/% %/);
    expect(md).not.toContain('free -m');
    expect(md).toContain('vm_stat 1');
  });

  it("words a GGUF-style tensor mix as the file's own types, in both languages", async () => {
    const p = await planJson(['--model', 'llama-3.1-8b-instruct', '--gpu', 'rtx-4090']);
    expect(p.quant.fromFile).toBe(false);
  });
});
