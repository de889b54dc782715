// The IPC-facing exporter: adapts exportPlan (dialog → render → atomic write → remember folder) to the
// contract's results, and copies Markdown to the clipboard. The page only ever sends the Plan.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { renderMarkdown } from '../../core/plan';
import type { Plan } from '../../core/plan/types';
import type { PageSize, PlanLocale, SavedFile } from '../../shared/ipc-contract';
import { exportPlan, type ExportDeps, type ExportKind } from './export';
import type { SettingsStore } from './settings';

export interface PlanExporter {
  saveMarkdown(plan: Plan, locale: PlanLocale): Promise<SavedFile | null>;
  savePdf(plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }): Promise<SavedFile | null>;
  copyMarkdown(plan: Plan, locale: PlanLocale): Promise<{ characters: number }>;
}

export interface PlanExporterDeps {
  chooseSavePath: ExportDeps['chooseSavePath'];
  renderPdf: ExportDeps['renderPdf'];
  /** Electron 45's clipboard.writeText returns a promise: awaited, so a failure reaches the user. */
  writeClipboard(text: string): void | Promise<void>;
  settings: Pick<SettingsStore, 'lastExportFolder' | 'saveLastExportFolder'>;
  defaultFolder: string;
}

export function createPlanExporter(deps: PlanExporterDeps): PlanExporter {
  const exportDeps: ExportDeps = {
    chooseSavePath: deps.chooseSavePath,
    renderPdf: deps.renderPdf,
    lastFolder: { get: () => deps.settings.lastExportFolder(), set: (f) => deps.settings.saveLastExportFolder(f) },
    defaultFolder: deps.defaultFolder,
  };
  async function save(kind: ExportKind, plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }): Promise<SavedFile | null> {
    const saved = await exportPlan(kind, plan, opts, exportDeps);
    if (!saved) return null;
    const info = await stat(saved.path);
    return { fileName: basename(saved.path), bytes: info.size };
  }
  return {
    // Markdown has no page size; the print defaults only matter for the PDF.
    saveMarkdown: (plan, locale) => save('markdown', plan, { locale, pageSize: 'A4' }),
    savePdf: (plan, opts) => save('pdf', plan, opts),
    async copyMarkdown(plan, locale) {
      const text = renderMarkdown(plan, locale);
      await deps.writeClipboard(text);
      return { characters: text.length };
    },
  };
}
