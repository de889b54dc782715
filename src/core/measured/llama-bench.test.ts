import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLlamaBench } from './llama-bench';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');

describe('parseLlamaBench', () => {
  it('reads the Markdown table with an ngl column (chraac/llama.cpp#7)', () => {
    const r = parseLlamaBench(fixture('llama-bench-chraac-7.md'));
    expect(r.format).toBe('markdown');
    expect(r.rows).toEqual([
      {
        model: 'llama 1B F16',
        backend: 'QNN',
        gpuLayers: 99,
        test: 'pp512',
        kind: 'prefill',
        promptTokens: 512,
        generatedTokens: 0,
        depth: 0,
        tokensPerSecond: 18.46,
        stddev: 1.73,
      },
      {
        model: 'llama 1B F16',
        backend: 'QNN',
        gpuLayers: 99,
        test: 'tg128',
        kind: 'decode',
        promptTokens: 0,
        generatedTokens: 128,
        depth: 0,
        tokensPerSecond: 0.7,
        stddev: 0,
      },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('reads a table without ngl, with CRLF line ends (llama.cpp#25547)', () => {
    const r = parseLlamaBench(fixture('llama-bench-25547.md').replace(/\n/g, '\r\n'));
    expect(r.rows.map((x) => [x.model, x.backend, x.gpuLayers, x.test, x.tokensPerSecond])).toEqual([
      ['qwen35 9B Q4_K - Medium', 'BLAS,MTL', null, 'pp256', 597.06],
      ['qwen35 9B Q4_K - Medium', 'BLAS,MTL', null, 'tg64', 20.21],
    ]);
  });

  it('reads JSON and CSV of the same run alike (llama.cpp#12994)', () => {
    const j = parseLlamaBench(fixture('llama-bench-12994.json'));
    const c = parseLlamaBench(fixture('llama-bench-12994-derived.csv'));
    expect(j.format).toBe('json');
    expect(c.format).toBe('csv');
    const want = {
      model: 'qwen2 1B F16',
      backend: 'CANN',
      gpuLayers: 32,
      test: 'tg128',
      kind: 'decode',
      tokensPerSecond: 60.984063,
      stddev: 0.844204,
    };
    expect(j.rows).toEqual([expect.objectContaining(want)]);
    expect(c.rows).toEqual(j.rows);
  });

  it('reads the depth of "pp1024 @ d4096" tests (ik_llama.cpp discussion 562, RTX 5090 CUDA row)', () => {
    const table = [
      '| model                          |       size |     params | backend    | ngl | fa |            test |                  t/s |',
      '| ------------------------------ | ---------: | ---------: | ---------- | --: | -: | --------------: | -------------------: |',
      '| llama 8B Q4_0                  |   5.61 GiB |     8.03 B | CUDA       |  99 |  1 |  pp1024 @ d1024 |      12854.24 ± 0.00 |',
    ].join('\n');
    expect(parseLlamaBench(table).rows[0]).toMatchObject({
      test: 'pp1024 @ d1024',
      kind: 'prefill',
      promptTokens: 1024,
      depth: 1024,
      tokensPerSecond: 12854.24,
    });
  });

  it('reads JSONL, one object a line', () => {
    const line = JSON.stringify({
      model_type: 'llama 8B Q4_0',
      backends: 'CUDA',
      n_gpu_layers: 99,
      n_prompt: 512,
      n_gen: 0,
      avg_ts: 5000.5,
    });
    const r = parseLlamaBench(`${line}\n${line.replace('"n_prompt":512,"n_gen":0', '"n_prompt":0,"n_gen":128')}`);
    expect(r.rows.map((x) => x.test)).toEqual(['pp512', 'tg128']);
  });

  it('says what it could not read, and never throws on noise', () => {
    expect(parseLlamaBench('no table here').problems[0]).toMatch(/No llama-bench/);
    expect(parseLlamaBench('| model | test | t/s |\n| --- | --- | --- |\n| x | weird | fast |').problems.join(' ')).toMatch(
      /not understood/,
    );
    const parts = ['|', ' pp512 ', ' ± ', '1.5', '"avg_ts"', ',', '\n', '{', '}', '[', 'n_prompt', 't/s', 'test'];
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const r = parseLlamaBench(Array.from({ length: Math.floor(rand() * 40) }, () => parts[Math.floor(rand() * parts.length)]).join(''));
      for (const row of r.rows) expect(Number.isFinite(row.tokensPerSecond)).toBe(true);
    }
    expect(parseLlamaBench(undefined).problems).toEqual(['The input is not text.']);
  });
});
