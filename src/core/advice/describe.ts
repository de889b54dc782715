// Advice put into words, one way for every surface: the Compare columns, the CLI and the plan call these,
// so a verdict or a missing speed figure reads the same (and is computed from the same fields) everywhere.

import { formatNumber, translate, type Locale, type MessageKey } from '../i18n';
import { formatGiB } from '../units';
import type { Advice, SpeedEstimate, Verdict } from './types';

export function verdictLabel(locale: Locale, verdict: Verdict): string {
  return translate(locale, `compare.verdict.${verdict}` as MessageKey);
}

/** The sentence under a verdict: margin, layers on GPU, RAM use, or what is short. */
export function verdictDetail(locale: Locale, a: Advice): string {
  const gib = (b: number) => formatGiB(Math.max(0, b));
  switch (a.verdict) {
    case 'fits':
      return translate(locale, 'compare.verdict.fits.detail', { margin: gib(a.marginBytes) });
    case 'tight':
      return translate(locale, 'compare.verdict.tight.detail', { margin: gib(a.marginBytes) });
    case 'offload':
      return translate(locale, 'compare.verdict.offload.detail', { gpu: a.gpuLayers, total: a.totalLayers, cpu: gib(a.cpuBytes) });
    case 'cpu':
      return translate(locale, a.devices.length > 0 ? 'compare.verdict.cpu.noGpuLayer' : 'compare.verdict.cpu.detail', {
        ram: gib(a.cpuBytes),
        have: gib(a.ramBudgetBytes),
      });
    case 'no-fit':
      if (a.vllm) return translate(locale, 'compare.verdict.no-fit.vllm', { need: gib(a.shortBytes) });
      if (a.devices.length === 0)
        return translate(locale, 'compare.verdict.no-fit.ram', { need: gib(a.shortBytes), have: gib(a.ramBudgetBytes) });
      return translate(locale, 'compare.verdict.no-fit.detail', { need: gib(a.shortBytes) });
  }
}

export function tokensPerSecond(locale: Locale, value: number): string {
  return translate(locale, 'compare.tokPerSec', { value: formatNumber(locale, value, value < 10 ? 1 : 0) });
}

/** A speed figure, or the true reason it is missing (the run does not start, or which device lacks what). */
export function speedText(locale: Locale, speed: SpeedEstimate, which: 'decode' | 'prefill'): string {
  const value = which === 'decode' ? speed.decodeTokensPerSecond : speed.prefillTokensPerSecond;
  if (value != null && Number.isFinite(value)) return tokensPerSecond(locale, value);
  const missing = which === 'decode' ? speed.decodeMissing : speed.prefillMissing;
  if (missing === 'no-fit') return translate(locale, 'compare.speed.noFit');
  if (missing === 'no-bandwidth') {
    return translate(locale, 'compare.speed.noBandwidth', { devices: speed.missingBandwidthOn.join(', ') || 'system RAM' });
  }
  const devices = speed.missingThroughputOn.join(', ');
  if (devices === '') return translate(locale, 'compare.speed.noCpuThroughput');
  return translate(locale, 'compare.speed.noThroughput', { devices });
}
