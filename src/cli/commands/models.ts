// `vram-planner models [--search TEXT] [--role chat|embedding|reranker] [--json]`: browse the built-in model library.

import { parseArgs } from 'node:util';
import { MODEL_CATALOG, searchModels } from '../../core/catalog';
import type { CatalogModel } from '../../core/catalog';
import { formatParameterCount } from '../../core/units';
import { CliError, type CliCommand } from '../types';

const OPTIONS = { search: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } } as const;

/** 'chat' is every model without a retrieval role (chat, base and code models alike). */
const ROLES = ['chat', 'embedding', 'reranker'] as const;
type RoleFilter = (typeof ROLES)[number];

function parse(args: string[]): { search: string | undefined; role: RoleFilter | undefined; json: boolean } {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    // parseArgs messages are one sentence already ("Unknown option '--x'").
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const role = values.role;
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) {
    throw new CliError(`--role must be one of ${ROLES.join(', ')}, not "${role}".`);
  }
  return { search: values.search, role: role as RoleFilter | undefined, json: values.json ?? false };
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
    role: m.role ?? 'chat',
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
  const { search, role, json } = parse(args);
  const found = search === undefined ? [...MODEL_CATALOG] : searchModels(search);
  const list = role === undefined ? found : found.filter((m) => (m.role ?? 'chat') === role);
  if (json) {
    io.out(JSON.stringify(list.map(modelRow), null, 2));
    return 0;
  }
  if (list.length === 0) {
    io.err(`No model in the library matches "${search ?? ''}"${role ? ` with role ${role}` : ''}.`);
    return 1;
  }
  const rows = list.map((m) => [
    m.spec.id,
    m.spec.name,
    formatParameterCount(m.parameterCount),
    m.activeParameterCount !== m.parameterCount ? formatParameterCount(m.activeParameterCount) : '',
    formatContext(m.spec.maxContext),
    m.family,
    [...(m.role ? [m.role] : []), ...m.tags].join(','),
  ]);
  io.out(table(['ID', 'NAME', 'PARAMS', 'ACTIVE', 'CONTEXT', 'FAMILY', 'TAGS'], rows, new Set([2, 3, 4])));
  io.out(`\n${list.length} model${list.length === 1 ? '' : 's'}.`);
  return 0;
};
