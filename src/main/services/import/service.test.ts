import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticTotals, writeSyntheticGguf, type SyntheticModel } from '../../../../tests/support/gguf-writer';
import { makeTempDir, tinyLlamaConfig, tinyLlamaTensors, writeHfFolder } from '../../../../tests/integration/import-support';
import { createImportService, displayLocation } from './service';

const MODEL: SyntheticModel = {
  architecture: 'llama',
  layers: 2,
  hidden: 256,
  ff: 512,
  heads: 4,
  kvHeads: 2,
  vocab: 512,
  fileType: 'Q8_0',
};

let root: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir: root, cleanup } = await makeTempDir('service')));
afterAll(() => cleanup());

describe('createImportService', () => {
  it('scans, imports by opaque id, adds folders, and never hands the page a full path', async () => {
    const home = join(root, 'home');
    const repo = join(home, '.lmstudio', 'models', 'pub', 'Tiny-GGUF');
    await mkdir(repo, { recursive: true });
    await writeSyntheticGguf(join(repo, 'tiny-Q8_0.gguf'), MODEL);
    const extra = join(root, 'extra');
    await writeHfFolder(join(extra, 'ft'), tinyLlamaConfig(), tinyLlamaTensors());
    let folders: string[] = [];
    const service = createImportService({
      loadFolders: async () => folders,
      saveFolders: async (f) => {
        folders = f;
      },
      scan: { home, env: {} },
    });

    const first = await service.scan();
    expect(first.models).toHaveLength(1);
    const row = first.models[0]!;
    expect(row.id).toMatch(/^lmstudio:[0-9a-f]{16}$/);
    expect(row.location).toBe(`~/.lmstudio/models/pub/Tiny-GGUF/tiny-Q8_0.gguf`);
    expect(JSON.stringify(first)).not.toContain(home);

    const imported = await service.importLocal(row.id);
    expect(imported).toMatchObject({ kind: 'gguf', name: 'pub/Tiny-GGUF/tiny-Q8_0', quant: 'Q8_0', files: ['tiny-Q8_0.gguf'] });
    expect(imported.parameterCount).toBe(syntheticTotals(MODEL).parameters);

    const second = await service.addFolder(extra);
    expect(folders).toEqual([extra]);
    expect(second.models.map((m) => m.name).sort()).toEqual(['ft', 'pub/Tiny-GGUF/tiny-Q8_0']);
    expect(second.models.find((m) => m.name === 'pub/Tiny-GGUF/tiny-Q8_0')!.id).toBe(row.id);
    const ft = await service.importLocal(second.models.find((m) => m.name === 'ft')!.id);
    expect(ft).toMatchObject({ kind: 'hf', quant: 'bf16', files: ['config.json', 'model.safetensors'] });

    await expect(service.importLocal('lmstudio:0000000000000000')).rejects.toThrow(/scan for local models again/);
  });

  it('imports a path and a parameter count into the contract shape', async () => {
    const service = createImportService({ loadFolders: async () => [], saveFolders: async () => {}, scan: { home: root, env: {} } });
    const file = join(root, 'x.gguf');
    await writeSyntheticGguf(file, MODEL);
    const m = await service.importPath(file);
    expect(m).toMatchObject({ kind: 'gguf', architecture: 'llama', layers: 2, files: ['x.gguf'] });
    const p = service.importParameters('70B');
    expect(p.kind).toBe('parameters');
    expect(p.quant).toBeNull();
    expect(Math.abs(p.parameterCount - 70e9) / 70e9).toBeLessThan(0.01);
    expect(() => service.importParameters('-1B')).toThrow(/negative/);
  });

  it('shortens home paths for display only', () => {
    expect(displayLocation('/home/u/.ollama/models/blobs/x', '/home/u')).toBe('~/.ollama/models/blobs/x');
    expect(displayLocation('/home/user2/x', '/home/u')).toBe('/home/user2/x');
  });
});
