import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corruptName, readJson, writeJsonAtomic } from './json-store';

const asObject = (raw: unknown): { n: number } => {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { n?: unknown }).n !== 'number') throw new Error('n must be a number');
  return raw as { n: number };
};

describe('json-store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'json-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips a value and leaves no temp file behind', async () => {
    const file = path.join(dir, 'nested', 'a.json');
    await writeJsonAtomic(file, { n: 1 });
    await writeJsonAtomic(file, { n: 2 });
    expect(await readJson(file, asObject)).toEqual({ value: { n: 2 }, problem: null, blocked: false });
    expect(await readdir(path.dirname(file))).toEqual(['a.json']);
  });

  it('treats a missing file as empty, without a problem', async () => {
    expect(await readJson(path.join(dir, 'none.json'), asObject)).toEqual({ value: null, problem: null, blocked: false });
  });

  it('moves a corrupt file aside and reports it', async () => {
    const file = path.join(dir, 'profiles.json');
    await writeFile(file, '{"n": 1,,,');
    const r = await readJson(file, asObject);
    expect(r.value).toBeNull();
    expect(r.problem).toMatch(/^profiles\.json was unreadable \(.+\); it was kept as profiles\.corrupt-.+\.json and defaults are used\.$/);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^profiles\.corrupt-\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/);
    expect(await readFile(path.join(dir, files[0]!), 'utf8')).toBe('{"n": 1,,,');
  });

  it('moves aside a file that parses but fails validation, and keeps two corrupt copies apart', async () => {
    const file = path.join(dir, 'a.json');
    await writeFile(file, '{"n": "x"}');
    expect((await readJson(file, asObject)).problem).toMatch(/n must be a number/);
    await writeFile(file, '[]');
    await readJson(file, asObject);
    expect((await readdir(dir)).filter((f) => f.includes('.corrupt-'))).toHaveLength(2);
  });

  it('accepts a UTF-8 BOM', async () => {
    const file = path.join(dir, 'bom.json');
    await writeFile(file, '\uFEFF{"n": 3}');
    expect((await readJson(file, asObject)).value).toEqual({ n: 3 });
  });

  it('names the corrupt copy after the file', () => {
    expect(corruptName('/x/profiles.json', new Date('2026-01-02T03:04:05.678Z'))).toBe(
      path.join('/x', 'profiles.corrupt-2026-01-02T03-04-05-678Z.json'),
    );
  });
});
