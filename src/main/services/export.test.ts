import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../../../tests/fixtures/plan/fixtures';
import { renderMarkdown } from '../../core/plan/markdown';
import { AppError } from './errors';
import { exportPlan, planFileName, writeFileAtomic, type ExportDeps } from './export';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'vp-export-'));
}

function deps(answer: (suggested: string) => string | null, over: Partial<ExportDeps> = {}) {
  let folder: string | null = null;
  const asked: string[] = [];
  const d: ExportDeps = {
    chooseSavePath: async (p) => {
      asked.push(p);
      return answer(p);
    },
    renderPdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]),
    lastFolder: {
      get: async () => folder,
      set: async (f) => {
        folder = f;
      },
    },
    defaultFolder: '/home/user/Documents',
    ...over,
  };
  return { d, asked, folder: () => folder };
}

describe('writeFileAtomic', () => {
  it('writes new files and replaces existing ones, leaving no temp files', async () => {
    const dir = await tempDir();
    const file = join(dir, 'plan.md');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, new Uint8Array(Buffer.from('second')));
    expect(await readFile(file, 'utf8')).toBe('second');
    expect(await readdir(dir)).toEqual(['plan.md']);
  });

  it('leaves the old file intact when the write fails', async () => {
    const dir = await tempDir();
    const file = join(dir, 'plan.md');
    await writeFile(file, 'old plan');
    // The target is fine but the data cannot be written: writeFile rejects a non-buffer object.
    await expect(writeFileAtomic(file, { nope: true } as never)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old plan');
    expect(await readdir(dir)).toEqual(['plan.md']);
  });

  it.skipIf(process.getuid?.() === 0)('leaves the old file intact in a read-only folder', async () => {
    const dir = await tempDir();
    const file = join(dir, 'plan.md');
    await writeFile(file, 'old plan');
    await chmod(dir, 0o555);
    try {
      await expect(writeFileAtomic(file, 'new')).rejects.toThrow();
      expect(await readFile(file, 'utf8')).toBe('old plan');
    } finally {
      await chmod(dir, 0o755);
    }
  });

  it('fails when the target is a folder, without touching it', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'plan.md'));
    await expect(writeFileAtomic(join(dir, 'plan.md'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['plan.md']);
  });
});

describe('exportPlan', () => {
  const plan = fixturePlan('llama8b-4090');

  it('suggests a safe file name in the last folder, writes the Markdown and remembers the folder', async () => {
    const dir = await tempDir();
    const { d, asked, folder } = deps(() => join(dir, 'mine.md'));
    const r = await exportPlan('markdown', plan, { locale: 'ja', pageSize: 'A4' }, d);
    expect(r).toEqual({ path: join(dir, 'mine.md') });
    expect(asked).toEqual(['/home/user/Documents/vram-plan-llama-3.1-8b-instruct-Q4_K_M-ja.md']);
    expect(await readFile(join(dir, 'mine.md'), 'utf8')).toBe(renderMarkdown(plan, 'ja'));
    expect(folder()).toBe(dir);

    const again = deps(() => null);
    await again.d.lastFolder.set(dir);
    expect(await exportPlan('pdf', plan, { locale: 'en', pageSize: 'A4' }, again.d)).toBeNull();
    expect(again.asked).toEqual([join(dir, 'vram-plan-llama-3.1-8b-instruct-Q4_K_M-en.pdf')]);
  });

  it('writes the PDF bytes from the renderer and adds the extension when missing', async () => {
    const dir = await tempDir();
    const seen: unknown[] = [];
    const { d } = deps(() => join(dir, 'report'), {
      renderPdf: async (p, o) => {
        seen.push([p.model.id, o]);
        return new Uint8Array(Buffer.from('%PDF-1.7 test'));
      },
    });
    const r = await exportPlan('pdf', plan, { locale: 'en', pageSize: 'Letter' }, d);
    expect(r).toEqual({ path: join(dir, 'report.pdf') });
    expect(await readFile(join(dir, 'report.pdf'), 'utf8')).toBe('%PDF-1.7 test');
    expect(seen).toEqual([['llama-3.1-8b-instruct', { locale: 'en', pageSize: 'Letter' }]]);
  });

  it('reports failures as AppErrors with one plain sentence and keeps the old file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'old.pdf'), 'old');
    const failing = deps(() => join(dir, 'old.pdf'), {
      renderPdf: async () => {
        throw new Error('The print view did not start.');
      },
    });
    const err = await exportPlan('pdf', plan, { locale: 'en', pageSize: 'A4' }, failing.d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('Could not render the plan as PDF: The print view did not start.');
    expect(await readFile(join(dir, 'old.pdf'), 'utf8')).toBe('old');

    const missing = deps(() => join(dir, 'no-such-folder', 'plan.md'));
    const err2 = (await exportPlan('markdown', plan, { locale: 'en', pageSize: 'A4' }, missing.d).catch((e: unknown) => e)) as AppError;
    expect(err2.code).toBe('io-error');
    expect(err2.message).toBe('Could not save plan.md because the folder does not exist; any existing file was left as it was.');
    expect(missing.folder()).toBeNull();

    await expect(exportPlan('docx' as never, plan, { locale: 'en', pageSize: 'A4' }, missing.d)).rejects.toThrow(
      'Cannot export a plan as "docx"; choose Markdown or PDF.',
    );
  });

  it('builds file names that are safe on every OS', () => {
    const odd = { ...plan, model: { ...plan.model, id: '../../etc/pass wd:*?' }, quant: { ...plan.quant, id: 'Q4_K_M' } };
    expect(planFileName(odd, 'markdown')).toBe('vram-plan-etc-pass-wd-Q4_K_M-en.md');
  });
});
