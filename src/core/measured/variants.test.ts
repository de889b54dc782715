// The same real output, as users paste it from elsewhere, must read the same: Windows line ends (a
// Japanese Windows console), unrelated warning lines between the ones that matter, and a tool's table
// with a warning printed before and after it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatchedBench } from './batched-bench';
import { parseFitParams } from './fit-params';
import { parseLmStudioLog } from './lmstudio-log';
import { parseNvidiaSmi } from './nvidia-smi';
import { parseOllamaLog } from './ollama-log';
import { parseOllamaPs } from './ollama-ps';
import { parseRocmSmi } from './rocm-smi';
import { parseVllmBench } from './vllm-bench';
import { parseVllmLog } from './vllm-log';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');

const WARNINGS = [
  'WARNING: 警告: CUDA_VISIBLE_DEVICES が設定されていません',
  '/usr/lib/python3/dist-packages/torch/cuda/__init__.py:128: UserWarning: CUDA initialization: unexpected error',
  'Failed to initialize NVML: Unknown Error',
];

/** Every line with CRLF, and a warning after every third line ('lines') or only around the text ('around'). */
function variant(text: string, mode: 'lines' | 'around'): string {
  const lines = text.split('\n');
  const out =
    mode === 'around'
      ? [WARNINGS[0]!, ...lines, WARNINGS[1]!]
      : lines.flatMap((l, i) => (i % 3 === 2 ? [l, WARNINGS[i % WARNINGS.length]!] : [l]));
  return out.join('\r\n');
}

type Parse = (x: unknown) => { problems: string[] };

const CASES: Array<[string, Parse, 'lines' | 'around']> = [
  ['vllm-14447-four-workers.log', parseVllmLog, 'lines'],
  ['vllm-24162-v1-tp2-truncated.log', parseVllmLog, 'lines'],
  ['vllm-bench-tt-2119.txt', parseVllmBench, 'around'],
  ['ollama-9181-four-gpu-offload.log', parseOllamaLog, 'lines'],
  ['ollama-11090-new-engine-two-gpu.log', parseOllamaLog, 'lines'],
  ['ollama-python-490-ps.txt', parseOllamaPs, 'around'],
  ['lmstudio-1360-partial-offload.log', parseLmStudioLog, 'lines'],
  ['nvidia-smi-club3090-96-two-gpu-truncated.txt', parseNvidiaSmi, 'lines'],
  ['nvidia-smi-ollama-11676-processes.txt', parseNvidiaSmi, 'lines'],
  ['rocm-smi-60-showpids.txt', parseRocmSmi, 'lines'],
  ['rocm-smi-1909-meminfo.txt', parseRocmSmi, 'lines'],
  ['llama-batched-bench-16894.md', parseBatchedBench, 'around'],
  ['llama-fit-params-16653-two-gpu.log', parseFitParams, 'lines'],
];

describe('pasted variants read the same as the original', () => {
  it.each(CASES)('%s', (name, parse, mode) => {
    const clean = parse(fixture(name));
    const pasted = parse(variant(fixture(name), mode));
    expect(pasted).toEqual(clean);
  });

  it('reads an Ollama journal with a Japanese month prefix (ollama issue 9704 style)', () => {
    const line = fixture('ollama-8098-parallel.log').split('\n')[0]!;
    const log = parseOllamaLog(`3月 13 09:03:54 oldpc ollama[1141]: ${line}\r\n`);
    expect(log.estimate?.layersOffload).toBe(29);
  });
});
