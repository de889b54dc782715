// `vram-planner models [--search TEXT] [--json]`: browse the built-in model library.

import { parseArgs } from 'node:util';
import { MODEL_CATALOG, searchModels } from '../../core/catalog';
import type { CatalogModel } from '../../core/catalog';
import { formatParameterCount } from '../../core/units';
import { CliError, type CliCommand } from '../types';

const OPTIONS = { search: { type: 'string' }, json: { type: 'boolean' } } as const;

function parse(args: string[]): { search: string | undefined; json: boolean } {
  try {
    const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
    return { search: values.search, json: values.json ?? false };
  } catch (error) {
    // parseArgs messages are one sentence already ("Unknown option '--x'").
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export function modelRow(m: CatalogModel) {
  return {
    id: m.spec.id,
    name: m.spec.name,
    parameterCount: m.parameterCount,
    activeParameterCount: m.activeParameterCount,
    family: m.family,
    tags: m.tags,
    maxContext: m.spec.maxContext,
    license: m.license,
    released: m.released,
    hfRepo: m.hfRepo,
  };
}

/** Left-aligned text columns; numbers right-aligned. */
export function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function formatContext(tokens: number): string {
  return tokens >= 1024 && tokens % 1024 === 0 ? `${tokens / 1024}k` : String(tokens);
}

export const models: CliCommand = async (args, io) => {
  const { search, json } = parse(args);
  const list = search === undefined ? [...MODEL_CATALOG] : searchModels(search);
  if (json) {
    io.out(JSON.stringify(list.map(modelRow), null, 2));
    return 0;
  }
  if (list.length === 0) {
    io.err(`No model in the library matches "${search ?? ''}".`);
    return 1;
  }
  const rows = list.map((m) => [
    m.spec.id,
    m.spec.name,
    formatParameterCount(m.parameterCount),
    m.activeParameterCount !== m.parameterCount ? formatParameterCount(m.activeParameterCount) : '',
    formatContext(m.spec.maxContext),
    m.family,
    m.tags.join(','),
  ]);
  io.out(table(['ID', 'NAME', 'PARAMS', 'ACTIVE', 'CONTEXT', 'FAMILY', 'TAGS'], rows, new Set([2, 3, 4])));
  io.out(`\n${list.length} model${list.length === 1 ? '' : 's'}.`);
  return 0;
};
