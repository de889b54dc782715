import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../catalog';
import { defaultSettings, estimate } from '../estimate';
import type { EstimateSettings } from '../estimate/types';
import { isKnownEngineText, localizeEngineText } from './engine-text';

const VARIANTS: Array<Partial<EstimateSettings>> = [
  {},
  { swaFull: true, parallel: 4 },
  { kvUnified: true, parallel: 2, context: 300_000 },
  { flashAttention: false, kvTypeK: 'q8_0', kvTypeV: 'q8_0' },
  { kvTypeK: 'fp8', kvTypeV: 'fp8' },
];

describe('engine sentences are all in the catalog', () => {
  it('every basis and warning of every catalog model, runtime and setting variant', () => {
    const unknown = new Set<string>();
    let checked = 0;
    for (const m of MODEL_CATALOG) {
      for (const rt of ['llama.cpp', 'vllm', 'sglang', 'transformers', 'mlx'] as const) {
        const quants =
          rt === 'llama.cpp'
            ? ['Q4_K_M', 'F16', 'IQ2_XXS', 'awq']
            : rt === 'mlx'
              ? ['mlx-4bit', 'mlx-nvfp4', 'bf16', 'Q4_K_M']
              : ['bf16', 'awq', 'fp8', 'nf4', 'mlx-4bit', 'Q4_K_M'];
        for (const quant of quants) {
          for (const v of VARIANTS) {
            let e;
            try {
              e = estimate({ spec: m.spec }, { ...defaultSettings(rt), quant, ...v });
            } catch {
              continue;
            }
            for (const t of [
              e.weights.basis,
              e.kvCache.basis,
              e.compute.basis,
              e.outputBuffer.basis,
              e.overheadPerGpu.basis,
              ...e.warnings,
            ]) {
              checked += 1;
              if (!isKnownEngineText(t)) unknown.add(t);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect([...unknown].slice(0, 10)).toEqual([]);
  });

  it('keeps figures and translates the pieces', () => {
    const en =
      'llama.cpp cache: 1 stream(s) × 8192 cells (context padded to 256, unified) × per-layer K f16 + V q8_0 rows, sliding layers keep 1536 cells (window + ubatch, padded to 256).';
    const ja = localizeEngineText('ja', en);
    expect(ja).toContain('8192 セル');
    expect(ja).toContain('、統合');
    expect(ja).toContain('スライディング層は 1536 セル');
    expect(localizeEngineText('en', en)).toBe(en);
    expect(localizeEngineText('ja', 'Something new.')).toBe('Something new.');
  });
});
