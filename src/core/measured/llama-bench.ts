// Reads llama-bench results in its three printed forms: the Markdown table (default, `-o md`), CSV
// (`-o csv`) and JSON / JSONL (`-o json`, `-o jsonl`). Column and field names follow
// tools/llama-bench/llama-bench.cpp: the table shows model | size | params | backend | ngl | test | t/s,
// the machine forms carry model_type, backends, n_gpu_layers, n_prompt, n_gen, avg_ts and stddev_ts.
// Pure and total: any text gives a result with what was recognised and what was not.

import { MAX_LOG_CHARS } from './llama-log';

export interface BenchRow {
  model: string;
  backend: string;
  /** Layers on the GPU (-ngl) when the output carries it. */
  gpuLayers: number | null;
  /** "pp512", "tg128", "pp512+tg128" as llama-bench names the test. */
  test: string;
  kind: 'prefill' | 'decode' | 'mixed';
  promptTokens: number;
  generatedTokens: number;
  /** Tokens already in the cache when the test ran (llama-bench -d, shown as "pp512 @ d4096"). */
  depth: number;
  tokensPerSecond: number;
  stddev: number | null;
}

export interface BenchResult {
  kind: 'llama-bench';
  format: 'markdown' | 'csv' | 'json' | 'none';
  rows: BenchRow[];
  recognised: string[];
  problems: string[];
}

function testOf(prompt: number, gen: number, depth = 0): Pick<BenchRow, 'test' | 'kind' | 'promptTokens' | 'generatedTokens' | 'depth'> {
  const at = depth > 0 ? ` @ d${depth}` : '';
  if (prompt > 0 && gen > 0) return { test: `pp${prompt}+tg${gen}${at}`, kind: 'mixed', promptTokens: prompt, generatedTokens: gen, depth };
  if (gen > 0) return { test: `tg${gen}${at}`, kind: 'decode', promptTokens: 0, generatedTokens: gen, depth };
  return { test: `pp${prompt}${at}`, kind: 'prefill', promptTokens: prompt, generatedTokens: 0, depth };
}

/** "pp512", "tg128", "pp512+tg128", "pp4096 @ d8192". */
function testFromName(name: string): ReturnType<typeof testOf> | null {
  const m = /^(?:pp(\d+))?(?:\+?tg(\d+))?(?:\s*@\s*d(\d+))?$/.exec(name.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const r = testOf(Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3] ?? 0));
  return { ...r, test: name.trim() };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

function rowFromRecord(rec: Record<string, unknown>): BenchRow | null {
  const tps = num(rec.avg_ts);
  const prompt = num(rec.n_prompt);
  const gen = num(rec.n_gen);
  if (!Number.isFinite(tps) || !Number.isFinite(prompt) || !Number.isFinite(gen) || tps < 0) return null;
  const ngl = num(rec.n_gpu_layers);
  const sd = num(rec.stddev_ts);
  return {
    model: String(rec.model_type ?? rec.model_filename ?? '?'),
    backend: String(rec.backends ?? rec.backend ?? '?'),
    gpuLayers: Number.isFinite(ngl) ? ngl : null,
    ...testOf(prompt, gen, Number.isFinite(num(rec.n_depth)) ? num(rec.n_depth) : 0),
    tokensPerSecond: tps,
    stddev: Number.isFinite(sd) ? sd : null,
  };
}

function parseJson(text: string): Record<string, unknown>[] | null {
  const t = text.trim();
  if (!t.startsWith('[') && !t.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(t);
    const arr = Array.isArray(v) ? v : [v];
    return arr.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  } catch {
    // JSONL: one object a line.
    const out: Record<string, unknown>[] = [];
    for (const line of t.split(/\r?\n/)) {
      try {
        const v: unknown = JSON.parse(line);
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push(v as Record<string, unknown>);
      } catch {
        /* not a JSON line */
      }
    }
    return out.length > 0 ? out : null;
  }
}

/** CSV as llama-bench writes it: every field double-quoted, commas between. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) && m[0] !== '') {
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? '').trim());
    if (re.lastIndex >= line.length) break;
  }
  return out;
}

function parseCsv(lines: string[]): Record<string, unknown>[] | null {
  const at = lines.findIndex((l) => /(^|,)"?avg_ts"?(,|$)/.test(l) && /(^|,)"?n_prompt"?(,|$)/.test(l));
  if (at < 0) return null;
  const head = splitCsv(lines[at]!);
  return lines.slice(at + 1).map((l) => Object.fromEntries(splitCsv(l).map((v, i) => [head[i] ?? `#${i}`, v])));
}

function parseMarkdown(lines: string[], problems: string[]): BenchRow[] | null {
  const at = lines.findIndex((l) => /^\s*\|.*\btest\b.*\|.*t\/s/.test(l));
  if (at < 0) return null;
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
  const head = cells(lines[at]!);
  const col = (name: string) => head.indexOf(name);
  const rows: BenchRow[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.trim().startsWith('|')) break;
    const c = cells(line);
    if (c.every((x) => /^[-:\s]*$/.test(x))) continue;
    const t = testFromName(c[col('test')] ?? '');
    const tps = /^([\d.]+)(?:\s*±\s*([\d.]+))?/.exec(c[col('t/s')] ?? '');
    if (!t || !tps) {
      problems.push(`A table row was not understood: "${line.trim().slice(0, 120)}".`);
      continue;
    }
    const ngl = col('ngl') >= 0 ? Number(c[col('ngl')]) : NaN;
    rows.push({
      model: c[col('model')] ?? '?',
      backend: c[col('backend')] ?? '?',
      gpuLayers: Number.isFinite(ngl) ? ngl : null,
      ...t,
      tokensPerSecond: Number(tps[1]),
      stddev: tps[2] !== undefined ? Number(tps[2]) : null,
    });
  }
  return rows;
}

export function parseLlamaBench(input: unknown): BenchResult {
  const res: BenchResult = { kind: 'llama-bench', format: 'none', rows: [], recognised: [], problems: [] };
  if (typeof input !== 'string') {
    res.problems.push('The input is not text.');
    return res;
  }
  const text = input.length > MAX_LOG_CHARS ? input.slice(0, MAX_LOG_CHARS) : input;
  if (text !== input) res.problems.push(`Only the first ${MAX_LOG_CHARS / (1024 * 1024)} MiB of the text were read.`);
  const lines = text.split(/\r\n|\r|\n/);
  const json = parseJson(text);
  const csv = json ? null : parseCsv(lines);
  if (json || csv) {
    res.format = json ? 'json' : 'csv';
    for (const rec of json ?? csv ?? []) {
      const row = rowFromRecord(rec);
      if (row) res.rows.push(row);
      else if (Object.keys(rec).length > 1) res.problems.push('A result without avg_ts, n_prompt and n_gen was skipped.');
    }
  } else {
    const md = parseMarkdown(lines, res.problems);
    if (md) {
      res.format = 'markdown';
      res.rows = md;
    }
  }
  if (res.format === 'none') res.problems.push('No llama-bench table, CSV or JSON was recognised.');
  else if (res.rows.length === 0) res.problems.push(`A llama-bench ${res.format} header was found but no result rows.`);
  else
    res.recognised.push(
      `${res.rows.length} llama-bench result(s) (${res.format}): ${[...new Set(res.rows.map((r) => r.test))].join(', ')}.`,
    );
  return res;
}
