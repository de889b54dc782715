// MLX peak memory against public mlx_lm measurements (tests/fixtures/mlx/measured.csv, sources in SOURCES.md):
// estimate() with the runtime 'mlx' for the measured prompt, generation and batch, compared with the printed
// peak (mx.get_peak_memory() / 1e9).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getModel } from '../../src/core/catalog';
import { defaultSettings, estimate } from '../../src/core/estimate';
import { parseCsv } from './csv';

export interface MlxCompared {
  id: string;
  model: string;
  quant: string;
  prompt: number;
  measured: number;
  planned: number;
  errorPct: number;
  url: string;
}

export function mlxRows(): Record<string, string>[] {
  return parseCsv(readFileSync(resolve(import.meta.dirname, '../fixtures/mlx/measured.csv'), 'utf8'));
}

function compare(r: Record<string, string>): MlxCompared {
  const model = getModel(r['catalog_model']!);
  if (!model) throw new Error(`row ${r['id']}: ${r['catalog_model']} is not in the catalog`);
  const prompt = Number(r['prompt_tokens']);
  const settings = {
    ...defaultSettings('mlx'),
    quant: r['quant']!,
    context: prompt + Number(r['generated_tokens']),
    prefillTokens: prompt,
    parallel: Number(r['batch']),
    mlx: { prefillStepSize: Number(r['prefill_step']) },
  };
  const planned = estimate({ spec: model.spec }, settings).totalBytes / 1e9;
  const measured = Number(r['peak_gb']);
  return {
    id: r['id']!,
    model: r['published_model']!,
    quant: r['quant']!,
    prompt,
    measured,
    planned,
    errorPct: (planned / measured - 1) * 100,
    url: r['url']!,
  };
}

/** The rows marked used, compared. */
export function compareMlx(): MlxCompared[] {
  return mlxRows()
    .filter((r) => r['used'] === 'yes')
    .map(compare);
}

export function medianAbsError(rows: MlxCompared[]): number {
  const abs = rows.map((c) => Math.abs(c.errorPct)).sort((a, b) => a - b);
  return abs.length ? abs[Math.floor(abs.length / 2)]! : 0;
}

/** A markdown section for docs/accuracy.md. */
export function mlxAccuracyMarkdown(): string[] {
  const rows = compareMlx();
  return [
    `${rows.length} published mlx_lm runs: median |error| ${medianAbsError(rows).toFixed(1)} % (sources: tests/fixtures/mlx/SOURCES.md).`,
    '',
    '| Run | Model | Quant | Prompt | Measured GB | Planned GB | Error |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (c) =>
        `| [${c.id}](${c.url}) | ${c.model} | ${c.quant} | ${c.prompt} | ${c.measured.toFixed(3)} | ${c.planned.toFixed(3)} | ${c.errorPct >= 0 ? '+' : ''}${c.errorPct.toFixed(1)} % |`,
    ),
    '',
  ];
}
