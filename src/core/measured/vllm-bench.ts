// Reads the result block of vLLM's serving benchmark (benchmarks/benchmark_serving.py, `vllm bench serve`;
// SGLang's bench_serving prints the same layout): "============ Serving Benchmark Result ============"
// then "Name (unit):   value" lines, with section rules for TTFT, TPOT, ITL and E2E latency. The JSON
// written by --save-result (mean_ttft_ms, output_throughput...) is read too. Pure and total.

import { emptyNotes, linesOf, readNumber, type ParseNotes } from './text';

export interface LatencyStats {
  mean?: number;
  median?: number;
  p99?: number;
}

export interface VllmBench extends ParseNotes {
  kind: 'vllm-bench';
  format: 'text' | 'json' | 'none';
  backend?: string;
  successfulRequests?: number;
  failedRequests?: number;
  /** --max-concurrency as the benchmark printed it; null when it printed "not set" / None. */
  maxConcurrency?: number | null;
  /** SGLang's measured average of requests in flight. */
  measuredConcurrency?: number;
  requestRate?: number | null;
  durationSeconds?: number;
  inputTokens?: number;
  outputTokens?: number;
  requestThroughput?: number;
  outputTokensPerSecond?: number;
  inputTokensPerSecond?: number;
  totalTokensPerSecond?: number;
  /** Milliseconds. */
  ttft: LatencyStats;
  tpot: LatencyStats;
  itl: LatencyStats;
  e2el: LatencyStats;
}

type Scalar = Exclude<keyof VllmBench, keyof ParseNotes | 'kind' | 'format' | 'backend' | 'ttft' | 'tpot' | 'itl' | 'e2el'>;

const TEXT_FIELDS: ReadonlyArray<[RegExp, Scalar]> = [
  [/^Successful requests$/i, 'successfulRequests'],
  [/^Failed requests$/i, 'failedRequests'],
  [/^Max(?:imum)? request concurrency$/i, 'maxConcurrency'],
  [/^Concurrency$/i, 'measuredConcurrency'],
  [/^Traffic request rate$/i, 'requestRate'],
  [/^Benchmark duration \(s\)$/i, 'durationSeconds'],
  [/^Total input tokens$/i, 'inputTokens'],
  [/^Total generated tokens$/i, 'outputTokens'],
  [/^Request throughput \(req\/s\)$/i, 'requestThroughput'],
  [/^Output token throughput \(tok\/s\)$/i, 'outputTokensPerSecond'],
  [/^Input token throughput \(tok\/s\)$/i, 'inputTokensPerSecond'],
  [/^Total token throughput \(tok\/s\)$/i, 'totalTokensPerSecond'],
];

const JSON_FIELDS: Record<string, Scalar> = {
  completed: 'successfulRequests',
  failed: 'failedRequests',
  max_concurrency: 'maxConcurrency',
  concurrency: 'measuredConcurrency',
  request_rate: 'requestRate',
  duration: 'durationSeconds',
  total_input_tokens: 'inputTokens',
  total_output_tokens: 'outputTokens',
  request_throughput: 'requestThroughput',
  output_throughput: 'outputTokensPerSecond',
  input_throughput: 'inputTokensPerSecond',
  total_token_throughput: 'totalTokensPerSecond',
};

const STAT = /^(Mean|Median|P99)\s+(TTFT|TPOT|ITL|E2EL|E2E Latency)\s+\(ms\)$/i;

function setStat(b: VllmBench, which: string, metric: string, value: number): void {
  const m = metric.toLowerCase().startsWith('e2e') ? 'e2el' : (metric.toLowerCase() as 'ttft' | 'tpot' | 'itl');
  const w = which.toLowerCase() as 'mean' | 'median' | 'p99';
  b[m][w] = value;
}

function readText(b: VllmBench, lines: string[]): number {
  const at = lines.findIndex((l) => /Serving Benchmark Result/i.test(l));
  if (at < 0) return 0;
  let used = 0;
  for (const line of lines.slice(at + 1)) {
    if (/^\s*=+\s*$/.test(line)) break;
    const m = /^\s*([A-Za-z][^:]*?):\s+(\S.*?)\s*$/.exec(line);
    if (!m) continue;
    const [key, raw] = [m[1]!.trim(), m[2]!];
    if (/^Backend$/i.test(key)) {
      b.backend = raw;
      used++;
      continue;
    }
    const value = /^(?:not set|None|inf)$/i.test(raw) ? (/^inf$/i.test(raw) ? Infinity : null) : readNumber(raw);
    const stat = STAT.exec(key);
    if (stat && typeof value === 'number' && Number.isFinite(value)) {
      setStat(b, stat[1]!, stat[2]!, value);
      used++;
      continue;
    }
    const field = TEXT_FIELDS.find(([re]) => re.test(key));
    if (field && (value === null || !Number.isNaN(value))) {
      (b as unknown as Record<string, number | null>)[field[1]] = value;
      used++;
    }
  }
  return used;
}

function readJson(b: VllmBench, text: string): number {
  let v: unknown;
  try {
    // Python's json writes Infinity and NaN (request_rate=inf); JSON.parse reads 1e999 as Infinity.
    v = JSON.parse(
      text
        .trim()
        .replace(/:\s*(-?)Infinity\b/g, (_m, sign: string) => `: ${sign}1e999`)
        .replace(/:\s*NaN\b/g, ': null'),
    );
  } catch {
    return 0;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 0;
  const rec = v as Record<string, unknown>;
  if (!('mean_ttft_ms' in rec) && !('output_throughput' in rec)) return 0;
  let used = 0;
  for (const [k, field] of Object.entries(JSON_FIELDS)) {
    const x = rec[k];
    if (typeof x === 'number' || x === null) {
      (b as unknown as Record<string, number | null>)[field] = x;
      used++;
    }
  }
  if (typeof rec.backend === 'string') b.backend = rec.backend;
  for (const metric of ['ttft', 'tpot', 'itl', 'e2el'])
    for (const which of ['mean', 'median', 'p99']) {
      const x = rec[`${which}_${metric}_ms`];
      if (typeof x === 'number' && Number.isFinite(x)) {
        setStat(b, which, metric, x);
        used++;
      }
    }
  return used;
}

export function parseVllmBench(input: unknown): VllmBench {
  const b: VllmBench = { kind: 'vllm-bench', format: 'none', ttft: {}, tpot: {}, itl: {}, e2el: {}, ...emptyNotes() };
  const lines = linesOf(input, b.problems);
  if (!lines) return b;
  const text = lines.join('\n');
  if (/^\s*\{/.test(text) && readJson(b, text) > 0) b.format = 'json';
  else if (readText(b, lines) > 0) b.format = 'text';
  else {
    b.problems.push('No "Serving Benchmark Result" block or benchmark result JSON was recognised.');
    return b;
  }
  const has = (ok: boolean, name: string) => (ok ? b.recognised : b.missing).push(name);
  has(b.successfulRequests !== undefined, 'requests');
  has(b.outputTokensPerSecond !== undefined, 'output throughput');
  has(b.ttft.mean !== undefined, 'TTFT');
  has(b.tpot.mean !== undefined, 'TPOT');
  has(b.itl.mean !== undefined, 'ITL');
  has(b.maxConcurrency !== undefined || b.measuredConcurrency !== undefined, 'concurrency');
  return b;
}
