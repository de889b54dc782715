// The codebase stays readable in an afternoon: no source file over 400 lines and no function over 80
// lines, except parsers that mirror a file format line by line (listed below, with the reason).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
/** Parsers that follow a binary or text format field by field: splitting them would hide the format. */
const FORMAT_PARSERS = new Set(['src/core/model/gguf/parse.ts']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The TypeScript of a file: a Svelte component's <script> blocks, or the whole .ts file. */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').join('\n');
}

export function longFunctions(path: string, text: string, max = MAX_FUNCTION_LINES): string[] {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > max) {
        const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
        found.push(`${name} at line ${start + 1}: ${lines} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('code shape', () => {
  const files = sources(join(ROOT, 'src')).map((p) => relative(ROOT, p).split('\\').join('/'));

  it('has no source file over 400 lines', () => {
    const long = files
      .filter((f) => !FORMAT_PARSERS.has(f))
      .map((f) => ({ f, lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length }))
      .filter((x) => x.lines > MAX_FILE_LINES)
      .map((x) => `${x.f}: ${x.lines}`);
    expect(long).toEqual([]);
  });

  it('has no function over 80 lines', () => {
    const long = files
      .filter((f) => !FORMAT_PARSERS.has(f))
      .flatMap((f) => longFunctions(f, scriptOf(join(ROOT, f))).map((x) => `${f}: ${x}`));
    expect(long).toEqual([]);
  });

  it('the checker itself finds a long function', () => {
    const body = Array.from({ length: 90 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    expect(longFunctions('x.ts', `function big() {\n${body}\n}\n`)).toHaveLength(1);
  });
});
