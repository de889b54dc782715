// Minimal RFC 4180 CSV reader for the reference tables (quoted fields, doubled quotes, newlines in quotes).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    if (row.some((f) => f !== '')) rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** tests/fixtures/reference: in-repo copies of the reference tables (their sources: SOURCES.md there). */
export function referenceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', 'fixtures', 'reference');
}

export function readReferenceCsv(file: string): Record<string, string>[] | null {
  const path = resolve(referenceDir(), file);
  if (!existsSync(path)) return null;
  return parseCsv(readFileSync(path, 'utf8'));
}
