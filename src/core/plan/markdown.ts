// Plan → GitHub-flavoured Markdown, in English or Japanese. Pure: same plan and locale, same bytes.

import { planDocument, type Block } from './document';
import type { PlanLocale } from './text';
import type { Plan } from './types';

/** Escapes characters that would start Markdown syntax inside running text. */
export function escapeInline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([*`[\]<>])/g, '\\$1')
    .replace(/(^|\s)_/g, '$1\\_')
    .replace(/_(\s|$)/g, '\\_$1')
    .replace(/\r?\n/g, ' ');
}

/** A table cell: inline-escaped, with pipes escaped so they never split the row. */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|');
}

function fence(content: string): string {
  // A fence longer than any backtick run inside keeps the code block closed where it should be.
  const longest = Math.max(0, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function table(b: Extract<Block, { type: 'table' }>): string {
  const width = b.headers.length;
  const row = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => escapeCell(cells[i] ?? '')).join(' | ')} |`;
  const sep = `|${b.headers.map((_, i) => (b.numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`;
  return [row(b.headers), sep, ...b.rows.map(row)].join('\n');
}

function block(b: Block): string | null {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeInline(b.text)}`;
    case 'paragraph':
      return escapeInline(b.text);
    case 'table':
      return table(b);
    case 'list':
      return b.items.map((i) => `- ${escapeInline(i)}`).join('\n');
    case 'checklist':
      return b.items.map((i) => `- [ ] ${escapeInline(i)}`).join('\n');
    case 'code': {
      const f = fence(b.content);
      const caption = b.caption ? `${escapeInline(b.caption)}:\n\n` : '';
      return `${caption}${f}${b.language}\n${b.content}\n${f}`;
    }
    case 'chart':
      return null;
  }
}

export function renderMarkdown(plan: Plan, locale: PlanLocale): string {
  return renderBlocks(planDocument(plan, locale).blocks);
}

/** Blocks of one section on their own (the CLI's set section after a plan it rendered itself). */
export function renderBlocks(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    const md = block(b);
    if (md !== null) parts.push(md);
  }
  return `${parts.join('\n\n')}\n`;
}
