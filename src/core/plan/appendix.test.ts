import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../../../tests/fixtures/plan/fixtures';
import { analyseRun, catalogRunModel, measuredRun } from '../check/run';
import { renderMarkdown } from './markdown';

const log = readFileSync(join(import.meta.dirname, '../../../tests/fixtures/measured/llama-cpp-6122-two-gpu.log'), 'utf8');

function planWithRun() {
  const run = measuredRun(analyseRun(log, catalogRunModel('c4ai-command-r-v01')));
  if (!run) throw new Error('no run');
  return { ...fixturePlan('llama70b-2x4090'), measured: run };
}

/** The Markdown from the appendix heading to the end. */
function appendix(md: string, heading: string): string {
  const at = md.indexOf(`## ${heading}`);
  expect(at).toBeGreaterThan(0);
  return md.slice(at);
}

describe('plan appendix "Planned vs measured"', () => {
  it('is absent when no run is attached', () => {
    expect(renderMarkdown(fixturePlan('llama70b-2x4090'), 'en')).not.toMatch(/planned vs measured/i);
  });

  it('carries the table, the settings and the source kind in English', () => {
    const md = appendix(renderMarkdown(planWithRun(), 'en'), 'Appendix: planned vs measured');
    expect(md).toMatch(/A llama\.cpp start-up log was attached/);
    expect(md).toMatch(/\| Context \(all slots\) \| 4,096 \|/);
    expect(md).toMatch(/\| KV cache types \(K \/ V\) \| f16 \/ f16 \|/);
    expect(md).toMatch(/\| Layers on the GPUs \| 41 \/ 41 \|/);
    expect(md).toMatch(/NVIDIA GeForce RTX 4070 Ti, NVIDIA GeForce RTX 3090 Ti/);
    // CUDA0's KV buffer: planned and measured 1536 MiB, difference 0, inside the band.
    expect(md).toMatch(/\| KV cache \| CUDA0 \| 1,536 MiB \| 1,536 MiB \| 0 MiB \| ✓ \|/);
    expect(md).toMatch(/\| KV cache \| CUDA1 \| 3,584 MiB \| 3,584 MiB \| 0 MiB \| ✓ \|/);
    expect(md).toMatch(/\| Compute buffer \| CUDA0 \| [\d,.]+ MiB \| 672\.01 MiB \| \+[\d,.]+ MiB \| [✓✗] \|/);
    expect(md).toMatch(/Model planned from: library model c4ai-command-r-v01/);
  });

  it('says the same in Japanese', () => {
    const md = appendix(renderMarkdown(planWithRun(), 'ja'), '付録: 計画値と実測値');
    expect(md).toMatch(/llama\.cpp の起動ログが添付されています/);
    expect(md).toMatch(/\| 内訳 \| デバイス \| 計画値 \| 実測値 \| 差 \| 範囲内 \|/);
    expect(md).toMatch(/\| KV キャッシュ \| CUDA0 \| 1,536 MiB \| 1,536 MiB \| 0 MiB \| ✓ \|/);
    expect(md).toMatch(/\| コンテキスト（全スロット合計） \| 4,096 \|/);
    expect(md).toMatch(/\| 合計 \| 全デバイス \|/);
  });

  it('carries a vLLM run per component with its counts, and the notes in Japanese', () => {
    const text = ['vllm-10511-memory-profile.log', 'vllm-17122-v1-kv-tokens.log']
      .map((f) => readFileSync(join(import.meta.dirname, '../../../tests/fixtures/measured', f), 'utf8'))
      .join('\n');
    const run = measuredRun(analyseRun(text, catalogRunModel('llama-3.1-8b-instruct')));
    if (!run) throw new Error('no run');
    const plan = { ...fixturePlan('llama70b-2x4090'), measured: run };
    const en = appendix(renderMarkdown(plan, 'en'), 'Appendix: planned vs measured');
    expect(en).toMatch(/A vLLM start-up log was attached/);
    expect(en).toMatch(/\| KV pool \(tokens\) \| [\d,]+ \| 158,656 \| [+-]?[\d,]+ \| [✓✗] \|/);
    expect(en).toMatch(/No total row: vLLM fills total/);
    const ja = appendix(renderMarkdown(plan, 'ja'), '付録: 計画値と実測値');
    expect(ja).toMatch(/vLLM の起動ログが添付されています/);
    expect(ja).toMatch(/\| KV プール（トークン数） \| [\d,]+ \| 158,656 \|/);
    expect(ja).toMatch(/合計の行はありません/);
    expect(ja).not.toMatch(/No total row/);
  });
});
