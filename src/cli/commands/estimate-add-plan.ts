// The plan's section for several models on one machine (Markdown, English or Japanese): every model with
// its role, settings, memory and verdict, the per-device sums, the order used and what to shrink first.

import { translate, type Locale } from '../../core/i18n/index';
import { formatGiB } from '../../core/units';
import type { SetResultJson } from './estimate-add';
import { launchMarkdown } from './estimate-add-launch';

function verdictText(lang: Locale, v: string): string {
  return translate(lang, `plan.verdict.${v}` as Parameters<typeof translate>[1]);
}

export function setMarkdown(r: SetResultJson, lang: Locale): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>): string => translate(lang, key, params);
  const lines: string[] = [`## ${t('multi.section.title')}`, ''];
  lines.push(
    t('multi.section.summary', { count: r.models.length, verdict: verdictText(lang, r.verdict), total: formatGiB(r.bytes.total) }),
    '',
  );
  lines.push(t('multi.table.header'), '|---|---|---|---|---|---|');
  for (const m of r.models) {
    const role = t(`multi.role.${m.role}` as Parameters<typeof translate>[1]);
    lines.push(
      `| ${m.id} | ${role} | ${m.quant} | ${m.ctx} × ${m.parallel} | ${formatGiB(m.bytes.total)} | ${verdictText(lang, m.verdict)} |`,
    );
  }
  lines.push('');
  for (const d of r.devices) {
    const parts = d.models.filter((p) => p.bytes > 0).map((p) => `${p.id} ${formatGiB(p.bytes)}`);
    lines.push(
      `- ${t('multi.device.line', { device: d.name, used: formatGiB(d.usedBytes), capacity: formatGiB(d.capacityBytes), parts: parts.join(' + ') || '—' })}`,
    );
  }
  lines.push('', t('multi.order'));
  if (r.shrink.length > 0) {
    lines.push('', t('multi.shrink.title'), '');
    for (const s of r.shrink) {
      lines.push(
        `- ${t('multi.shrink.step', { mark: s.fits ? '✓' : '·', detail: s.detail, verdict: verdictText(lang, s.verdict), total: formatGiB(s.totalBytes) })}`,
      );
    }
  }
  if (r.recipes.length > 0) {
    lines.push('', t('multi.recipes.title'), '', '```sh');
    for (const c of r.recipes) lines.push(c.command);
    lines.push('```');
  }
  for (const l of launchMarkdown(r, lang)) lines.push(l);
  if (r.draft) {
    const lo = r.draft.points[0]!;
    const hi = r.draft.points.at(-1)!;
    lines.push(
      '',
      t('multi.draft.range', { low: lo.speedup.toFixed(2), lowRate: lo.acceptance, high: hi.speedup.toFixed(2), highRate: hi.acceptance }),
    );
  }
  return `${lines.join('\n')}\n`;
}
