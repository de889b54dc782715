// What the speed model needs to know about a planning device beyond its bandwidth and FLOPS: its
// efficiency family and tier, and the link it reaches its peers over. Read from the catalog entry the
// device matched; devices without one fall back on what their vendor and kind say for sure.

import { getGpu } from '../hardware/gpu-catalog';
import type { GpuFamily, GpuLink } from '../hardware/types';
import { fp16AccumulateFactor, type SpeedBackend } from './speed';
import type { PlanningDevice } from './types';

export interface DeviceTraits {
  backend: SpeedBackend;
  family: GpuFamily | undefined;
  tier: string | undefined;
  link: GpuLink | null;
  /** Dense FP8 tensor peak from the catalog; null where the GPU has no FP8 tensor cores or no entry. */
  fp8Tflops: number | null;
}

/** Apple's efficiency differs by tier (the Max and Ultra chips reach a smaller share of their bandwidth). */
export function appleTier(name: string): 'base' | 'pro' | 'max' | 'ultra' {
  if (/\bultra\b/i.test(name)) return 'ultra';
  if (/\bmax\b/i.test(name)) return 'max';
  if (/\bpro\b/i.test(name)) return 'pro';
  return 'base';
}

export function backendOf(d: PlanningDevice): SpeedBackend {
  return d.kind === 'unified' && (d.vendor === 'apple' || /apple|\bm[1-9]\b/i.test(d.name)) ? 'metal' : 'cuda';
}

export function deviceTraits(d: PlanningDevice): DeviceTraits {
  const entry = d.catalogId ? getGpu(d.catalogId) : undefined;
  const backend = backendOf(d);
  const family: GpuFamily | undefined = entry?.family ?? (backend === 'metal' ? 'apple-m' : undefined);
  const tier = family === 'apple-m' ? (entry?.tier ?? appleTier(entry?.name ?? d.name)) : entry?.tier;
  return { backend, family, tier, link: entry?.link ?? null, fp8Tflops: entry?.fp8Tflops ?? null };
}

export function effectiveTflops(d: PlanningDevice): number | null {
  return d.fp16Tflops != null && d.fp16Tflops > 0 ? d.fp16Tflops * fp16AccumulateFactor(d.name) : null;
}
