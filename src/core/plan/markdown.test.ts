import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePlan, loadPlanInput, PLAN_FIXTURES_DIR, PLAN_SCENARIOS } from '../../../tests/fixtures/plan/fixtures';
import { buildPlan } from './build';
import { escapeCell, renderMarkdown } from './markdown';

/** Splits a GFM table row on pipes that are not escaped, dropping the outer empty cells. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      cur += ch + line[i + 1];
      i++;
    } else if (ch === '|') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.slice(1, -1).map((c) => c.trim());
}

interface Table {
  header: string[];
  rows: string[][];
  line: number;
}

/** Finds every GFM table (a pipe row followed by a delimiter row), outside code fences. */
function tables(md: string): Table[] {
  const lines = md.split('\n');
  const found: Table[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^`{3,}/.test(lines[i]!)) inFence = !inFence;
    if (inFence) continue;
    if (lines[i]!.startsWith('|') && /^\|(\s*:?-{3,}:?\s*\|)+$/.test(lines[i + 1] ?? '')) {
      const header = cells(lines[i]!);
      const rows: string[][] = [];
      let j = i + 2;
      for (; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(cells(lines[j]!));
      found.push({ header, rows, line: i + 1 });
      expect(cells(lines[i + 1]!).length, `delimiter row at line ${i + 2}`).toBe(header.length);
      i = j;
    }
  }
  return found;
}

describe('renderMarkdown', () => {
  for (const name of PLAN_SCENARIOS) {
    for (const locale of ['en', 'ja'] as const) {
      it(`matches the golden file for ${name} (${locale})`, () => {
        const md = renderMarkdown(fixturePlan(name), locale);
        const file = join(PLAN_FIXTURES_DIR, `${name}.${locale}.md`);
        if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) writeFileSync(file, md);
        expect(md).toBe(readFileSync(file, 'utf8'));
      });

      it(`writes valid GFM tables for ${name} (${locale})`, () => {
        const md = renderMarkdown(fixturePlan(name), locale);
        const found = tables(md);
        expect(found.length).toBeGreaterThanOrEqual(5);
        for (const t of found) {
          for (const r of t.rows) expect(r.length, `row of the table at line ${t.line}: ${r.join(' | ')}`).toBe(t.header.length);
        }
      });
    }
  }

  it('escapes pipes and Markdown syntax inside cells so rows keep their column count', () => {
    const input = loadPlanInput('llama8b-4090');
    input.model.name = 'Evil | model *bold* [link](x) <b>';
    input.hardware.label = 'GPU | with pipe';
    input.hardware.devices[0]!.name = 'Card|A';
    const md = renderMarkdown(buildPlan(input), 'en');
    for (const t of tables(md)) for (const r of t.rows) expect(r.length).toBe(t.header.length);
    expect(md).toContain('Evil \\| model \\*bold\\* \\[link\\](x) \\<b\\>');
    expect(md).not.toMatch(/[^\\]\*bold/);
    expect(escapeCell('a|b\\|c')).toBe('a\\|b\\\\\\|c');
  });

  it('is pure: the same plan renders the same bytes, and the languages differ', () => {
    const plan = fixturePlan('llama70b-2x4090');
    const before = JSON.stringify(plan);
    expect(renderMarkdown(plan, 'en')).toBe(renderMarkdown(plan, 'en'));
    expect(renderMarkdown(plan, 'ja')).not.toBe(renderMarkdown(plan, 'en'));
    expect(JSON.stringify(plan)).toBe(before);
  });

  it('labels every size with GiB or GB, never a bare G', () => {
    for (const name of PLAN_SCENARIOS) {
      for (const locale of ['en', 'ja'] as const) {
        const md = renderMarkdown(fixturePlan(name), locale);
        // A number followed by a lone "G" / "GB/s" is fine only as GiB, GB or GB/s.
        expect(md).not.toMatch(/\d\s?G(?![iB])/);
        expect(md).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('uses only characters the bundled Noto Sans JP subsets cover (no system fallback in the PDF)', () => {
    // Latin-1, general punctuation, minus, CJK symbols/kana, unified ideographs, full-width forms:
    // checked in Chromium with pdffonts; arrows, stars and ≤ fall back to system fonts.
    const covered = /^[\t\n\u0020-\u007e\u00a0-\u00ff\u2010-\u201f\u2026\u2212\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]*$/;
    for (const name of PLAN_SCENARIOS) {
      for (const locale of ['en', 'ja'] as const) {
        const md = renderMarkdown(fixturePlan(name), locale);
        const bad = [...new Set([...md].filter((ch) => !covered.test(ch)))];
        expect(bad, `${name} ${locale}`).toEqual([]);
      }
    }
  });

  it('shows the article formula in decimal GB beside the detailed estimate', () => {
    const plan = fixturePlan('llama70b-4090-offload');
    const md = renderMarkdown(plan, 'en');
    const gb = (plan.seedFormula.bytes / 1e9).toFixed(1);
    expect(md).toContain(
      `M = P × (Q/8) × 1.2 = ${(plan.seedFormula.parameters / 1e9).toFixed(2)}B × (${plan.seedFormula.bits}/8) × 1.2 = ${gb} GB`,
    );
    expect(md).toContain(
      `Detailed estimate: ${(plan.components.total / 2 ** 30).toFixed(2)} GiB = ${(plan.components.total / 1e9).toFixed(1)} GB`,
    );
  });
});
