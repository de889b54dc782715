// Advice → Plan: gathers what the exported plan shows, fills the article's four steps with this plan's
// numbers and generates the launch recipes. Pure: the date and version are passed in.

import type { Advice, DevicePlacement, Remedy } from '../advice/types';
import type { Runtime } from '../estimate/types';
import { GB } from '../units';
import { checklist, watchCommands } from './checklist';
import { buildRecipes } from './recipes';
import {
  PLAN_SCHEMA,
  type BuildPlanInput,
  type Plan,
  type PlanComparisonRow,
  type PlanDevice,
  type PlanHardwareDeviceInput,
  type PlanRemedy,
  type PlanSeedFormula,
  type PlanText,
} from './types';

export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}

function text(key: string, params: Record<string, string | number> = {}): PlanText {
  return { key, params };
}

function finite(n: unknown, fallback = 0): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

/**
 * Estimate.band carries either byte bounds or fractions depending on the engine version; the plan
 * always stores byte bounds so renderers need not guess.
 */
function bandBytes(
  total: number,
  band: { low: number; high: number; relative: number },
): { lowBytes: number; highBytes: number; relative: number } {
  const low = finite(band.low);
  const high = finite(band.high);
  const relative = finite(band.relative);
  if (high > 0 && high <= 2 && total > 1e6) {
    return { lowBytes: total * (1 - low), highBytes: total * (1 + high), relative };
  }
  if (high <= 0) return { lowBytes: total * (1 - relative), highBytes: total * (1 + relative), relative };
  return { lowBytes: low, highBytes: high, relative };
}

/**
 * The article's P is the count the user thinks in ("70B"), so the caller's figure wins over the count
 * of a generic spec built from it (69.97B), keeping 70B at 16-bit = 168 GB exact.
 */
function seedFormula(advice: Advice, parameterCount: number): PlanSeedFormula {
  const est = advice.estimate;
  const parameters = parameterCount > 0 && Number.isFinite(parameterCount) ? parameterCount : est.seedFormula.parameters;
  const seed = { bits: est.seedFormula.bits, parameters, bytes: parameters * (est.seedFormula.bits / 8) * 1.2 };
  const s = advice.settings;
  const detailed = est.totalBytes;
  const weightsAtNominal = (seed.parameters * seed.bits) / 8;
  const nonWeights = est.kvCache.bytes + est.compute.device + est.compute.host + est.outputBuffer.bytes + est.overheadPerGpu.bytes;
  const reasons: PlanText[] = [
    text(est.weights.fromFile ? 'plan.seed.reason.bitsFile' : 'plan.seed.reason.bits', {
      quant: est.quantLabel || s.quant,
      bits: seed.bits,
      bpw: round(est.weights.bitsPerWeight, 2),
      weightsBytes: est.weights.bytes,
      nominalBytesGB: weightsAtNominal,
    }),
    text('plan.seed.reason.flat', {
      flatBytesGB: weightsAtNominal * 0.2,
      nonWeightsBytes: nonWeights,
      context: s.context,
      parallel: s.parallel,
      kvBytes: est.kvCache.bytes,
    }),
    text('plan.seed.reason.units', { detailedBytes: detailed, detailedBytesGB: detailed }),
  ];
  return {
    parameters: seed.parameters,
    bits: seed.bits,
    bytes: seed.bytes,
    detailedBytes: detailed,
    differenceBytes: detailed - seed.bytes,
    reasons,
  };
}

function comparisonRow(a: Advice, chosenQuant: string): PlanComparisonRow {
  const est = a.estimate;
  return {
    bits: est.seedFormula.bits,
    quant: a.settings.quant,
    quantLabel: est.quantLabel || a.settings.quant,
    bitsPerWeight: round(est.weights.bitsPerWeight, 2),
    seedBytes: est.seedFormula.bytes,
    weightsBytes: est.weights.bytes,
    kvCacheBytes: est.kvCache.bytes,
    totalBytes: est.totalBytes,
    verdict: a.verdict,
    gpuLayers: a.gpuLayers,
    totalLayers: a.totalLayers,
    marginBytes: a.marginBytes,
    maxContext: a.maxContext,
    decodeTokensPerSecond: a.speed.decodeTokensPerSecond,
    chosen: a.settings.quant.toLowerCase() === chosenQuant.toLowerCase(),
  };
}

function planDevice(d: DevicePlacement, input: PlanHardwareDeviceInput | undefined, runtime: Runtime): PlanDevice {
  return {
    id: d.id,
    name: d.name,
    vendor: input?.vendor ?? null,
    kind: d.kind,
    totalBytes: d.budget.totalBytes,
    source: input?.source ?? 'user',
    capacityBytes: d.capacityBytes,
    usedBytes: d.usedBytes,
    weightsBytes: d.weightsBytes,
    kvBytes: d.kvBytes,
    computeBytes: d.computeBytes,
    overheadBytes: d.overheadBytes,
    marginBytes: d.marginBytes,
    layers: d.layers,
    layerRange: d.layerRange,
    holdsOutput: d.holdsOutput,
    budget: { ...d.budget },
    // A monitor such as nvidia-smi counts the runtime's own context and every other process too; vLLM
    // claims utilization × total up front and hands what the model does not need to its KV pool.
    expectedMonitorBytes:
      runtime === 'vllm' && d.budget.utilization !== undefined && d.kind === 'dedicated'
        ? Math.max(d.budget.totalBytes * d.budget.utilization, d.usedBytes + d.overheadBytes) + d.budget.inUseBytes
        : d.usedBytes + d.overheadBytes + d.budget.inUseBytes,
  };
}

function planRemedy(r: Remedy, current: Advice['settings']): PlanRemedy {
  // Every placeholder of the plan's remedy sentences gets a value, whatever the advisor's label carries.
  const params: Record<string, string | number> = {
    ...r.label.params,
    context: current.context,
    quant: current.quant,
    parallel: current.parallel,
    device: 'GPU',
  };
  for (const [k, v] of Object.entries(r.settings)) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    else if (typeof v === 'boolean') params[k] = v ? 'on' : 'off';
  }
  if (r.addDevices?.[0]) {
    params['device'] = r.addDevices[0].name;
    params['addBytes'] = r.addDevices.reduce((s, d) => s + d.totalBytes, 0);
  }
  params['gpuLayers'] = r.resultingGpuLayers;
  return {
    kind: r.kind,
    // The plan's own catalog names each remedy kind, so exported plans never depend on UI keys.
    label: text(`plan.remedy.${r.kind}`, params),
    savesBytes: r.savesBytes,
    resultingVerdict: r.resultingVerdict,
    resultingGpuLayers: r.resultingGpuLayers,
    cost: { kind: r.cost.kind, speedFactor: r.cost.speedFactor ?? null },
    settings: { ...r.settings },
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(finite(n) * f) / f;
}

function assumptions(plan: Omit<Plan, 'assumptions' | 'checklist' | 'recipes'>): PlanText[] {
  const out: PlanText[] = [];
  const s = plan.settings;
  out.push(text('plan.assume.basis', { basis: plan.model.basis, relative: round(plan.components.band.relative * 100, 0) }));
  out.push(text('plan.assume.hardware', { origin: plan.hardware.source, label: plan.hardware.label }));
  for (const d of plan.devices) {
    const b = d.budget;
    if (b.kind === 'working-set') {
      out.push(text('plan.assume.workingSet', { name: d.name, share: b.unifiedShare ?? 0, totalBytes: b.totalBytes }));
    } else if (b.kind === 'shared-ram') {
      out.push(text('plan.assume.sharedRam', { name: d.name }));
    }
    out.push(text('plan.assume.reserve', { name: d.name, reserveBytes: b.reserveBytes, inUseBytes: b.inUseBytes }));
    if (b.utilization !== undefined) out.push(text('plan.assume.utilization', { name: d.name, utilization: b.utilization }));
  }
  out.push(text('plan.assume.context', { context: s.context, parallel: s.parallel, maxContext: plan.model.maxContext }));
  out.push(
    text('plan.assume.speed', {
      decode: round(plan.speed.band.decode * 100, 0),
      prefill: round(plan.speed.band.prefill * 100, 0),
      tokens: plan.speed.contextTokens,
    }),
  );
  out.push(text('plan.assume.units', {}));
  return out;
}

function validate(input: BuildPlanInput): void {
  if (!input || typeof input !== 'object') throw new PlanInputError('The plan needs an advice result, hardware and model details.');
  const a = input.advice;
  if (!a || !a.estimate || !a.settings || !Array.isArray(a.devices))
    throw new PlanInputError('The plan needs a complete advice result (estimate, settings and devices).');
  if (!input.model || typeof input.model.name !== 'string') throw new PlanInputError('The plan needs the model name and basis.');
  if (!input.hardware || !Array.isArray(input.hardware.devices))
    throw new PlanInputError('The plan needs the hardware label and its devices.');
  if (typeof input.date !== 'string' || Number.isNaN(Date.parse(input.date)))
    throw new PlanInputError('The plan date must be an ISO date string.');
  if (!Array.isArray(input.comparison)) throw new PlanInputError('The plan comparison must be a list of advice results.');
}

function planComponents(est: Advice['estimate']): Plan['components'] {
  return {
    weights: est.weights.bytes,
    kvCache: est.kvCache.bytes,
    compute: est.compute.device + est.compute.host,
    outputBuffer: est.outputBuffer.bytes,
    overheadPerGpu: est.overheadPerGpu.bytes,
    total: est.totalBytes,
    band: { ...bandBytes(est.totalBytes, est.band), basis: est.band.basis },
    basis: {
      weights: est.weights.basis,
      kvCache: est.kvCache.basis,
      compute: est.compute.basis,
      outputBuffer: est.outputBuffer.basis,
      overheadPerGpu: est.overheadPerGpu.basis,
    },
  };
}

function planHardwareRecord(hardware: BuildPlanInput['hardware']): Plan['hardware'] {
  return {
    label: hardware.label,
    source: hardware.source,
    ramBytes: hardware.ramBytes ?? null,
    ramSource: hardware.ramSource ?? (hardware.source === 'detected' ? 'detected' : hardware.source === 'profile' ? 'profile' : 'user'),
    os: hardware.os ?? null,
    devices: hardware.devices.map((d) => ({ ...d })),
  };
}

function planSpeed(sp: Advice['speed']): Plan['speed'] {
  return {
    decodeTokensPerSecond: sp.decodeTokensPerSecond,
    decodeAtFullContextTokensPerSecond: sp.decodeAtFullContextTokensPerSecond,
    prefillTokensPerSecond: sp.prefillTokensPerSecond,
    contextTokens: sp.contextTokens,
    band: { ...sp.band },
    bytesPerToken: sp.bytesPerToken,
  };
}

export function buildPlan(input: BuildPlanInput): Plan {
  validate(input);
  const { advice, hardware, model } = input;
  const est = advice.estimate;
  const s = advice.settings;
  const byId = new Map(hardware.devices.map((d) => [d.id, d]));
  const byName = new Map(hardware.devices.map((d) => [d.name, d]));
  const devices = advice.devices.map((d, i) => planDevice(d, byId.get(d.id) ?? byName.get(d.name) ?? hardware.devices[i], s.runtime));

  const components = planComponents(est);

  const comparison = input.comparison.map((a) => comparisonRow(a, s.quant)).sort((x, y) => y.bits - x.bits);

  const base: Omit<Plan, 'assumptions' | 'checklist' | 'recipes'> = {
    schema: PLAN_SCHEMA,
    date: input.date,
    appVersion: input.appVersion,
    hardware: planHardwareRecord(hardware),
    model: {
      ...model,
      parameterCount: model.parameterCount || est.weights.parameterCount,
      activeParameterCount: model.activeParameterCount ?? est.weights.activeParameterCount ?? model.parameterCount,
      architecture: model.architecture ?? est.model.architecture,
      layers: est.model.layers,
      maxContext: est.model.maxContext,
    },
    runtime: s.runtime,
    quant: {
      id: s.quant,
      label: est.quantLabel || s.quant,
      bitsPerWeight: round(est.weights.bitsPerWeight, 2),
      fromFile: est.weights.fromFile,
    },
    settings: { ...s },
    components,
    seedFormula: seedFormula(advice, model.parameterCount),
    comparison,
    devices,
    cpu: { bytes: advice.cpuBytes, ramBudgetBytes: advice.ramBudgetBytes, ramShort: advice.ramShort },
    verdict: advice.verdict,
    marginBytes: advice.marginBytes,
    gpuLayers: advice.gpuLayers,
    totalLayers: advice.totalLayers,
    outputOnGpu: advice.outputOnGpu,
    tensorSplit: advice.tensorSplit ? [...advice.tensorSplit] : null,
    maxContext: advice.maxContext,
    remedies: advice.remedies.map((r) => planRemedy(r, s)),
    speed: planSpeed(advice.speed),
    vllm: advice.vllm ? { ...advice.vllm } : null,
    warnings: [...est.warnings],
  };
  const withAssumptions = { ...base, assumptions: assumptions(base) };
  const withRecipes = { ...withAssumptions, recipes: buildRecipes(withAssumptions) };
  return { ...withRecipes, checklist: checklist(withRecipes) };
}

/** Decimal GB of a byte count, as the article's formula is written (70B at 16-bit → 168 GB). */
export { watchCommands };

export function seedGB(bytes: number): number {
  return bytes / GB;
}
