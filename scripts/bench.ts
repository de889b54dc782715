// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints one table.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from '../bench/types';

const dir = resolve(import.meta.dirname, '../bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: Array<BenchRow & { suite: string }> = [];
let failedSuites = 0;
for (const file of files) {
  const suite = file.replace('.bench.ts', '');
  process.stderr.write(`running ${suite}…\n`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
    for (const row of await mod.default()) rows.push({ ...row, suite });
  } catch (error) {
    failedSuites += 1;
    rows.push({ suite, metric: `(suite failed: ${(error as Error).message})`, value: NaN, unit: '' });
  }
}

const fmt = (v: number) => (Number.isNaN(v) ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
const header = ['suite', 'metric', 'value', 'unit', 'target', 'ok'];
const table = rows.map((r) => [r.suite, r.metric, fmt(r.value), r.unit, r.target ?? '', r.ok === undefined ? '' : r.ok ? '✓' : '✗']);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table) console.log(line(r));
const misses = rows.filter((r) => r.ok === false).length;
console.log(`\n${rows.length} figures, ${misses} over target, ${failedSuites} suites failed`);
process.exitCode = failedSuites > 0 ? 1 : 0;
