// One entry point for "here is what my runtime printed": decides which tool wrote the text and returns
// that parser's result under a discriminated `kind`, with a one-line summary of what was recognised and
// what a complete output of that kind would also have carried. Detection looks for each format's own
// markers (table headers, log prefixes, section titles), most specific first, because several formats
// embed others: Ollama and LM Studio forward llama.cpp lines, llama-server logs contain fit-params lines.

import { parseBatchedBench, type BatchedBench } from './batched-bench';
import { parseFitParams, type FitParams } from './fit-params';
import { parseLlamaBench, type BenchResult } from './llama-bench';
import { parseLlamaLog, type LlamaLog } from './llama-log';
import { parseLmStudioLog, type LmStudioLog } from './lmstudio-log';
import { parseNvidiaSmi, type NvidiaSmi } from './nvidia-smi';
import { parseOllamaLog, type OllamaLog } from './ollama-log';
import { parseOllamaPs, type OllamaPs } from './ollama-ps';
import { parseRocmSmi, type RocmSmi } from './rocm-smi';
import { parseVllmBench, type VllmBench } from './vllm-bench';
import { parseVllmLog, type VllmLog } from './vllm-log';

export interface RunResults {
  'llama-log': LlamaLog;
  'llama-bench': BenchResult;
  'batched-bench': BatchedBench;
  'fit-params': FitParams;
  'vllm-log': VllmLog;
  'vllm-bench': VllmBench;
  'ollama-ps': OllamaPs;
  'ollama-log': OllamaLog;
  'lmstudio-log': LmStudioLog;
  'nvidia-smi': NvidiaSmi;
  'rocm-smi': RocmSmi;
}

export type RunKind = keyof RunResults;

export type RunReport =
  | { [K in RunKind]: { kind: K; result: RunResults[K]; recognised: string; problems: string[] } }[RunKind]
  | { kind: 'unknown'; recognised: string; problems: string[] };

export const RUN_KIND_LABELS: Record<RunKind | 'unknown', string> = {
  'llama-log': 'llama.cpp start-up log',
  'llama-bench': 'llama-bench results',
  'batched-bench': 'llama-batched-bench results',
  'fit-params': 'llama.cpp fit-params output',
  'vllm-log': 'vLLM start-up log',
  'vllm-bench': 'vLLM serving benchmark',
  'ollama-ps': '`ollama ps` table',
  'ollama-log': 'Ollama server log',
  'lmstudio-log': 'LM Studio log',
  'nvidia-smi': 'nvidia-smi output',
  'rocm-smi': 'rocm-smi output',
  unknown: 'Unrecognised text',
};

interface Candidate<K extends RunKind> {
  kind: K;
  /** A cheap test on the text that this format is present at all. */
  marker: RegExp;
  parse: (text: string) => RunResults[K];
  /** Whether the parse found enough to call the text this format. */
  accept: (r: RunResults[K], text: string) => boolean;
}

const candidate = <K extends RunKind>(c: Candidate<K>): Candidate<RunKind> => c as unknown as Candidate<RunKind>;

/** Most specific first: a benchmark table can follow a start-up log in the same paste; the table is the point. */
const CANDIDATES: ReadonlyArray<Candidate<RunKind>> = [
  candidate({
    kind: 'vllm-bench',
    marker: /Serving Benchmark Result|"mean_ttft_ms"/,
    parse: parseVllmBench,
    accept: (r) => r.format !== 'none',
  }),
  candidate({ kind: 'batched-bench', marker: /\|\s*PP\s*\|\s*TG\s*\|/, parse: parseBatchedBench, accept: (r) => r.rows.length > 0 }),
  candidate({ kind: 'llama-bench', marker: /\|\s*test\s*\|.*t\/s|avg_ts/, parse: parseLlamaBench, accept: (r) => r.rows.length > 0 }),
  candidate({
    kind: 'nvidia-smi',
    marker: /NVIDIA-SMI \d|^\|\s*Processes:|^\s*(?:pid|index)\s*,.*(?:used_memory|used_gpu_memory|memory\.used)/m,
    parse: parseNvidiaSmi,
    accept: (r) => r.format !== 'none',
  }),
  candidate({
    kind: 'rocm-smi',
    marker: /ROCm System Management Interface|VRAM Total (?:Used )?Memory \(B\)|KFD process information|GPU\[\d+\]\s*:\s*Unable to get/,
    parse: parseRocmSmi,
    accept: (r) => r.format !== 'none' || r.problems.some((p) => /^GPU \d+:|rocm-smi/.test(p)),
  }),
  candidate({ kind: 'ollama-ps', marker: /^\s*NAME\s+ID\s+SIZE\s+PROCESSOR/m, parse: parseOllamaPs, accept: (r) => r.rows.length > 0 }),
  candidate({
    kind: 'vllm-log',
    marker:
      /LLM engine \(v|vLLM API server version|non-default args:|Loading model weights took|Model loading took|model weights take|GPU KV cache size:|Available KV cache memory:|GiB for weights|# (?:GPU|CUDA) blocks:|Maximum concurrency for/,
    parse: parseVllmLog,
    accept: (r) => r.recognised.length > 0,
  }),
  candidate({
    kind: 'ollama-log',
    marker: /time=\S+ level=\w+ source=\S+\.go:\d+ msg=/,
    parse: parseOllamaLog,
    accept: (r) => r.recognised.length > 0,
  }),
  candidate({
    kind: 'lmstudio-log',
    marker: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \[(?:DEBUG|INFO|WARN|WARNING|ERROR)\]/m,
    parse: parseLmStudioLog,
    accept: (r) => r.entries > 0 && r.llama.recognised.length > 0,
  }),
  candidate({
    kind: 'fit-params',
    marker: /llama_params_fit|printing estimated memory in MiB/,
    parse: parseFitParams,
    // llama-server runs the fit before loading; a log that goes on to allocate buffers is a start-up log.
    accept: (r, text) => r.recognised.length > 0 && !/ buffer size =/.test(text),
  }),
  candidate({
    kind: 'llama-log',
    marker:
      /print_info|llm_load_print_meta|llama_context|llama_new_context_with_model|llama_init_from_model|buffer size|memory_breakdown_print/,
    parse: parseLlamaLog,
    accept: (r) => r.recognised.length > 0,
  }),
];

/** "vLLM start-up log: weights, KV cache size; no peak activation" — what was read and what was not. */
export function summaryOf(kind: RunKind | 'unknown', recognised: string[], missing: string[]): string {
  const label = RUN_KIND_LABELS[kind];
  const found = recognised.length > 0 ? recognised.join(', ') : 'nothing usable';
  return missing.length > 0 ? `${label}: ${found}; no ${missing.join(', no ')}` : `${label}: ${found}`;
}

function summarise(kind: RunKind, r: RunResults[RunKind]): string {
  // The two llama.cpp parsers predate the short-name lists: their recognised entries are whole sentences.
  if (kind === 'llama-log' || kind === 'llama-bench') return `${RUN_KIND_LABELS[kind]}: ${r.recognised.join(' ')}`;
  const notes = r as unknown as { recognised: string[]; missing: string[] };
  return summaryOf(kind, notes.recognised, notes.missing);
}

export function readRunOutput(text: string): RunReport {
  if (typeof text !== 'string' || text.trim() === '')
    return { kind: 'unknown', recognised: `${RUN_KIND_LABELS.unknown}: the text is empty.`, problems: ['The text is empty.'] };
  for (const c of CANDIDATES) {
    if (!c.marker.test(text)) continue;
    const result = c.parse(text);
    if (!c.accept(result, text)) continue;
    return { kind: c.kind, result, recognised: summarise(c.kind, result), problems: result.problems } as RunReport;
  }
  return {
    kind: 'unknown',
    recognised: `${RUN_KIND_LABELS.unknown}: no output of ${Object.values(RUN_KIND_LABELS).slice(0, -1).join(', ')} was recognised.`,
    problems: [
      'Paste a start-up log (llama-server, vLLM, Ollama, LM Studio), a benchmark table (llama-bench, llama-batched-bench, vLLM bench serve) or memory readings (nvidia-smi, rocm-smi, ollama ps) as the tool printed them.',
    ],
  };
}
