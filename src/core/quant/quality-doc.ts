// Renders docs/quant-quality.md from the measurement table, so the document cannot drift from the data
// the app ranks with (quality.test.ts compares them; UPDATE_GOLDEN=1 rewrites the file).

import { QUANT_FORMATS } from './formats';
import { LEVEL_LIMITS, lossNats, measurementsFor, noteFor, pplIncreasePct, quantQuality, levelForLoss } from './quality';
import { QUALITY_MEASUREMENTS, QUALITY_SOURCES, type PplFigure, type QualityMeasurement } from './quality-data';
import { MIN_USABLE_TOK_S, READING_WORDS_PER_MINUTE } from './quality-rank';

const sourceIndex = new Map(QUALITY_SOURCES.map((s, i) => [s.id, i + 1]));

function ref(id: string | undefined): string {
  const n = id ? sourceIndex.get(id) : undefined;
  return n ? `[${n}]` : '';
}

function pct(x: number | undefined): string {
  return x === undefined ? '' : `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;
}

function printed(p: PplFigure | undefined): string {
  if (!p) return '';
  if (p.kind === 'pct') return `${p.pct.toFixed(2)} %`;
  if (p.kind === 'pair') return `${p.ppl} vs ${p.base}`;
  if (p.kind === 'ln') return `ln ratio ${p.ln}`;
  return `${p.ppl}, ΔPPL ${p.dPpl}`;
}

function measurementRow(m: QualityMeasurement): string {
  const loss = lossNats(m);
  const cells = [
    m.quant,
    m.model,
    m.row ?? '',
    printed(m.ppl),
    m.kld === undefined ? '' : String(m.kld),
    pct(pplIncreasePct(m)),
    loss.toFixed(4),
    levelForLoss(loss),
    ref(m.source),
  ];
  return `| ${cells.join(' | ')} |`;
}

function genericRow(id: string): string {
  const q = quantQuality(id);
  const note = noteFor(q.quant);
  const why = q.model ? `${q.model}${q.row ? ` (${q.row})` : ''}` : (q.reason ?? '');
  const kld = q.kld === undefined ? '' : String(q.kld);
  const src = q.model ? q.sources.map((s) => ref(s.id)).join(' ') : ref(note?.source);
  return `| ${id} | ${q.level} | ${kld} | ${pct(q.pplIncreasePct)} | ${why} | ${src} |`;
}

function levelLines(): string[] {
  const bounds = Object.entries(LEVEL_LIMITS).map(
    ([level, limit]) => `| ${level} | < ${limit} | < ${(Math.expm1(limit) * 100).toFixed(1)} % |`,
  );
  return [
    '| Level | Loss (nats) | Perplexity increase |',
    '| --- | --- | --- |',
    ...bounds,
    `| severe | ≥ ${LEVEL_LIMITS.large} | ≥ ${(Math.expm1(LEVEL_LIMITS.large) * 100).toFixed(1)} % |`,
  ];
}

const INTRO = [
  '# Quality cost per quantisation',
  '',
  '<!-- Generated from src/core/quant/quality-data.ts by src/core/quant/quality-doc.ts; run',
  '     `UPDATE_GOLDEN=1 npx vitest run --project unit src/core/quant/quality.test.ts` after editing the data. -->',
  '',
  'How much a quantisation format gives up against the 16-bit model, from published measurements only.',
  'Two figures are quoted: the **mean KL divergence** (KLD, nats) between the quantised and the 16-bit',
  "model's next-token distributions, and the **perplexity increase** on the test text. Both sit on one",
  'scale: ln(PPL_q / PPL_16) is the mean extra cross-entropy, which equals the mean KLD when the text',
  "follows the 16-bit model's distribution (LLaMA 3 8B Q4_K_M: KLD 0.0313, ln of the perplexity ratio 0.0278).",
  'So the **loss** used for levels is the KLD where one was published, else ln(1 + increase).',
  '',
  'Perplexities from different tools, contexts and data sets are not comparable with each other; only the',
  'ratio to the 16-bit run of the same source is used.',
  '',
  '## Levels',
  '',
  ...levelLines(),
  '',
  'Anchors (LLaMA 3 8B, share of tokens whose top choice matches FP16 [1] [2]): Q8_0 97.7 %, Q6_K 96.0 %,',
  'Q4_K_M 91.9 %, Q2_K 71.1 %. Lossless is below 1 % perplexity ("sub-1% quantization error [is] called',
  '"lossless" in the quantization literature", ikawrakow, <https://github.com/ikawrakow/ik_llama.cpp/discussions/359>);',
  'minor covers the 4- and 5-bit k-quants; noticeable is worse than every 4-bit k-quant; large reaches Q2_K',
  '(about 3 tokens in 10 differ); severe starts where perplexity rises by more than half.',
  '',
  '## Generic figure and family figures',
  '',
  "For a model whose family has a measurement the app shows that family's figure (the nearest measured size).",
  'Otherwise it shows the **generic** figure: the **largest loss measured on any published model** for',
  `that format. A median was rejected because the formats are measured on different sets of models (Q4_K_M`,
  `on ${measurementsFor('Q4_K_M').length} models, IQ1_M on ${measurementsFor('IQ1_M').length}), so a median would rank formats by which models`,
  'were measured. The worst case is always one real, quoted measurement. Formats measured only',
  'on Llama 2 (bitsandbytes 4-bit, LLM.int8) may look better than they would on newer models: the LLaMA 2',
  'vs. 3 comparison [2] shows LLaMA 3 8B losing 2.5× (Q4_K_M) to 4× (Q2_K) the KLD of LLaMA 2 7B.',
  '',
];

function rankingLines(): string[] {
  return [
    '## "What fits" ranking rule',
    '',
    `1. Runs that start and decode at reading speed or faster — **${MIN_USABLE_TOK_S.toFixed(2)} tok/s** =`,
    `   ${READING_WORDS_PER_MINUTE} words/min (mean adult silent reading, English non-fiction; Brysbaert 2019,`,
    '   Journal of Memory and Language 109, 104047, <https://doi.org/10.1016/j.jml.2019.104047>) × 4/3 tokens',
    '   per word (OpenAI: "1 token ~= ¾ words",',
    '   <https://help.openai.com/en/articles/4936856-what-are-tokens-and-how-to-count-them>) — come first, then',
    '   slower runs, then runs that do not fit.',
    `2. Within those, quants whose loss is at most *noticeable* (< ${LEVEL_LIMITS.noticeable} nats) come first, then`,
    '   unmeasured ones, then *large*, then *severe*.',
    '3. Then more parameters first ("running 13B at q4_0 beats the 7B f16 model by a significant amount",',
    '   llama.cpp README, <https://github.com/ggml-org/llama.cpp/pull/395>), then lower loss, then faster decode.',
    '',
    'So a 70B at Q4_K_M (minor) ranks above an 8B at Q8_0, and an 8B at Q8_0 above a 70B at IQ2_XXS',
    '(severe: LLaMA 3 8B perplexity +126 %).',
    '',
  ];
}

function sourceLines(): string[] {
  return [
    '## Sources',
    '',
    ...QUALITY_SOURCES.map((s, i) => `${i + 1}. ${s.title}. <${s.url}>. Measured: ${s.measured}`),
    '',
    'Additional context: the KLD statistics come from llama.cpp PR #6936',
    '(<https://github.com/ggml-org/llama.cpp/pull/6936>); results tables of [5] are images in the repository',
    'README, read at one decimal as printed.',
    '',
  ];
}

export function renderQualityDoc(): string {
  const ids = QUANT_FORMATS.map((f) => f.id);
  return [
    ...INTRO,
    '## Every format: the figure shown without a family',
    '',
    '| Format | Level | Mean KLD | Perplexity | Measured on / reason | Source |',
    '| --- | --- | --- | --- | --- | --- |',
    ...ids.map(genericRow),
    '',
    '## All measurements',
    '',
    '| Format | Model | Source row | Perplexity as printed | Mean KLD | Perplexity | Loss (nats) | Level | Source |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...QUALITY_MEASUREMENTS.map(measurementRow),
    '',
    ...rankingLines(),
    ...sourceLines(),
  ].join('\n');
}
