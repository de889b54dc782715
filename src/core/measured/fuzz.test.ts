// Every parser must be total: whatever a user pastes (cut, garbled, binary, huge), it returns a result
// that says what it recognised, and never throws. Mutations are seeded, so a failure reproduces.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatchedBench } from './batched-bench';
import { parseFitParams } from './fit-params';
import { parseLlamaBench } from './llama-bench';
import { MAX_LOG_CHARS, parseLlamaLog } from './llama-log';
import { parseLmStudioLog } from './lmstudio-log';
import { parseNvidiaSmi } from './nvidia-smi';
import { parseOllamaLog } from './ollama-log';
import { parseOllamaPs } from './ollama-ps';
import { readRunOutput } from './read';
import { parseRocmSmi } from './rocm-smi';
import { parseVllmBench } from './vllm-bench';
import { parseVllmLog } from './vllm-log';

const dir = join(__dirname, '../../../tests/fixtures/measured');
const fixtures = readdirSync(dir)
  .filter((f) => f !== 'SOURCES.md')
  .map((f) => readFileSync(join(dir, f), 'utf8'));

const PARSERS: Array<(x: unknown) => { problems: string[] }> = [
  parseBatchedBench,
  parseFitParams,
  parseLlamaBench,
  parseLlamaLog,
  parseLmStudioLog,
  parseNvidiaSmi,
  parseOllamaLog,
  parseOllamaPs,
  parseRocmSmi,
  parseVllmBench,
  parseVllmLog,
];

/** Mulberry32: a small seeded generator so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [
  '|',
  ':',
  '=',
  '"',
  ' ',
  '\t',
  '\r',
  '\n',
  '-',
  '1e999',
  'NaN',
  'MiB',
  'GiB',
  '%',
  ',',
  '[',
  ']',
  '{',
  '}',
  '\u0000',
  'é',
  '日本',
];

function mutate(text: string, r: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(r() * 20);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.3) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 40));
    else if (op < 0.6) s = s.slice(0, at) + NOISE[Math.floor(r() * NOISE.length)]! + s.slice(at);
    else if (op < 0.8) s = s.slice(0, at);
    else s = s.slice(0, at) + s.slice(Math.floor(r() * s.length));
  }
  return s;
}

describe('parsers never throw', () => {
  it('on seeded mutations of every fixture', () => {
    const r = rng(18);
    for (const text of fixtures)
      for (let round = 0; round < 12; round++) {
        const input = mutate(text, r);
        for (const parse of PARSERS) expect(() => parse(input)).not.toThrow();
        expect(readRunOutput(input).recognised.length).toBeGreaterThan(0);
      }
  });

  it('on garbage, non-text and oversized input', () => {
    const r = rng(7);
    const garbage = Array.from({ length: 4000 }, () => String.fromCharCode(Math.floor(r() * 0xffff))).join('');
    const huge = 'x'.repeat(MAX_LOG_CHARS + 10);
    for (const parse of PARSERS) {
      for (const input of [garbage, '', undefined, null, 42, {}, ['a']]) expect(() => parse(input)).not.toThrow();
      expect(parse(42).problems).toContain('The input is not text.');
      expect(parse(huge).problems.some((p) => /Only the first/.test(p))).toBe(true);
    }
    expect(readRunOutput(garbage).kind).toBe('unknown');
  });
});
