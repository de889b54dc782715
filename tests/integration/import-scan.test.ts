// The local-model scan over real layouts in a temp home: Ollama manifests + blobs, LM Studio folders,
// the HF hub cache (snapshots symlinked to blobs), user folders with a symlink loop, a fake GGUF and
// unreadable entries. Bounds (depth, entries) are exercised too.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanLocalModels, scanLocalModelsDetailed, type LocalModel } from '../../src/main/services/import/local-scan';
import { syntheticTotals, writeSyntheticGguf, writeSyntheticGgufSplit, type SyntheticModel } from '../support/gguf-writer';
import {
  elementsOf,
  hubCacheRepo,
  makeTempDir,
  tinyLlamaConfig,
  tinyLlamaTensors,
  writeHfFolder,
  writeSafetensors,
} from './import-support';

const MODEL: SyntheticModel = {
  architecture: 'llama',
  layers: 2,
  hidden: 256,
  ff: 512,
  heads: 4,
  kvHeads: 2,
  vocab: 512,
  fileType: 'Q4_K_M',
};
const MODEL_Q8: SyntheticModel = { ...MODEL, fileType: 'Q8_0' };

let root: string;
let cleanup: () => Promise<void>;
let home: string;

async function writeBlob(modelsDir: string, model: SyntheticModel): Promise<{ digest: string; size: number }> {
  const tmp = join(modelsDir, 'tmp.gguf');
  await mkdir(join(modelsDir, 'blobs'), { recursive: true });
  await writeSyntheticGguf(tmp, model);
  const data = await readFile(tmp);
  const hex = createHash('sha256').update(data).digest('hex');
  await writeFile(join(modelsDir, 'blobs', `sha256-${hex}`), data);
  const { rm } = await import('node:fs/promises');
  await rm(tmp);
  return { digest: `sha256:${hex}`, size: data.length };
}

async function writeManifest(modelsDir: string, parts: string[], digest: string, size: number): Promise<void> {
  const dir = join(modelsDir, 'manifests', ...parts.slice(0, -1));
  await mkdir(dir, { recursive: true });
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: `sha256:${'0'.repeat(64)}`, size: 2 },
    layers: [
      { mediaType: 'application/vnd.ollama.image.model', digest, size },
      { mediaType: 'application/vnd.ollama.image.template', digest: `sha256:${'1'.repeat(64)}`, size: 10 },
    ],
  };
  await writeFile(join(dir, parts.at(-1)!), JSON.stringify(manifest));
}

function byName(models: LocalModel[], name: string): LocalModel {
  const m = models.find((x) => x.name === name);
  if (!m) throw new Error(`no model named ${name} in ${models.map((x) => x.name).join(', ')}`);
  return m;
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('scan'));
  home = join(root, 'home');
  await mkdir(home, { recursive: true });
});
afterAll(() => cleanup());

describe('Ollama store', () => {
  it('lists each manifest tag with its blob size, file type, architecture and parameters', async () => {
    const modelsDir = join(home, '.ollama', 'models');
    const q4 = await writeBlob(modelsDir, MODEL);
    const q8 = await writeBlob(modelsDir, MODEL_Q8);
    await writeManifest(modelsDir, ['registry.ollama.ai', 'library', 'tiny', 'latest'], q4.digest, q4.size);
    await writeManifest(modelsDir, ['registry.ollama.ai', 'library', 'tiny', 'q8'], q8.digest, q8.size);
    await writeManifest(modelsDir, ['registry.ollama.ai', 'someone', 'tiny', 'latest'], q4.digest, q4.size);
    await writeManifest(modelsDir, ['hf.co', 'bartowski', 'Gone-GGUF', 'Q4_K_M'], `sha256:${'a'.repeat(64)}`, 5);
    await mkdir(join(modelsDir, 'manifests', 'registry.ollama.ai', 'library', 'broken'), { recursive: true });
    await writeFile(join(modelsDir, 'manifests', 'registry.ollama.ai', 'library', 'broken', 'latest'), '{not json');
    await writeFile(join(modelsDir, 'manifests', 'registry.ollama.ai', '.DS_Store'), 'binary junk');

    const models = (await scanLocalModels({ home, env: {} })).filter((m) => m.source === 'ollama');
    const latest = byName(models, 'tiny:latest');
    expect(latest).toMatchObject({
      format: 'gguf',
      quant: 'Q4_K_M',
      architecture: 'llama',
      sizeBytes: q4.size,
      parameterCount: syntheticTotals(MODEL).parameters,
      problem: null,
    });
    expect(latest.path).toBe(join(modelsDir, 'blobs', q4.digest.replace(':', '-')));
    expect(byName(models, 'tiny:q8')).toMatchObject({ quant: 'Q8_0', sizeBytes: q8.size });
    expect(byName(models, 'someone/tiny:latest').sizeBytes).toBe(q4.size);
    expect(byName(models, 'hf.co/bartowski/Gone-GGUF:Q4_K_M').problem).toMatch(/blob .* is missing/);
    expect(byName(models, 'broken:latest').problem).toMatch(/Unreadable Ollama manifest/);
    expect(models).toHaveLength(5);
  });

  it('reads OLLAMA_MODELS when set', async () => {
    const custom = join(root, 'ollama-elsewhere');
    const blob = await writeBlob(custom, MODEL_Q8);
    await writeManifest(custom, ['registry.ollama.ai', 'library', 'moved', '7b'], blob.digest, blob.size);
    const models = await scanLocalModels({ home: join(root, 'nohome'), env: { OLLAMA_MODELS: custom } });
    expect(models.map((m) => m.name)).toEqual(['moved:7b']);
    expect(models[0]!.quant).toBe('Q8_0');
  });
});

describe('LM Studio and user folders', () => {
  it('groups split GGUFs once, sums their sizes and skips mmproj projectors', async () => {
    const repo = join(home, '.lmstudio', 'models', 'lmstudio-community', 'Tiny-GGUF');
    await mkdir(repo, { recursive: true });
    await writeSyntheticGguf(join(repo, 'Tiny-Q4_K_M.gguf'), MODEL);
    await writeSyntheticGguf(join(repo, 'mmproj-Tiny-f16.gguf'), MODEL_Q8);
    const shards = await writeSyntheticGgufSplit(join(repo, 'Tiny-Q8_0'), MODEL_Q8, 3);
    const oldRepo = join(home, '.cache', 'lm-studio', 'models', 'TheBloke', 'Old-GGUF');
    await mkdir(oldRepo, { recursive: true });
    await writeSyntheticGguf(join(oldRepo, 'old.Q8_0.gguf'), MODEL_Q8);

    const models = (await scanLocalModels({ home, env: {} })).filter((m) => m.source === 'lmstudio');
    expect(models.map((m) => m.name).sort()).toEqual([
      'TheBloke/Old-GGUF/old.Q8_0',
      'lmstudio-community/Tiny-GGUF/Tiny-Q4_K_M',
      'lmstudio-community/Tiny-GGUF/Tiny-Q8_0-00001-of-00003',
    ]);
    const split = models.find((m) => m.name.includes('00001-of-00003'))!;
    let total = 0;
    for (const s of shards) total += (await stat(s)).size;
    expect(split.sizeBytes).toBe(total);
    expect(split.path).toBe(shards[0]);
    expect(split.parameterCount).toBe(syntheticTotals(MODEL_Q8).parameters);
    expect(split.problem).toBeNull();
  });

  it('survives a symlink loop, a fake .gguf, an unreadable file and folder, and finds HF folders', async () => {
    const user = join(root, 'user-models');
    await mkdir(join(user, 'a', 'b'), { recursive: true });
    await symlink('..', join(user, 'a', 'b', 'loop')); // a/b/loop → a
    await symlink(user, join(user, 'a', 'self'));
    await writeSyntheticGguf(join(user, 'a', 'b', 'deep.gguf'), MODEL);
    await writeFile(join(user, 'not-really.gguf'), 'this is a text file, not a GGUF');
    execFileSync('mkfifo', [join(user, 'pipe.gguf')]); // must be skipped, not opened (would block)
    await writeSyntheticGguf(join(user, 'locked.gguf'), MODEL_Q8);
    await chmod(join(user, 'locked.gguf'), 0o000);
    await mkdir(join(user, 'closed'), { recursive: true });
    await writeSyntheticGguf(join(user, 'closed', 'inside.gguf'), MODEL);
    await chmod(join(user, 'closed'), 0o000);
    const hfDir = join(user, 'my-finetune');
    const tensors = tinyLlamaTensors();
    const written = await writeHfFolder(hfDir, tinyLlamaConfig(), tensors);
    await mkdir(join(user, 'broken-hf'), { recursive: true });
    await writeFile(join(user, 'broken-hf', 'config.json'), '{"oops"');

    try {
      const report = await scanLocalModelsDetailed({ home: join(root, 'empty-home'), roots: [user], env: {} });
      const names = report.models.map((m) => m.name).sort();
      // The loop is followed at most once per real folder: deep.gguf appears once.
      expect(names.filter((n) => n.endsWith('deep'))).toHaveLength(1);
      const fake = byName(report.models, 'not-really');
      expect(fake.problem).toMatch(/\S/);
      expect(fake.architecture).toBeNull();
      const locked = byName(report.models, 'locked');
      const asRoot = process.getuid?.() === 0;
      if (asRoot) expect(locked.problem).toBeNull();
      else expect(locked.problem).toMatch(/permission denied|cannot be read/i);
      if (!asRoot) expect(report.problems.join(' ')).toMatch(/closed/);
      const hf = byName(report.models, 'my-finetune');
      expect(hf).toMatchObject({ format: 'safetensors', quant: 'bf16', architecture: expect.any(String), problem: null });
      expect(hf.sizeBytes).toBe(written.fileBytes);
      expect(hf.parameterCount).toBe(elementsOf(tensors));
      expect(byName(report.models, 'broken-hf').problem).toMatch(/not valid JSON/);
      expect(names).not.toContain('pipe');
      expect(report.truncated).toBe(false);
    } finally {
      await chmod(join(user, 'locked.gguf'), 0o644);
      await chmod(join(user, 'closed'), 0o755);
    }
  });

  it('stops at maxDepth and at maxEntries, saying so', async () => {
    const deep = join(root, 'deep-tree');
    const nested = join(deep, 'l1', 'l2', 'l3', 'l4');
    await mkdir(nested, { recursive: true });
    await writeSyntheticGguf(join(nested, 'far.gguf'), MODEL);
    await writeSyntheticGguf(join(deep, 'near.gguf'), MODEL);
    const shallow = await scanLocalModels({ home: join(root, 'empty-home'), roots: [deep], maxDepth: 2, env: {} });
    expect(shallow.map((m) => m.name)).toEqual(['near']);
    const full = await scanLocalModels({ home: join(root, 'empty-home'), roots: [deep], env: {} });
    expect(full.map((m) => m.name).sort()).toEqual(['l1/l2/l3/l4/far', 'near']);

    const wide = join(root, 'wide');
    await mkdir(wide, { recursive: true });
    for (let i = 0; i < 30; i++) await writeFile(join(wide, `note-${i}.txt`), 'x');
    const capped = await scanLocalModelsDetailed({ home: join(root, 'empty-home'), roots: [wide], maxEntries: 10, env: {} });
    expect(capped.truncated).toBe(true);
    expect(capped.problems.join(' ')).toMatch(/Stopped after 10 folder entries/);
  });

  it('accepts a .gguf file as a root and reports a root that does not exist', async () => {
    const file = join(root, 'single.gguf');
    await writeSyntheticGguf(file, MODEL);
    const report = await scanLocalModelsDetailed({ home: join(root, 'empty-home'), roots: [file, join(root, 'nope')], env: {} });
    expect(report.models.map((m) => m.name)).toEqual(['single.gguf']);
    expect(report.models[0]!.sizeBytes).toBe((await stat(file)).size);
    expect(report.problems.join(' ')).toMatch(/nope does not exist/);
  });
});

describe('Hugging Face hub cache', () => {
  it('finds safetensors and GGUF repos through snapshot symlinks, with exact blob sizes', async () => {
    const hub = join(home, '.cache', 'huggingface', 'hub');
    const staging = join(root, 'staging-st');
    const tensors = tinyLlamaTensors();
    await writeHfFolder(staging, tinyLlamaConfig(), tensors);
    const stSize = (await stat(join(staging, 'model.safetensors'))).size;
    await hubCacheRepo(hub, 'acme/tiny-llama', staging, ['config.json', 'model.safetensors']);

    const stagingGguf = join(root, 'staging-gguf');
    await mkdir(stagingGguf, { recursive: true });
    await writeSyntheticGguf(join(stagingGguf, 'tiny-Q4_K_M.gguf'), MODEL);
    const ggufSize = (await stat(join(stagingGguf, 'tiny-Q4_K_M.gguf'))).size;
    await hubCacheRepo(hub, 'acme/tiny-GGUF', stagingGguf, ['tiny-Q4_K_M.gguf']);

    // A repo whose only snapshot has just config.json (weights never downloaded).
    const stagingCfg = join(root, 'staging-cfg');
    await mkdir(stagingCfg, { recursive: true });
    await writeFile(join(stagingCfg, 'config.json'), JSON.stringify(tinyLlamaConfig()));
    await hubCacheRepo(hub, 'acme/config-only', stagingCfg, ['config.json']);

    const models = (await scanLocalModels({ home, env: {} })).filter((m) => m.source === 'hf-cache');
    expect(byName(models, 'acme/tiny-llama')).toMatchObject({
      format: 'safetensors',
      sizeBytes: stSize,
      parameterCount: elementsOf(tensors),
      problem: null,
    });
    expect(byName(models, 'acme/tiny-GGUF/tiny-Q4_K_M')).toMatchObject({ format: 'gguf', quant: 'Q4_K_M', sizeBytes: ggufSize });
    expect(byName(models, 'acme/config-only').problem).toMatch(/weights are not downloaded/);
  });

  it('honours HF_HUB_CACHE and HF_HOME', async () => {
    const custom = join(root, 'hf-home');
    const staging = join(root, 'staging-env');
    await writeHfFolder(staging, tinyLlamaConfig(), tinyLlamaTensors());
    await hubCacheRepo(join(custom, 'hub'), 'org/env-model', staging, ['config.json', 'model.safetensors']);
    const viaHome = await scanLocalModels({ home: join(root, 'empty-home'), env: { HF_HOME: custom } });
    expect(viaHome.map((m) => m.name)).toEqual(['org/env-model']);
    const viaHub = await scanLocalModels({ home: join(root, 'empty-home'), env: { HF_HUB_CACHE: join(custom, 'hub') } });
    expect(viaHub.map((m) => m.name)).toEqual(['org/env-model']);
  });

  it('never throws when a snapshot file is a broken link or a safetensors header is garbage', async () => {
    const hub = join(root, 'hub-broken');
    const staging = join(root, 'staging-broken');
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, 'config.json'), JSON.stringify(tinyLlamaConfig()));
    await writeSafetensors(join(staging, 'model.safetensors'), tinyLlamaTensors());
    const snapshot = await hubCacheRepo(hub, 'bad/garbage', staging, ['config.json', 'model.safetensors']);
    const { rm } = await import('node:fs/promises');
    const target = join(snapshot, 'model.safetensors');
    const real = await (await import('node:fs/promises')).realpath(target);
    await writeFile(real, Buffer.from([255, 255, 255, 255, 255, 255, 255, 255, 1, 2]));
    await symlink('../../blobs/does-not-exist', join(snapshot, 'dangling.gguf'));
    const models = await scanLocalModels({ home: join(root, 'empty-home'), env: { HF_HUB_CACHE: hub } });
    expect(models).toHaveLength(1);
    expect(models[0]!.problem).toMatch(/header/);
    await rm(hub, { recursive: true, force: true });
  });
});
