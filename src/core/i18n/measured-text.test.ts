import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRun, catalogRunModel } from '../check/run';
import { MAX_LOG_CHARS, readRunOutput } from '../measured/index';
import { GiB } from '../units';
import { isKnownMeasuredText, localizeMeasuredText } from './measured-text';

const FIXTURES = resolve(__dirname, '../../../tests/fixtures/measured');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f !== 'SOURCES.md')
  .map((f) => ({ name: f, text: readFileSync(join(FIXTURES, f), 'utf8') }));

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every sentence must be known, come out in Japanese, and keep each figure it carried. */
function expectJapanese(where: string, text: string): void {
  expect(isKnownMeasuredText(text), `${where}: ${text}`).toBe(true);
  const ja = localizeMeasuredText('ja', text);
  expect(ja, `${where}: ${text}`).toMatch(JAPANESE);
  for (const n of text.match(/\d+(?:\.\d+)?/g) ?? []) expect(ja, `${where}: ${n} kept`).toContain(n);
}

describe('runtime-output sentences in Japanese', () => {
  it('knows every summary and problem the readers give for every fixture', () => {
    expect(fixtures.length).toBeGreaterThan(40);
    for (const f of fixtures) {
      const r = readRunOutput(f.text);
      expectJapanese(f.name, r.recognised);
      for (const p of r.problems) expectJapanese(f.name, p);
    }
  });

  it('knows the readers on cut, empty, foreign and oversized input', () => {
    const inputs = [
      '',
      'Hello, this is a shopping list.',
      ...fixtures.map((f) => f.text.slice(0, Math.floor(f.text.length / 3))),
      ...fixtures.map((f) => f.text.split('\n').slice(0, 3).join('\n')),
      'x'.repeat(MAX_LOG_CHARS + 10) + '\nllama_context: n_ctx = 4096',
    ];
    for (const text of inputs) {
      const r = readRunOutput(text);
      expectJapanese(`cut ${text.slice(0, 40)}`, r.recognised);
      for (const p of r.problems) expectJapanese(`cut ${text.slice(0, 40)}`, p);
    }
  });

  it('knows every note the Check view’s comparisons write, with and without a model and a plan', () => {
    const gpus = [
      { index: 0, name: 'NVIDIA GeForce RTX 4090', bytes: 20 * GiB, monitorBytes: 21 * GiB },
      { index: 1, name: 'NVIDIA GeForce RTX 3090', bytes: 18 * GiB, monitorBytes: 19 * GiB },
    ];
    const models = [null, catalogRunModel('llama-3.1-8b-instruct'), catalogRunModel('c4ai-command-r-v01')];
    let notes = 0;
    for (const f of fixtures)
      for (const m of models)
        for (const plannedGpus of [null, gpus]) {
          const a = analyseRun(f.text, m, { plannedGpus, bandRelative: 0.1 });
          if (a.kind === 'unknown' || a.kind === 'other') continue;
          for (const n of a.notes) {
            notes += 1;
            expectJapanese(f.name, n);
          }
        }
    expect(notes).toBeGreaterThan(100);
  });

  it('leaves English as it is and unknown text untouched', () => {
    const s = 'The log looks cut short: no KV cache buffers, compute buffers.';
    expect(localizeMeasuredText('en', s)).toBe(s);
    expect(localizeMeasuredText('ja', s)).toBe('ログが途中で切れているようです。次がありません: KV キャッシュのバッファ、計算バッファ。');
    expect(localizeMeasuredText('ja', 'Something new.')).toBe('Something new.');
    expect(isKnownMeasuredText('Something new.')).toBe(false);
    // The comparison's own sentence wins over rocm-smi's "GPU N: tool text." problem.
    expect(localizeMeasuredText('ja', 'GPU 0: no reading in the output.')).toBe('GPU 0: 出力に読み取り値がありません。');
  });

  it('splits a summary whose device lists hold commas', () => {
    expect(
      localizeMeasuredText(
        'ja',
        'Ollama server log: memory on CUDA0, CUDA1, CPU, llama.cpp buffer lines, layers offloaded; no context size',
      ),
    ).toBe('Ollama のサーバーログ: CUDA0, CUDA1, CPU のメモリ、llama.cpp のバッファ行、オフロードした層（なし: コンテキストサイズ）');
  });
});
