// Finds models already on this machine: Ollama's blob store, LM Studio's folders, the Hugging Face hub
// cache and folders the user added. Every walk is bounded (depth, entries, symlink loops) and every file
// is inspected by reading its header only; one bad file becomes a `problem` on its row, never a throw.

import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { readGgufFile } from '../gguf-file';
import { exists, fileSize, groupGgufFiles, isProjector, kindOf, Walker, type GgufGroup } from './local-scan-walker';
import { errorMessage } from './errors';
import { importHfModel } from './hf-folder';

export type LocalModelSource = 'ollama' | 'lmstudio' | 'hf-cache' | 'folder';

export interface LocalModel {
  /** Stable across scans and opaque (a hash of source and path), so ids can cross IPC without paths. */
  id: string;
  name: string;
  source: LocalModelSource;
  /** The GGUF file (first shard) or the Hugging Face model folder. */
  path: string;
  /** Exact bytes on disk of the weights files (all shards once). */
  sizeBytes: number;
  format: 'gguf' | 'safetensors';
  /** GGUF file type ("Q4_K_M") or HF weight format ("bf16", "awq"); null when unknown. */
  quant: string | null;
  architecture: string | null;
  parameterCount: number | null;
  /** One sentence when the model could not be read whole; the row is still listed. */
  problem: string | null;
}

export interface ScanOptions {
  /** Home folder to look under (default: the user's). Tests point it at a temp dir. */
  home?: string;
  /** Extra folders the user added. */
  roots?: string[];
  platform?: NodeJS.Platform;
  /** Folder levels below each root (default 6). */
  maxDepth?: number;
  /** Directory entries looked at over the whole scan (default 200 000). */
  maxEntries?: number;
  /** Directory entries looked at per source: the Ollama store, the HF cache, each user folder (default 50 000). */
  maxEntriesPerSource?: number;
  /** Environment for OLLAMA_MODELS, HF_HOME, HF_HUB_CACHE, XDG_CACHE_HOME (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface ScanReport {
  models: LocalModel[];
  /** Folders that could not be read, loops skipped, limits hit: one sentence each. */
  problems: string[];
  /** True when maxEntries stopped the scan early. */
  truncated: boolean;
}

const OLLAMA_MODEL_MEDIA = 'application/vnd.ollama.image.model';

export function localModelId(source: LocalModelSource, key: string): string {
  return `${source}:${createHash('sha256').update(`${source}\0${key}`).digest('hex').slice(0, 16)}`;
}
const MAX_MANIFEST_BYTES = 1024 * 1024;

async function describeGguf(group: GgufGroup, base: { id: string; name: string; source: LocalModelSource }): Promise<LocalModel> {
  let sizeBytes = 0;
  for (const file of group.files) sizeBytes += (await fileSize(file)) ?? 0;
  const model: LocalModel = {
    ...base,
    path: group.path,
    sizeBytes,
    format: 'gguf',
    quant: null,
    architecture: null,
    parameterCount: null,
    problem: group.missingShards > 0 ? `${group.missingShards} shard file(s) of this split GGUF are missing.` : null,
  };
  try {
    const gguf = await readGgufFile(group.path);
    model.quant = gguf.fileType;
    model.architecture = gguf.architecture;
    model.parameterCount = gguf.parameterCount;
  } catch (error) {
    model.problem = oneSentence(errorMessage(error));
  }
  return model;
}

async function describeHf(dir: string, base: { id: string; name: string; source: LocalModelSource }): Promise<LocalModel> {
  const model: LocalModel = {
    ...base,
    path: dir,
    sizeBytes: 0,
    format: 'safetensors',
    quant: null,
    architecture: null,
    parameterCount: null,
    problem: null,
  };
  try {
    const hf = await importHfModel(dir);
    model.quant = hf.format;
    model.architecture = hf.input.spec.architecture;
    model.parameterCount = hf.parameterCount;
    let size = 0;
    for (const file of hf.files) if (file.endsWith('.safetensors')) size += (await fileSize(file)) ?? 0;
    model.sizeBytes = size;
    if (size === 0) model.problem = 'Only config.json is here; the weights are not downloaded.';
  } catch (error) {
    model.problem = oneSentence(errorMessage(error));
  }
  return model;
}

function oneSentence(text: string): string {
  const trimmed = text.trim().split('\n')[0] ?? '';
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// --- Ollama -------------------------------------------------------------------------------------------

function ollamaDirs(home: string, env: ScanOptions['env'], platform: NodeJS.Platform, systemPaths: boolean): string[] {
  const dirs: string[] = [];
  if (env?.['OLLAMA_MODELS']) dirs.push(env['OLLAMA_MODELS']);
  dirs.push(join(home, '.ollama', 'models'));
  // The Linux install script runs Ollama as its own user with this home.
  if (systemPaths && platform === 'linux') dirs.push('/usr/share/ollama/.ollama/models');
  return dirs;
}

function ollamaName(parts: string[]): string {
  const [registry, namespace, model, tag] = parts;
  if (parts.length !== 4) return parts.join('/');
  if (registry === 'registry.ollama.ai') {
    return namespace === 'library' ? `${model}:${tag}` : `${namespace}/${model}:${tag}`;
  }
  return `${registry}/${namespace}/${model}:${tag}`;
}

async function scanOllama(modelsDir: string, walker: Walker, out: LocalModel[]): Promise<void> {
  const manifests = join(modelsDir, 'manifests');
  if (!(await exists(manifests))) return;
  const files: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > Math.min(walker.maxDepth, 6)) return;
    const entries = await walker.list(dir);
    if (!entries) return;
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // .DS_Store and editor droppings are not manifests
      const kind = await kindOf(dir, entry);
      if (kind === 'dir') await walk(join(dir, entry.name), depth + 1);
      else if (kind === 'file') files.push(join(dir, entry.name));
    }
  };
  await walk(manifests, 0);
  for (const file of files) {
    const parts = relative(manifests, file).split(sep);
    const name = ollamaName(parts);
    const base = { id: localModelId('ollama', `${modelsDir}\0${name}`), name, source: 'ollama' as const };
    try {
      const size = await fileSize(file);
      if (size === null || size > MAX_MANIFEST_BYTES) {
        throw new Error(`The manifest ${file} is too large to be an Ollama manifest`);
      }
      const manifest = JSON.parse(await readFile(file, 'utf8')) as { layers?: unknown };
      const layers = Array.isArray(manifest.layers) ? (manifest.layers as Array<Record<string, unknown>>) : [];
      const layer = layers.find((l) => l && l['mediaType'] === OLLAMA_MODEL_MEDIA);
      const digest = layer?.['digest'];
      if (typeof digest !== 'string' || !/^sha256[:-][0-9a-f]{64}$/i.test(digest)) {
        // Manifests without a model layer are adapters or partial pulls; nothing to estimate.
        out.push(emptyRow(base, file, 'The Ollama manifest names no model layer.'));
        continue;
      }
      const blob = join(modelsDir, 'blobs', digest.replace(':', '-'));
      if ((await fileSize(blob)) === null) {
        out.push(emptyRow(base, blob, 'The model blob this manifest names is missing.'));
        continue;
      }
      out.push(await describeGguf({ path: blob, files: [blob], missingShards: 0 }, base));
    } catch (error) {
      out.push(emptyRow(base, file, `Unreadable Ollama manifest: ${errorMessage(error).replace(/\.$/, '')}.`));
    }
  }
}

function emptyRow(base: { id: string; name: string; source: LocalModelSource }, path: string, problem: string): LocalModel {
  return { ...base, path, sizeBytes: 0, format: 'gguf', quant: null, architecture: null, parameterCount: null, problem };
}

// --- GGUF trees (LM Studio, user folders) and HF folders ----------------------------------------------

async function scanTree(root: string, source: 'lmstudio' | 'folder', walker: Walker, out: LocalModel[]): Promise<void> {
  const rootInfo = await stat(root).catch(() => null);
  if (!rootInfo) return;
  if (rootInfo.isFile()) {
    if (root.toLowerCase().endsWith('.gguf')) {
      out.push(await describeGguf({ path: root, files: [root], missingShards: 0 }, rowBase(source, root, basename(root))));
    } else if (basename(root) === 'config.json') {
      const dir = join(root, '..');
      out.push(await describeHf(dir, rowBase(source, dir, basename(dir))));
    }
    return;
  }
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > walker.maxDepth) return;
    const entries = await walker.list(dir);
    if (!entries) return;
    const ggufs: string[] = [];
    const subdirs: string[] = [];
    let hasConfig = false;
    for (const entry of entries) {
      const kind = await kindOf(dir, entry);
      if (kind === 'file') {
        if (entry.name.toLowerCase().endsWith('.gguf') && !isProjector(entry.name)) ggufs.push(entry.name);
        else if (entry.name === 'config.json') hasConfig = true;
      } else if (kind === 'dir' && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
        subdirs.push(entry.name);
      }
    }
    for (const group of groupGgufFiles(dir, ggufs)) {
      const rel = relative(root, group.path) || basename(group.path);
      out.push(await describeGguf(group, rowBase(source, group.path, rel.replace(/\.gguf$/i, ''))));
    }
    if (hasConfig && ggufs.length === 0) {
      const rel = relative(root, dir) || basename(dir);
      out.push(await describeHf(dir, rowBase(source, dir, rel)));
      return; // a model folder's subfolders are its own parts (onnx/, original/), not more models
    }
    for (const sub of subdirs) await walk(join(dir, sub), depth + 1);
  };
  await walk(root, 0);
}

function rowBase(source: LocalModelSource, path: string, name: string) {
  return { id: localModelId(source, path), name: name.split(sep).join('/'), source };
}

// --- Hugging Face hub cache -----------------------------------------------------------------------------

function hubDirs(home: string, env: ScanOptions['env']): string[] {
  const dirs: string[] = [];
  if (env?.['HF_HUB_CACHE']) dirs.push(env['HF_HUB_CACHE']);
  if (env?.['HUGGINGFACE_HUB_CACHE']) dirs.push(env['HUGGINGFACE_HUB_CACHE']);
  if (env?.['HF_HOME']) dirs.push(join(env['HF_HOME'], 'hub'));
  if (env?.['XDG_CACHE_HOME']) dirs.push(join(env['XDG_CACHE_HOME'], 'huggingface', 'hub'));
  dirs.push(join(home, '.cache', 'huggingface', 'hub'));
  return dirs;
}

/** The snapshot refs/main points at, else the newest one. */
async function pickSnapshot(repoDir: string, walker: Walker): Promise<string | null> {
  try {
    const refPath = join(repoDir, 'refs', 'main');
    const refSize = await fileSize(refPath);
    if (refSize === null || refSize > 1024) throw new Error('no usable refs/main');
    const ref = (await readFile(refPath, 'utf8')).trim();
    if (/^[0-9a-f]{40}$/i.test(ref) && (await exists(join(repoDir, 'snapshots', ref)))) {
      return join(repoDir, 'snapshots', ref);
    }
  } catch {
    // no refs/main: a snapshot downloaded by revision; fall back to the newest
  }
  const entries = await walker.list(join(repoDir, 'snapshots'));
  if (!entries) return null;
  let best: { path: string; mtime: number } | null = null;
  for (const entry of entries) {
    const path = join(repoDir, 'snapshots', entry.name);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory() && (!best || info.mtimeMs > best.mtime)) best = { path, mtime: info.mtimeMs };
  }
  return best?.path ?? null;
}

async function scanHubCache(hubDir: string, walker: Walker, out: LocalModel[]): Promise<void> {
  if (!(await exists(hubDir))) return;
  const entries = await walker.list(hubDir);
  if (!entries) return;
  for (const entry of entries) {
    if (!entry.name.startsWith('models--')) continue;
    const repoId = entry.name.slice('models--'.length).split('--').join('/');
    const repoDir = join(hubDir, entry.name);
    try {
      const snapshot = await pickSnapshot(repoDir, walker);
      if (!snapshot) continue;
      const files = await walker.list(snapshot);
      if (!files) continue;
      const names = files.map((f) => f.name);
      const ggufs: string[] = [];
      for (const f of files) {
        if (f.name.toLowerCase().endsWith('.gguf') && !isProjector(f.name) && (await kindOf(snapshot, f)) === 'file') {
          ggufs.push(f.name);
        }
      }
      for (const group of groupGgufFiles(snapshot, ggufs)) {
        const name = `${repoId}/${basename(group.path).replace(/\.gguf$/i, '')}`;
        out.push(await describeGguf(group, { id: localModelId('hf-cache', group.path), name, source: 'hf-cache' }));
      }
      if (names.includes('config.json') && ggufs.length === 0) {
        out.push(await describeHf(snapshot, { id: localModelId('hf-cache', repoDir), name: repoId, source: 'hf-cache' }));
      }
    } catch (error) {
      walker.problems.push(`Skipped ${repoDir}: ${oneSentence(errorMessage(error))}`);
    }
  }
}

// --- entry points -----------------------------------------------------------------------------------------

export async function scanLocalModelsDetailed(opts: ScanOptions = {}): Promise<ScanReport> {
  const home = opts.home ?? homedir();
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const maxEntries = opts.maxEntries ?? 200_000;
  const walker = new Walker(opts.maxDepth ?? 6, maxEntries, Math.min(opts.maxEntriesPerSource ?? 50_000, maxEntries));
  const models: LocalModel[] = [];
  const seenDirs = new Set<string>();
  const once = async (dir: string): Promise<boolean> => {
    const real = await realpath(dir).catch(() => null);
    if (!real || seenDirs.has(real)) return false;
    seenDirs.add(real);
    await walker.startSource(real);
    return true;
  };

  for (const dir of ollamaDirs(home, env, platform, opts.home === undefined)) {
    if (await once(dir)) await guard(walker, dir, () => scanOllama(dir, walker, models));
  }
  for (const dir of [join(home, '.lmstudio', 'models'), join(home, '.cache', 'lm-studio', 'models')]) {
    if (await once(dir)) await guard(walker, dir, () => scanTree(dir, 'lmstudio', walker, models));
  }
  for (const dir of hubDirs(home, env)) {
    if (await once(dir)) await guard(walker, dir, () => scanHubCache(dir, walker, models));
  }
  for (const root of opts.roots ?? []) {
    if (await once(root)) await guard(walker, root, () => scanTree(root, 'folder', walker, models));
    else if (!(await exists(root))) walker.problems.push(`The folder ${root} does not exist.`);
  }

  // The same file can be reached twice (a user folder inside the HF cache): keep the first row.
  const unique = new Map<string, LocalModel>();
  for (const model of models) {
    // Ollama tags may share one blob and are distinct models to the user; elsewhere one file is one row.
    const key = model.source === 'ollama' ? `ollama|${model.name}` : await realpath(model.path).catch(() => model.path);
    if (!unique.has(key)) unique.set(key, model);
  }
  return { models: [...unique.values()], problems: walker.problems, truncated: walker.truncated };
}

async function guard(walker: Walker, dir: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    walker.problems.push(`Skipped ${dir}: ${oneSentence(errorMessage(error))}`);
  }
}

export async function scanLocalModels(opts: ScanOptions = {}): Promise<LocalModel[]> {
  return (await scanLocalModelsDetailed(opts)).models;
}
