// rocm-smi --json and amd-smi static --json. Both are AMD's scripting outputs; key names drifted between
// ROCm releases, so lookups are by pattern and every field is optional.

import { emptyCandidate, guessKind, makePciId, MiB, normalizeBusId, parseSizeText, toNumber, type GpuCandidate } from './common';

export const ROCM_SMI_ARGS = ['--showmeminfo', 'vram', '--showproductname', '--showbus', '--json'];
export const AMD_SMI_ARGS = ['static', '--asic', '--bus', '--vram', '--json'];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pick(obj: Json, pattern: RegExp): unknown {
  for (const [k, v] of Object.entries(obj)) if (pattern.test(k)) return v;
  return undefined;
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function parseJsonSafely(text: string): { value: unknown; problem: string | null } {
  const trimmed = text.trim();
  // Some rocm-smi builds print a warning line before the JSON.
  const start = trimmed.search(/^\s*[[{]/m);
  if (start < 0) return { value: null, problem: 'the output held no JSON' };
  try {
    return { value: JSON.parse(trimmed.slice(start)), problem: null };
  } catch (e) {
    return { value: null, problem: `the JSON could not be parsed (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** `rocm-smi --showmeminfo vram --showproductname --showbus --json`: { "card0": { ... } }. */
export function parseRocmSmiJson(text: string): { gpus: GpuCandidate[]; problem: string | null } {
  const { value, problem } = parseJsonSafely(text);
  if (problem) return { gpus: [], problem };
  if (!isObject(value)) return { gpus: [], problem: 'the JSON was not an object of cards' };
  // Some versions wrap cards in "system".
  const root = Object.keys(value).some((k) => /^card\d+$/i.test(k)) ? value : isObject(value.system) ? value.system : value;
  const gpus: GpuCandidate[] = [];
  for (const [key, card] of Object.entries(root)) {
    const m = /^card(\d+)$/i.exec(key);
    if (!m || !isObject(card)) continue;
    const c = emptyCandidate('rocm-smi', 'amd');
    c.index = Number(m[1]);
    const series = asText(pick(card, /^card series$/i)) ?? asText(pick(card, /^device name$/i)) ?? asText(pick(card, /^card model$/i));
    c.name = series && !/^0x[0-9a-f]+$/i.test(series) ? (/^amd\b/i.test(series) ? series : `AMD ${series}`) : null;
    const model = asText(pick(card, /^(card model|device id)$/i));
    if (model && /^0x[0-9a-f]{4}$/i.test(model)) c.pciId = makePciId('1002', model);
    c.busId = normalizeBusId(asText(pick(card, /^pci bus$/i)));
    const total = toNumber(asText(pick(card, /^vram total memory \(b\)$/i)));
    const used = toNumber(asText(pick(card, /^vram total used memory \(b\)$/i)));
    c.vramTotalBytes = total;
    c.vramUsedBytes = used;
    c.vramFreeBytes = total !== null && used !== null ? Math.max(0, total - used) : null;
    c.kind = guessKind('amd', c.name, c.pciId);
    c.confidence = total !== null ? 'high' : 'low';
    gpus.push(c);
  }
  return { gpus, problem: gpus.length ? null : 'no card entries were found' };
}

function sizeFromAmdSmi(v: unknown): number | null {
  if (isObject(v)) {
    const value = toNumber(asText(v.value));
    const unit = asText(v.unit)?.toUpperCase() ?? 'MB';
    if (value === null) return null;
    // amd-smi's "MB" are MiB (MI300X reports 196592 for 192 GiB).
    const scale: Record<string, number> = { B: 1, KB: 1024, MB: MiB, GB: 1024 * MiB };
    return Math.round(value * (scale[unit] ?? MiB));
  }
  const t = asText(v);
  if (!t) return null;
  const n = toNumber(t);
  return n !== null ? n * MiB : parseSizeText(t);
}

/** `amd-smi static --asic --bus --vram --json`: an array of devices, or { gpu_data: [...] }. */
export function parseAmdSmiStaticJson(text: string): { gpus: GpuCandidate[]; problem: string | null } {
  const { value, problem } = parseJsonSafely(text);
  if (problem) return { gpus: [], problem };
  const list = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.gpu_data)
      ? value.gpu_data
      : isObject(value)
        ? [value]
        : [];
  const gpus: GpuCandidate[] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    const c = emptyCandidate('amd-smi', 'amd');
    c.index = toNumber(asText(item.gpu));
    const asic = isObject(item.asic) ? item.asic : {};
    const market = asText(asic.market_name);
    c.name = market && !/^n\/a$/i.test(market) ? (/^amd\b/i.test(market) ? market : `AMD ${market}`) : null;
    c.pciId = makePciId(asText(asic.vendor_id) ?? '1002', asText(asic.device_id));
    const bus = isObject(item.bus) ? item.bus : {};
    c.busId = normalizeBusId(asText(bus.bdf));
    const vram = isObject(item.vram) ? item.vram : {};
    c.vramTotalBytes = sizeFromAmdSmi(vram.size);
    c.kind = guessKind('amd', c.name, c.pciId);
    c.confidence = c.vramTotalBytes !== null ? 'high' : 'low';
    gpus.push(c);
  }
  return { gpus, problem: gpus.length ? null : 'no GPU entries were found' };
}
