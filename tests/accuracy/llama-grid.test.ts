// Real llama.cpp against estimate(): weights and KV must match to the byte (KV at the log's precision),
// compute within 10 % or 64 MiB. Skips with a message when the harness is not installed.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeHarness, HARNESS_INSTALL_HINT, isHarnessInstalled } from './llama-harness';
import { runLlamaGrid, tableRows, type GridReport, type GridRow } from './llama-grid-report';

const installed = isHarnessInstalled();
if (!installed) console.warn(`[accuracy] skipped: ${HARNESS_INSTALL_HINT}`);

function describeFailures(rows: GridRow[], pick: (r: GridRow) => string): string {
  return rows.length === 0
    ? ''
    : `\n${rows.slice(0, 20).map(pick).join('\n')}${rows.length > 20 ? `\n... and ${rows.length - 20} more` : ''}`;
}

describe.skipIf(!installed)('llama.cpp grid (real allocator, CPU backend)', () => {
  let report: GridReport;

  beforeAll(async () => {
    report = await runLlamaGrid();
    const out = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'llama-grid.json');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify({ summary: report.summary, seconds: report.seconds, rows: report.rows }, null, 2));
    console.table(tableRows(report.rows));
    console.log(`[accuracy] ${report.summary.cases} cases in ${report.seconds.toFixed(1)} s:`, report.summary);
  });

  afterAll(async () => {
    await disposeHarness();
  });

  it('runs every case without errors', () => {
    const bad = report.rows.filter((r) => !r.ok);
    expect(bad.length, `cases with errors:${describeFailures(bad, (r) => `${r.case}: ${r.error ?? ''}`)}`).toBe(0);
    expect(report.rows.length).toBeGreaterThanOrEqual(80);
  });

  it('weights match llama_model_size() to the byte', () => {
    const bad = report.rows.filter((r) => r.ok && !r.weights.pass);
    expect(
      bad.length,
      `weights off:${describeFailures(bad, (r) => `${r.case}: llama.cpp ${r.weights.measured} B, estimate ${r.weights.estimated} B (${r.weights.diff} B)`)}`,
    ).toBe(0);
  });

  it('the GGUF import counts the same parameters as llama.cpp', () => {
    const bad = report.rows.filter((r) => r.ok && r.parameters.measured !== r.parameters.imported);
    expect(
      bad.length,
      `parameter counts differ:${describeFailures(bad, (r) => `${r.case}: llama.cpp ${r.parameters.measured}, import ${r.parameters.imported}`)}`,
    ).toBe(0);
  });

  it('KV cache matches the logged KV buffers', () => {
    const bad = report.rows.filter((r) => r.ok && !r.kv.pass);
    expect(
      bad.length,
      `KV off:${describeFailures(bad, (r) => `${r.case}: llama.cpp ${r.kv.measured} B (cells ${r.kv.cellsMeasured.join('+')}), estimate ${r.kv.estimated} B (cells ${r.kv.cellsEstimated}), diff ${r.kv.diff} B`)}`,
    ).toBe(0);
  });

  it('compute buffer is within 10 % or 64 MiB', () => {
    const bad = report.rows.filter((r) => r.ok && !r.compute.pass);
    expect(
      bad.length,
      `compute off:${describeFailures(bad, (r) => `${r.case}: llama.cpp ${r.compute.measured} B, estimate ${r.compute.estimated} B (${(r.compute.relative * 100).toFixed(1)} %)`)}`,
    ).toBe(0);
  });
});
