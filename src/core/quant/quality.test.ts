import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUANT_FORMATS, quantForBits, UnknownQuantError } from './formats';
import {
  genericMeasurement,
  LEVEL_LIMITS,
  levelForLoss,
  lossNats,
  measurementsFor,
  noteFor,
  pplIncreasePct,
  qualityId,
  quantQuality,
  QUALITY_LEVELS,
} from './quality';
import { QUALITY_MEASUREMENTS, QUALITY_NOTES, QUALITY_SOURCES } from './quality-data';
import { renderQualityDoc } from './quality-doc';
import { MIN_USABLE_TOK_S, RANKING_RULE, rankFitCandidates, type FitCandidate } from './quality-rank';

describe('quality data', () => {
  it('gives every format a figure, or says why not', () => {
    for (const f of QUANT_FORMATS) {
      const q = quantQuality(f.id);
      const measured = measurementsFor(q.quant).length > 0;
      const note = noteFor(q.quant);
      expect(measured || note !== undefined, `${f.id} has neither a measurement nor a note`).toBe(true);
      if (q.level === 'not-measured') expect(q.reason?.length ?? 0, f.id).toBeGreaterThan(20);
      else if (q.lossNats === undefined) expect(q.reason, `${f.id} lossless without a figure needs a reason`).toBeTruthy();
    }
  });

  it('files every measurement under a known format, family-tagged, with a source and a figure', () => {
    const ids = new Set(QUANT_FORMATS.map((f) => f.id));
    const sources = new Set(QUALITY_SOURCES.map((s) => s.id));
    for (const m of QUALITY_MEASUREMENTS) {
      expect(ids.has(m.quant), m.quant).toBe(true);
      expect(sources.has(m.source), m.source).toBe(true);
      expect(m.family.length).toBeGreaterThan(0);
      expect(m.kld !== undefined || m.ppl !== undefined, `${m.quant} ${m.model}`).toBe(true);
      expect(lossNats(m)).toBeGreaterThanOrEqual(0);
    }
    for (const n of QUALITY_NOTES) expect(ids.has(n.quant), n.quant).toBe(true);
    for (const s of QUALITY_SOURCES) expect(s.url).toMatch(/^https:\/\//);
  });

  it('has no duplicate measurement of one format on one model from one source', () => {
    const keys = QUALITY_MEASUREMENTS.map((m) => `${m.quant}|${m.model}|${m.source}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('computes the perplexity increase from each printed form', () => {
    // llama.cpp LLaMA 3 8B Q4_K_M: PPL 6.407115, ΔPPL 0.175482 → ratio 1.028160 as the README's comparison prints.
    const q4 = measurementsFor('Q4_K_M').find((m) => m.model === 'Llama 3 8B');
    expect(q4 && pplIncreasePct(q4)).toBeCloseTo(2.816, 2);
    const l2 = measurementsFor('Q4_K_M').find((m) => m.model === 'Llama 2 70B');
    expect(l2 && pplIncreasePct(l2)).toBe(1.2);
    expect(l2 && lossNats(l2)).toBeCloseTo(Math.log(1.012), 9);
    const awq70 = measurementsFor('awq').find((m) => m.model === 'Llama 3 70B');
    expect(awq70 && pplIncreasePct(awq70)).toBeCloseTo((3.3 / 2.9 - 1) * 100, 9);
  });

  it('keeps KLD and ln(perplexity ratio) on one scale where a source printed both', () => {
    // The level scale treats the two as the same quantity; on the llama.cpp tables they agree within 25 %
    // from Q4_K_M down (below that both are tiny and noise dominates the perplexity figure).
    for (const m of QUALITY_MEASUREMENTS.filter((x) => x.kld !== undefined && x.ppl !== undefined && x.kld > 0.03)) {
      const lnRatio = Math.log1p((pplIncreasePct(m) ?? 0) / 100);
      expect(lnRatio / (m.kld ?? 1), `${m.quant} ${m.model}`).toBeGreaterThan(0.75);
      expect(lnRatio / (m.kld ?? 1), `${m.quant} ${m.model}`).toBeLessThan(1.25);
    }
  });
});

describe('quantQuality', () => {
  it('orders the k-quant ladder on the generic table', () => {
    const ladder = ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M', 'Q2_K'].map((id) => quantQuality(id).lossNats ?? NaN);
    for (let i = 1; i < ladder.length; i++) expect(ladder[i], `step ${i}`).toBeGreaterThan(ladder[i - 1] ?? Infinity);
    expect(QUALITY_LEVELS.indexOf(quantQuality('Q8_0').level as never)).toBeLessThanOrEqual(QUALITY_LEVELS.indexOf('minor'));
    expect(quantQuality('Q2_K').level).toBe('large');
    expect(quantQuality('IQ2_XXS').level).toBe('severe');
  });

  it('uses the family figure when the family was measured, the generic one otherwise', () => {
    const l2 = quantQuality('Q4_K_M', 'Llama 2', 70);
    expect(l2).toMatchObject({ basis: 'family', model: 'Llama 2 70B', pplIncreasePct: 1.2, level: 'minor' });
    expect(quantQuality('Q4_K_M', 'llama 2', 7)).toMatchObject({ basis: 'family', model: 'Llama 2 7B', kld: 0.012686 });
    expect(quantQuality('Q4_K_M', 'Mistral')).toMatchObject({ basis: 'family', model: 'Mistral 7B', pplIncreasePct: 1.08 });
    // Mistral has two tables for Q3_K_M: the first listed (Artefact2's ln ratio) is the family's figure.
    expect(quantQuality('Q3_K_M', 'Mistral')).toMatchObject({ lossNats: 0.0258, row: 'imatrix wiki.train' });
    const qwen = quantQuality('Q4_K_M', 'Qwen3', 8);
    expect(qwen.basis).toBe('generic');
    // Generic = the worst measured model: gemma-2-27b-it, 7.4192 against BF16 7.1853 (+3.26 %), just
    // above LLaMA 3 8B's KLD 0.031273.
    expect(qwen).toMatchObject({ model: 'Gemma 2 27B', level: 'minor' });
    expect(qwen.pplIncreasePct).toBeCloseTo(3.255, 3);
    expect(qwen.sources[0]?.url).toBe('https://huggingface.co/Dracones/gemma-2-27b-it-GGUF');
    expect(quantQuality('Q2_K', 'Qwen3')).toMatchObject({ model: 'Llama 3 8B', kld: 0.445132 });
  });

  it('takes the generic figure as the largest measured loss', () => {
    for (const id of new Set(QUALITY_MEASUREMENTS.map((m) => m.quant))) {
      const worst = Math.max(...measurementsFor(id).map(lossNats));
      expect(genericMeasurement(id) && lossNats(genericMeasurement(id)!)).toBe(worst);
    }
  });

  it('says by how much the article\u2019s 4-bit costs in each runtime', () => {
    expect(quantQuality(quantForBits(4, 'llama.cpp').id).level).toBe('minor');
    expect(quantQuality(quantForBits(4, 'vllm').id)).toMatchObject({ quant: 'awq', level: 'noticeable' });
    expect(quantQuality(quantForBits(8, 'llama.cpp').id).level).toBe('lossless');
    expect(quantQuality(quantForBits(16, 'vllm').id)).toMatchObject({ level: 'lossless', basis: 'generic' });
  });

  it('folds group-size variants and the HF fp16 dtype onto their measured scheme', () => {
    expect(qualityId('gptq-int8-g32')).toBe('gptq-int8');
    expect(qualityId('awq-g64')).toBe('awq');
    expect(qualityId('fp16')).toBe('F16');
    expect(quantQuality('float16').kld).toBe(0.00002515);
    expect(() => quantQuality('Q9_Z')).toThrow(UnknownQuantError);
  });

  it('treats MXFP4 as the original only for gpt-oss', () => {
    expect(quantQuality('mxfp4', 'gpt-oss')).toMatchObject({ level: 'lossless', basis: 'family' });
    expect(quantQuality('MXFP4_MOE', 'Llama 3').level).toBe('not-measured');
  });

  it('maps loss to levels at the stated bounds', () => {
    expect(levelForLoss(0)).toBe('lossless');
    expect(levelForLoss(LEVEL_LIMITS.lossless)).toBe('minor');
    expect(levelForLoss(LEVEL_LIMITS.noticeable - 1e-9)).toBe('noticeable');
    expect(levelForLoss(LEVEL_LIMITS.large)).toBe('severe');
  });
});

function fit(paramsB: number, quant: string, decodeTokS: number | null, verdict: FitCandidate['verdict'] = 'fits'): FitCandidate {
  return { paramsB, quant, family: 'Llama 3', verdict, decodeTokS };
}

describe('rankFitCandidates', () => {
  it('puts an 8B at Q8_0 above a 70B at IQ2_XXS: the measured loss at IQ2_XXS is severe', () => {
    const ranked = rankFitCandidates([fit(70.6, 'IQ2_XXS', 20), fit(8.03, 'Q8_0', 60)]);
    expect(ranked.map((r) => r.row.quant)).toEqual(['Q8_0', 'IQ2_XXS']);
    expect(ranked[1]?.quality.level).toBe('severe');
  });

  it('puts a 70B at Q4_K_M above an 8B at Q8_0: its loss is small', () => {
    const ranked = rankFitCandidates([fit(8.03, 'Q8_0', 60), fit(70.6, 'Q4_K_M', 12)]);
    expect(ranked.map((r) => r.row.paramsB)).toEqual([70.6, 8.03]);
  });

  it('ranks runs below reading speed and runs that do not fit last', () => {
    const slow = fit(70.6, 'Q8_0', MIN_USABLE_TOK_S - 0.1, 'offload');
    const none = fit(405, 'Q4_K_M', null, 'no-fit');
    const ok = fit(8.03, 'Q4_K_M', MIN_USABLE_TOK_S);
    const ranked = rankFitCandidates([none, slow, ok]);
    expect(ranked.map((r) => r.group)).toEqual(['usable', 'slow', 'no-fit']);
    expect(ranked[0]?.row).toBe(ok);
  });

  it('prefers the lighter loss at equal size, then the faster run, and keeps input order on full ties', () => {
    const a = fit(8.03, 'Q4_K_M', 50);
    const b = fit(8.03, 'Q6_K', 40);
    const c = fit(8.03, 'Q6_K', 45);
    const d = fit(8.03, 'Q6_K', 45);
    expect(rankFitCandidates([a, b, c, d]).map((r) => r.row)).toEqual([c, d, b, a]);
  });

  it('places unmeasured formats after measured usable ones and before large losses', () => {
    const ranked = rankFitCandidates([fit(70, 'Q2_K', 10), fit(8, 'mlx-4bit', 40), fit(8, 'Q4_K_M', 40)]);
    expect(ranked.map((r) => r.row.quant)).toEqual(['Q4_K_M', 'mlx-4bit', 'Q2_K']);
  });

  it('ranks a format it does not know as unmeasured instead of failing the list', () => {
    const ranked = rankFitCandidates([fit(8, 'Q9_Z', 40), fit(8, 'Q4_K_M', 40)]);
    expect(ranked.map((r) => [r.row.quant, r.quality.level])).toEqual([
      ['Q4_K_M', 'minor'],
      ['Q9_Z', 'not-measured'],
    ]);
  });

  it('derives the reading-speed threshold from the cited reading rate', () => {
    expect(MIN_USABLE_TOK_S).toBeCloseTo(5.29, 2);
    expect(RANKING_RULE.params).toEqual({ tokS: '5.3', kld: '0.15' });
  });
});

describe('docs/quant-quality.md', () => {
  it('is the rendering of the data', () => {
    const file = resolve(import.meta.dirname, '../../../docs/quant-quality.md');
    const md = renderQualityDoc();
    if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) writeFileSync(file, md);
    expect(readFileSync(file, 'utf8')).toBe(md);
    for (const s of QUALITY_SOURCES) expect(md).toContain(s.url);
    for (const f of QUANT_FORMATS) expect(md).toContain(`| ${f.id} |`);
  });
});

describe('quality reasons in the UI language', () => {
  it('every note names a message key both catalogs have', async () => {
    const { QUALITY_NOTES } = await import('./quality-data');
    const { hasMessage, translateKey } = await import('../i18n');
    for (const n of QUALITY_NOTES) {
      expect(hasMessage(n.reasonKey), n.quant).toBe(true);
      expect(translateKey('ja', n.reasonKey, n.reasonParams)).not.toMatch(/\{\w+\}/);
    }
  });
});
