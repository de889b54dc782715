// `vram-planner estimate`: the memory estimate, where it lands on the GPUs, the verdict, the largest
// context that fits, remedies and speed, as a table or as one JSON object (--json).

import { totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { advise, maxContextByQuant, type Advice, type PlanningHardware, type Remedy } from '../../core/advice/index';
import { speedText, verdictDetail, verdictLabel } from '../../core/advice/describe';
import { PLANNING_DEFAULTS, planningHardwareForChoice, type ChosenHardware, type GpuChoice } from '../../core/advice/choice';
import { getModel, searchModels } from '../../core/catalog';
import { defaultSettings, specFromParameterCount } from '../../core/estimate/index';
import type { EstimateSettings, KvCacheType, ModelInput, Runtime } from '../../core/estimate/types';
import { resolveGpuQuery } from '../../core/hardware/gpu-query';
import type { GpuCatalogEntry, Hardware } from '../../core/hardware/types';
import { quantForBits } from '../../core/quant';
import { GiB, formatGB, formatGiB, formatParameterCount, parseParameterCount } from '../../core/units';
import { strictDecimal } from '../args';
import { CliError, type CliCommand, type CliIO } from '../types';
import { table } from './models';

const OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  gguf: { type: 'string' },
  params: { type: 'string' },
  quant: { type: 'string' },
  bits: { type: 'string' },
  ctx: { type: 'string' },
  parallel: { type: 'string' },
  'kv-type': { type: 'string' },
  'flash-attn': { type: 'string' },
  ubatch: { type: 'string' },
  runtime: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  vram: { type: 'string' },
  'cpu-only': { type: 'boolean' },
  ram: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const RUNTIMES: readonly Runtime[] = ['llama.cpp', 'vllm', 'transformers'];
const KV_TYPES: readonly KvCacheType[] = ['f16', 'q8_0', 'q4_0', 'f32', 'bf16', 'q4_1', 'q5_0', 'q5_1', 'iq4_nl', 'fp8'];
/** Quants listed in the max-context table of the text output, per runtime. */
const QUANT_TABLE: Record<Runtime, string[]> = {
  'llama.cpp': ['F16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M'],
  vllm: ['bf16', 'fp8', 'awq'],
  transformers: ['bf16', 'int8', 'nf4'],
};

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export interface EstimateDeps {
  /** Hardware detection used when neither --gpu nor --vram is given. */
  detect?: () => Promise<Hardware | null>;
  /** RAM of the machine planned for when not detected (bytes). */
  ramBytes?: () => number;
}

function parse(args: string[]): Values {
  try {
    const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
    return values as Values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

function positiveInt(text: string | undefined, flag: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  const k = /^(\d+)k$/.exec(t);
  const n = k ? Number(k[1]) * 1024 : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`${flag} needs a positive whole number, not "${text}".`);
  if (n > max) throw new CliError(`${flag} ${n} is above the supported maximum of ${max}.`);
  return n;
}

async function loadModel(v: Values): Promise<{ input: ModelInput; defaultQuant: string | null; label: string }> {
  const sources = (['model', 'config', 'gguf', 'params'] as const).filter((k) => v[k] !== undefined);
  if (sources.length === 0) throw new CliError('Name a model with --model ID, --params 70B, --config FILE or --gguf FILE.');
  if (sources.length > 1) throw new CliError(`Give only one of --model, --params, --config or --gguf (got ${sources.map((s) => `--${s}`).join(' and ')}).`);
  if (v.model !== undefined) {
    const id = v.model.trim();
    const hit = getModel(id);
    const found = hit ? [hit] : searchModels(id);
    if (found.length === 0) throw new CliError(`No model "${id}" in the library; run "vram-planner models --search ${id}" to find its id.`);
    if (found.length > 1) {
      const ids = found.slice(0, 4).map((m) => m.spec.id).join(', ');
      throw new CliError(`"${id}" matches ${found.length} models (${ids}${found.length > 4 ? ', …' : ''}); give one id.`);
    }
    const m = found[0]!;
    return { input: { spec: m.spec }, defaultQuant: null, label: m.spec.name };
  }
  if (v.params !== undefined) {
    const count = parseParameterCount(v.params);
    if (count === null) throw new CliError(`"${v.params}" is not a parameter count; write it like 70B, 405M or 8.03e9.`);
    if (count < 1e6 || count > 1e13) throw new CliError(`${v.params} parameters is outside the accepted range of 1M to 10T.`);
    const spec = specFromParameterCount(count, { id: `params:${count}`, name: `Generic ${formatParameterCount(count)} model` });
    return { input: { spec }, defaultQuant: null, label: spec.name };
  }
  const path = (v.config ?? v.gguf)!;
  let inspectPath: (p: string) => Promise<{ input: ModelInput; fileType: string | null; format: string | null; kind: string }>;
  try {
    ({ inspectPath } = await import('../../main/services/import/index'));
  } catch {
    throw new CliError('Reading model files is not available in this build; use --model or --params.');
  }
  try {
    const r = await inspectPath(path);
    if (v.gguf !== undefined && r.kind !== 'gguf') throw new CliError(`${path} is not a GGUF file; use --config for a config.json or model folder.`);
    return { input: r.input, defaultQuant: r.fileType ?? r.format, label: r.input.spec.name };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(error instanceof Error ? firstSentence(error.message) : String(error));
  }
}

function firstSentence(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

function buildSettings(v: Values, defaultQuant: string | null, hasTensors: boolean): EstimateSettings {
  const runtime = (v.runtime ?? 'llama.cpp') as Runtime;
  if (!RUNTIMES.includes(runtime)) throw new CliError(`--runtime must be one of ${RUNTIMES.join(', ')}, not "${v.runtime}".`);
  const s = defaultSettings(runtime);
  if (v.quant !== undefined && v.bits !== undefined) throw new CliError('Give either --quant or --bits, not both.');
  if (v.bits !== undefined) {
    const bits = strictDecimal(v.bits);
    if (bits !== 16 && bits !== 8 && bits !== 4) throw new CliError(`--bits must be 16, 8 or 4, not "${v.bits}".`);
    s.quant = quantForBits(bits, runtime).id;
  } else if (v.quant !== undefined) {
    s.quant = v.quant.trim();
  } else if (defaultQuant && !hasTensors) {
    s.quant = defaultQuant;
  } else if (defaultQuant && hasTensors && runtime === 'llama.cpp') {
    s.quant = defaultQuant;
  }
  const ctx = positiveInt(v.ctx, '--ctx', 16 * 1024 * 1024);
  if (ctx !== undefined) s.context = ctx;
  const par = positiveInt(v.parallel, '--parallel', 4096);
  if (par !== undefined) s.parallel = par;
  const ub = positiveInt(v.ubatch, '--ubatch', 65536);
  if (ub !== undefined) {
    s.ubatch = ub;
    s.batch = Math.max(s.batch, ub);
  }
  if (v['kv-type'] !== undefined) {
    const kv = v['kv-type'].trim().toLowerCase() as KvCacheType;
    if (!KV_TYPES.includes(kv)) throw new CliError(`--kv-type must be one of f16, q8_0, q4_0 (or ${KV_TYPES.slice(3).join(', ')}), not "${v['kv-type']}".`);
    s.kvTypeK = kv;
    s.kvTypeV = kv;
  }
  if (v['flash-attn'] !== undefined) {
    const fa = v['flash-attn'].trim().toLowerCase();
    if (fa !== 'on' && fa !== 'off') throw new CliError(`--flash-attn must be on or off, not "${v['flash-attn']}".`);
    s.flashAttention = fa === 'on';
  }
  return s;
}

/** "rtx-4090", "RTX 4090", "4090x2", "a100 80gb x4": a catalog id, name or unique search text, with a count. */
export function resolveGpuArg(text: string): { entry: GpuCatalogEntry; count: number } {
  const r = resolveGpuQuery(text);
  if (r.ok) return { entry: r.entry, count: r.count };
  if (r.reason === 'not-found') {
    const raw = text.trim();
    throw new CliError(`No GPU "${raw}" in the catalog; run "vram-planner gpus --search ${raw}" to find its id.`);
  }
  throw new CliError(`--gpu ${r.message}${r.reason === 'ambiguous' ? ' (see "vram-planner gpus")' : ''}`);
}

function parseVram(text: string): GpuChoice[] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 64) throw new CliError('--vram takes one to 64 sizes in GiB separated by commas, such as 24 or 24,12.');
  return parts.map((p) => {
    const gib = strictDecimal(p.replace(/\s*gib?$/i, ''));
    if (!Number.isFinite(gib) || gib <= 0 || gib > 4096) throw new CliError(`--vram size "${p}" is not a size in GiB between 0 and 4096.`);
    return { catalogId: null, vramGiB: gib, count: 1, source: 'user' };
  });
}

/** How the hardware was chosen: catalog GPUs, sizes, the detected machine, or no GPU at all. */
export type HardwareArgSource = 'catalog' | 'vram' | 'detected' | 'cpu-only' | 'none';

async function buildHardware(v: Values, deps: EstimateDeps): Promise<{ chosen: ChosenHardware; source: HardwareArgSource }> {
  const ramGiB = v.ram !== undefined ? strictDecimal(v.ram) : null;
  if (ramGiB !== null && !(ramGiB > 0 && Number.isFinite(ramGiB))) throw new CliError(`--ram must be a size in GiB, not "${v.ram}".`);
  const given = [v.gpu !== undefined && '--gpu', v.vram !== undefined && '--vram', v['cpu-only'] && '--cpu-only'].filter(Boolean);
  if (given.length > 1) throw new CliError(`Give only one of --gpu, --vram or --cpu-only (got ${given.join(' and ')}).`);
  const machineRamBytes = (deps.ramBytes ?? totalmem)();
  const custom = (gpus: GpuChoice[]): ChosenHardware => planningHardwareForChoice({ mode: 'custom', gpus, ramGiB, machineRamBytes });
  if (v.gpu !== undefined) {
    const gpus = v.gpu.map((g) => {
      const { entry, count } = resolveGpuArg(g);
      return { catalogId: entry.id, vramGiB: 0, count };
    });
    if (gpus.reduce((a, g) => a + g.count, 0) > PLANNING_DEFAULTS.maxGpus) throw new CliError(`At most ${PLANNING_DEFAULTS.maxGpus} GPUs can be planned for.`);
    return { chosen: custom(gpus), source: 'catalog' };
  }
  if (v.vram !== undefined) return { chosen: custom(parseVram(v.vram)), source: 'vram' };
  if (v['cpu-only']) return { chosen: custom([]), source: 'cpu-only' };
  const detected = deps.detect ? await deps.detect().catch(() => null) : null;
  if (detected) {
    if (ramGiB !== null) detected.ram = { ...detected.ram, totalBytes: ramGiB * GiB, availableBytes: null };
    return { chosen: planningHardwareForChoice({ mode: 'detected', detected }), source: 'detected' };
  }
  return { chosen: custom([]), source: 'none' };
}

async function defaultDetect(): Promise<Hardware | null> {
  try {
    const { detectHardware } = await import('../../main/services/hardware/index');
    return await detectHardware({ deadlineMs: 6000 });
  } catch {
    return null;
  }
}

function remedyJson(r: Remedy) {
  return {
    kind: r.kind,
    label: r.label,
    savesBytes: r.savesBytes,
    settings: r.settings,
    ...(r.options ? { options: r.options } : {}),
    ...(r.addDevices ? { addDevices: r.addDevices.map((d) => ({ name: d.name, totalBytes: d.totalBytes })) } : {}),
    resultingVerdict: r.resultingVerdict,
    resultingGpuLayers: r.resultingGpuLayers,
    cost: r.cost,
  };
}

/** The object `estimate --json` prints (the CLI contract's fields and more). */
export type EstimateJson = ReturnType<typeof toJson>;

function toJson(a: Advice, chosen: ChosenHardware, source: HardwareArgSource, byQuant: Array<{ quant: string; maxContext: number | null }>) {
  const e = a.estimate;
  return {
    model: {
      id: e.model.id,
      name: e.model.name,
      architecture: e.model.architecture,
      parameterCount: e.weights.parameterCount,
      activeParameterCount: e.weights.activeParameterCount,
      layers: e.model.layers,
      maxContext: e.model.maxContext,
    },
    settings: a.settings,
    quant: e.quantLabel,
    seedFormula: { bytes: e.seedFormula.bytes, gigabytes: e.seedFormula.bytes / 1e9, bits: e.seedFormula.bits, parameters: e.seedFormula.parameters },
    bytes: {
      weights: e.weights.bytes,
      kvCache: e.kvCache.bytes,
      compute: e.compute.device + e.compute.host,
      outputBuffer: e.outputBuffer.bytes,
      overhead: e.overheadPerGpu.bytes,
      total: e.totalBytes,
    },
    band: e.band,
    hardwareSource: source,
    hardware: {
      label: chosen.label,
      origin: chosen.origin,
      ramBytes: chosen.hw.ramBytes,
      ramSource: chosen.ramSource,
      ramBandwidthGBps: chosen.hw.ramBandwidthGBps ?? PLANNING_DEFAULTS.ramBandwidthGBps,
      ramBandwidthAssumed: chosen.ramBandwidthAssumed,
    },
    devices: a.devices.map((d, i) => ({
      name: d.name,
      vendor: chosen.hw.devices[i]?.vendor ?? null,
      source: chosen.hw.devices[i]?.source ?? null,
      kind: d.kind,
      capacityBytes: d.capacityBytes,
      usedBytes: d.usedBytes,
      layers: d.layers,
      holdsOutput: d.holdsOutput,
      weightsBytes: d.weightsBytes,
      kvBytes: d.kvBytes,
      computeBytes: d.computeBytes,
      overheadBytes: d.overheadBytes,
      marginBytes: d.marginBytes,
      budget: d.budget,
    })),
    verdict: a.verdict,
    verdictText: verdictDetail('en', a),
    marginBytes: a.marginBytes,
    shortBytes: a.shortBytes,
    placed: a.placed,
    gpuLayers: a.gpuLayers,
    totalLayers: a.totalLayers,
    cpuBytes: a.cpuBytes,
    ramBudgetBytes: a.ramBudgetBytes,
    ramShort: a.ramShort,
    maxContext: a.maxContext,
    maxContextByQuant: byQuant,
    tensorSplit: a.tensorSplit,
    remedies: a.remedies.map(remedyJson),
    speed: a.speed,
    ...(a.vllm ? { vllm: a.vllm } : {}),
    warnings: e.warnings,
    explain: a.explain,
  };
}

function remedyText(r: Remedy): string {
  const p = r.label.params;
  switch (r.kind) {
    case 'flash-attention':
      return 'turn flash attention on';
    case 'kv-q8_0':
    case 'kv-q4_0':
      return `store the KV cache as ${String(p['type'])}`;
    case 'shorter-context':
      return `shorten the context to ${String(p['context'])} tokens`;
    case 'lower-quant':
      return `use ${String(p['quant'])} weights`;
    case 'more-gpu':
      return `add ${String(p['count'])} more ${String(p['name'])}`;
    case 'fewer-parallel':
      return `serve ${String(p['parallel'])} sequence at a time`;
  }
}

function rate(a: Advice, which: 'decode' | 'prefill'): string {
  const x = which === 'decode' ? a.speed.decodeTokensPerSecond : a.speed.prefillTokensPerSecond;
  if (x == null) return speedText('en', a.speed, which);
  const band = which === 'decode' ? a.speed.band.decode : a.speed.band.prefill;
  const v = x >= 100 ? x.toFixed(0) : x.toFixed(1);
  return `~${v} tokens/s (±${Math.round(band * 100)} %)`;
}

function printText(io: CliIO, a: Advice, chosen: ChosenHardware, source: HardwareArgSource, byQuant: Array<{ quant: string; maxContext: number | null }>): void {
  const e = a.estimate;
  const s = a.settings;
  const lines: string[] = [];
  lines.push(`Hardware  ${chosen.label} · RAM ${formatGiB(chosen.hw.ramBytes)} (${chosen.ramSource}) · RAM bandwidth ${chosen.hw.ramBandwidthGBps ?? PLANNING_DEFAULTS.ramBandwidthGBps} GB/s${chosen.ramBandwidthAssumed ? ' (assumed)' : ''}`);
  lines.push(`Model     ${e.model.name} — ${formatParameterCount(e.weights.parameterCount)} parameters, ${e.model.layers} layers`);
  lines.push(
    `Settings  ${e.quantLabel} · ${s.runtime} · context ${s.context} × ${s.parallel} · KV ${s.kvTypeK}/${s.kvTypeV} · flash attention ${s.flashAttention ? 'on' : 'off'}`,
  );
  lines.push('');
  const comp = [
    ['weights', formatGiB(e.weights.bytes), e.weights.basis],
    ['KV cache', formatGiB(e.kvCache.bytes), e.kvCache.basis],
    ['compute buffers', formatGiB(e.compute.device + e.compute.host), e.compute.basis],
    ['output buffer', formatGiB(e.outputBuffer.bytes), ''],
    a.devices.length === 0
      ? ['runtime overhead', '—', 'no GPU: no CUDA/Metal context']
      : ['runtime overhead', `${formatGiB(e.overheadPerGpu.bytes)}`, 'per GPU'],
    a.devices.length === 0
      ? ['total (in RAM)', formatGiB(a.placed.totalBytes), 'weights, KV cache and the CPU compute graph in system RAM']
      : ['total (one device)', formatGiB(e.totalBytes), `±${Math.round(e.band.relative * 100)} % (${e.band.basis})`],
    ["article's formula", formatGB(e.seedFormula.bytes), `P × ${e.seedFormula.bits}/8 × 1.2, decimal GB (= ${formatGiB(e.seedFormula.bytes)})`],
  ];
  lines.push(table(['COMPONENT', 'SIZE', 'BASIS'], comp.map((r) => r.map((c) => (c.length > 90 ? `${c.slice(0, 87)}…` : c))), new Set([1])));
  lines.push('');
  if (a.devices.length > 0) {
    const rows = a.devices.map((d) => [
      d.name,
      formatGiB(d.capacityBytes),
      formatGiB(d.usedBytes),
      `${d.layers}${d.holdsOutput ? ' + output' : ''}`,
      formatGiB(d.marginBytes),
    ]);
    lines.push(table(['DEVICE', 'BUDGET', 'USED', 'LAYERS', 'MARGIN'], rows, new Set([1, 2, 4])));
    if (source === 'vram') lines.push('Devices from --vram: no bandwidth figures, so no speed estimate.');
  } else if (source === 'cpu-only') {
    lines.push(`CPU only, as asked: ${formatGiB(chosen.hw.ramBytes)} of RAM (${chosen.ramSource}).`);
  } else {
    lines.push(`No GPU given or detected: planning a CPU-only run on ${formatGiB(chosen.hw.ramBytes)} of RAM (use --gpu ID[xN] or --vram GiB to plan for GPUs).`);
  }
  lines.push('');
  lines.push(`Verdict   ${verdictLabel('en', a.verdict)} — ${verdictDetail('en', a)} (${a.gpuLayers}/${a.totalLayers} layers on GPU)`);
  if (a.cpuBytes > 0 && a.gpuLayers < a.totalLayers) {
    lines.push(`System RAM needed ${formatGiB(a.cpuBytes)} of ${formatGiB(a.ramBudgetBytes)}${a.ramShort ? ' — not enough RAM either' : ''}`);
  }
  if (a.tensorSplit) lines.push(`llama.cpp --tensor-split ${a.tensorSplit.join(',')}`);
  if (a.vllm && a.verdict !== 'no-fit') {
    lines.push(`vLLM KV pool ${formatGiB(a.vllm.kvPoolBytes)} per GPU = ${a.vllm.kvTokens} tokens, ${a.vllm.maxConcurrency} sequence(s) of ${s.context} at once${a.vllm.replicatedKv ? ' (KV heads replicated: more GPUs than KV heads)' : ''}`);
  }
  const where = a.devices.length === 0 ? 'in system RAM' : 'on the GPUs';
  lines.push(`Max context that fits: ${a.maxContext == null ? `none (even 256 tokens do not fit ${where})` : `${a.maxContext} tokens ${where}`}`);
  if (byQuant.length > 0) {
    lines.push(`  by quant: ${byQuant.map((q) => `${q.quant} ${q.maxContext ?? '—'}`).join(' · ')}`);
  }
  lines.push(`Decode    ${rate(a, 'decode')} at ${a.speed.contextTokens} tokens of context`);
  lines.push(`Prefill   ${rate(a, 'prefill')}`);
  if (a.remedies.length > 0) {
    lines.push('');
    lines.push('Remedies');
    for (const r of a.remedies) {
      const speed =
        r.cost.speedFactor !== undefined
          ? `, decode ×${r.cost.speedFactor.toFixed(2)}`
          : r.cost.decodeTokensPerSecond !== undefined
            ? `, decode ~${r.cost.decodeTokensPerSecond.toFixed(1)} tokens/s`
            : '';
      lines.push(`  - ${remedyText(r)}: ${verdictLabel('en', r.resultingVerdict).toLowerCase()} (saves ${formatGiB(r.savesBytes)}${speed})`);
    }
  }
  for (const x of a.explain) {
    if (x.key === 'advice.fewerGpus') {
      lines.push(`Note: fewer GPUs would be faster: on ${String(x.params['gpus'])} of the ${String(x.params['of'])} it fits too and decodes at ~${String(x.params['decodeTokensPerSecond'])} tokens/s.`);
    }
  }
  for (const w of e.warnings) lines.push(`Note: ${w}`);
  io.out(lines.join('\n'));
}

/** The estimate options turned into engine inputs; `plan` reuses it so both commands read flags alike. */
export interface ParsedEstimate {
  input: ModelInput;
  settings: EstimateSettings;
  hw: PlanningHardware;
  chosen: ChosenHardware;
  source: HardwareArgSource;
  json: boolean;
}

export async function parseEstimateArgs(args: string[], deps: EstimateDeps = { detect: defaultDetect }): Promise<ParsedEstimate> {
  const v = parse(args);
  const { input, defaultQuant } = await loadModel(v);
  const settings = buildSettings(v, defaultQuant, Boolean(input.tensors && input.tensors.length > 0));
  const { chosen, source } = await buildHardware(v, deps);
  return { input, settings, hw: chosen.hw, chosen, source, json: Boolean(v.json) };
}

export function createEstimateCommand(deps: EstimateDeps = {}): CliCommand {
  return async (args, io) => {
    const { input, settings, hw, chosen, source, json } = await parseEstimateArgs(args, deps);
    let a: Advice;
    try {
      a = advise(input, settings, hw);
    } catch (error) {
      throw new CliError(error instanceof Error ? firstSentence(error.message) : String(error));
    }
    const byQuant =
      input.tensors && input.tensors.length > 0
        ? []
        : maxContextByQuant(input, settings, hw, QUANT_TABLE[settings.runtime].filter((q) => q.toLowerCase() !== settings.quant.toLowerCase()));
    if (json) io.out(JSON.stringify(toJson(a, chosen, source, byQuant), null, 2));
    else printText(io, a, chosen, source, byQuant);
    return 0;
  };
}

export const estimate: CliCommand = createEstimateCommand({ detect: defaultDetect });
