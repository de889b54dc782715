// `estimate` output: the --json object (the CLI contract's fields and more) and the text report.

import { PLANNING_DEFAULTS, type ChosenHardware } from '../../core/advice/choice';
import { speedText, verdictDetail, verdictLabel } from '../../core/advice/describe';
import type { Advice, Remedy } from '../../core/advice/index';
import { translateKey } from '../../core/i18n';
import { formatGB, formatGiB, formatParameterCount } from '../../core/units';
import type { CliIO } from '../types';
import type { HardwareArgSource } from './estimate-hardware';
import { table } from './models';
import { mlxWired, mlxWiredLines } from './estimate-mlx-output';

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

export function toJson(
  a: Advice,
  chosen: ChosenHardware,
  source: HardwareArgSource,
  byQuant: Array<{ quant: string; maxContext: number | null }>,
) {
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
    seedFormula: {
      bytes: e.seedFormula.bytes,
      gigabytes: e.seedFormula.bytes / 1e9,
      bits: e.seedFormula.bits,
      parameters: e.seedFormula.parameters,
    },
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
    ...(a.settings.runtime === 'mlx' ? { mlxWired: mlxWired(a, chosen) } : {}),
    warnings: e.warnings,
    explain: a.explain,
  };
}

/** The remedy in the same words as the app and the plan (core/i18n's advisor messages). */
function remedyText(r: Remedy): string {
  return translateKey('en', r.label.key, r.label.params);
}

function rate(a: Advice, which: 'decode' | 'prefill'): string {
  const x = which === 'decode' ? a.speed.decodeTokensPerSecond : a.speed.prefillTokensPerSecond;
  if (x == null) return speedText('en', a.speed, which);
  const band = which === 'decode' ? a.speed.band.decode : a.speed.band.prefill;
  const v = x >= 100 ? x.toFixed(0) : x.toFixed(1);
  return `~${v} tokens/s (±${Math.round(band * 100)} %)`;
}

type ByQuant = Array<{ quant: string; maxContext: number | null }>;

function headerLines(a: Advice, chosen: ChosenHardware): string[] {
  const e = a.estimate;
  const s = a.settings;
  const bw = chosen.hw.ramBandwidthGBps ?? PLANNING_DEFAULTS.ramBandwidthGBps;
  return [
    `Hardware  ${chosen.label} · RAM ${formatGiB(chosen.hw.ramBytes)} (${chosen.ramSource}) · RAM bandwidth ${bw} GB/s${chosen.ramBandwidthAssumed ? ' (assumed)' : ''}`,
    `Model     ${e.model.name} — ${formatParameterCount(e.weights.parameterCount)} parameters, ${e.model.layers} layers`,
    `Settings  ${e.quantLabel} · ${s.runtime} · context ${s.context} × ${s.parallel} · KV ${s.kvTypeK}/${s.kvTypeV} · flash attention ${s.flashAttention ? 'on' : 'off'}`,
    '',
  ];
}

function componentTable(a: Advice): string {
  const e = a.estimate;
  const cpuOnly = a.devices.length === 0;
  const comp = [
    ['weights', formatGiB(e.weights.bytes), e.weights.basis],
    ['KV cache', formatGiB(e.kvCache.bytes), e.kvCache.basis],
    ['compute buffers', formatGiB(e.compute.device + e.compute.host), e.compute.basis],
    ['output buffer', formatGiB(e.outputBuffer.bytes), ''],
    cpuOnly
      ? ['runtime overhead', '—', 'no GPU: no CUDA/Metal context']
      : ['runtime overhead', `${formatGiB(e.overheadPerGpu.bytes)}`, 'per GPU'],
    cpuOnly
      ? ['total (in RAM)', formatGiB(a.placed.totalBytes), 'weights, KV cache and the CPU compute graph in system RAM']
      : ['total (one device)', formatGiB(e.totalBytes), `±${Math.round(e.band.relative * 100)} % (${e.band.basis})`],
    [
      "article's formula",
      formatGB(e.seedFormula.bytes),
      `P × ${e.seedFormula.bits}/8 × 1.2, decimal GB (= ${formatGiB(e.seedFormula.bytes)})`,
    ],
  ];
  const cells = comp.map((r) => r.map((c) => (c.length > 90 ? `${c.slice(0, 87)}…` : c)));
  return table(['COMPONENT', 'SIZE', 'BASIS'], cells, new Set([1]));
}

function deviceLines(a: Advice, chosen: ChosenHardware, source: HardwareArgSource): string[] {
  if (a.devices.length > 0) {
    const rows = a.devices.map((d) => [
      d.name,
      formatGiB(d.capacityBytes),
      formatGiB(d.usedBytes),
      `${d.layers}${d.holdsOutput ? ' + output' : ''}`,
      formatGiB(d.marginBytes),
    ]);
    const out = [table(['DEVICE', 'BUDGET', 'USED', 'LAYERS', 'MARGIN'], rows, new Set([1, 2, 4]))];
    if (source === 'vram') out.push('Devices from --vram: no bandwidth figures, so no speed estimate.');
    return out;
  }
  const ram = formatGiB(chosen.hw.ramBytes);
  if (source === 'cpu-only') return [`CPU only, as asked: ${ram} of RAM (${chosen.ramSource}).`];
  return [`No GPU given or detected: planning a CPU-only run on ${ram} of RAM (use --gpu ID[xN] or --vram GiB to plan for GPUs).`];
}

function verdictLines(a: Advice, byQuant: ByQuant): string[] {
  const out = [`Verdict   ${verdictLabel('en', a.verdict)} — ${verdictDetail('en', a)} (${a.gpuLayers}/${a.totalLayers} layers on GPU)`];
  if (a.cpuBytes > 0 && a.gpuLayers < a.totalLayers && a.settings.runtime !== 'mlx') {
    out.push(`System RAM needed ${formatGiB(a.cpuBytes)} of ${formatGiB(a.ramBudgetBytes)}${a.ramShort ? ' — not enough RAM either' : ''}`);
  }
  if (a.tensorSplit) out.push(`llama.cpp --tensor-split ${a.tensorSplit.join(',')}`);
  if (a.vllm && a.verdict !== 'no-fit') {
    const replicated = a.vllm.replicatedKv ? ' (KV heads replicated: more GPUs than KV heads)' : '';
    out.push(
      `${a.settings.runtime === 'sglang' ? 'SGLang token pool' : 'vLLM KV pool'} ${formatGiB(a.vllm.kvPoolBytes)} per GPU = ${a.vllm.kvTokens} tokens, ${a.vllm.maxConcurrency} sequence(s) of ${a.settings.context} at once${replicated}`,
    );
  }
  const where = a.devices.length === 0 ? 'in system RAM' : 'on the GPUs';
  out.push(
    `Max context that fits: ${a.maxContext == null ? `none (even 256 tokens do not fit ${where})` : `${a.maxContext} tokens ${where}`}`,
  );
  if (byQuant.length > 0) out.push(`  by quant: ${byQuant.map((q) => `${q.quant} ${q.maxContext ?? '—'}`).join(' · ')}`);
  out.push(`Decode    ${rate(a, 'decode')} at ${a.speed.contextTokens} tokens of context`);
  out.push(`Prefill   ${rate(a, 'prefill')}`);
  // What the ± means: the 80th percentile of measured error for this kind of device (same words as the app).
  out.push(`          ${translateKey('en', a.speed.basis.key)}`);
  return out;
}

function remedyLines(a: Advice): string[] {
  if (a.remedies.length === 0) return [];
  const out = ['', 'Remedies'];
  for (const r of a.remedies) {
    const speed =
      r.cost.speedFactor !== undefined
        ? `, decode ×${r.cost.speedFactor.toFixed(2)}`
        : r.cost.decodeTokensPerSecond !== undefined
          ? `, decode ~${r.cost.decodeTokensPerSecond.toFixed(1)} tokens/s`
          : '';
    out.push(`  - ${remedyText(r)}: ${verdictLabel('en', r.resultingVerdict).toLowerCase()} (saves ${formatGiB(r.savesBytes)}${speed})`);
  }
  return out;
}

export function printText(io: CliIO, a: Advice, chosen: ChosenHardware, source: HardwareArgSource, byQuant: ByQuant): void {
  const lines = [
    ...headerLines(a, chosen),
    componentTable(a),
    '',
    ...deviceLines(a, chosen, source),
    '',
    ...verdictLines(a, byQuant),
    ...mlxWiredLines(a, chosen),
    ...remedyLines(a),
  ];
  for (const x of a.explain) {
    if (x.key === 'advice.fewerGpus') lines.push(`Note: ${translateKey('en', x.key, x.params)}.`);
  }
  for (const w of a.estimate.warnings) lines.push(`Note: ${w}`);
  io.out(lines.join('\n'));
}

/** The estimate options turned into engine inputs; `plan` reuses it so both commands read flags alike. */
