// The import service behind the IPC handlers: turns paths main chose (dialogs, drops) and ids from the
// last local scan into the contract's ImportedModel / LocalScan. The page never sends or sees a path:
// local models are addressed by opaque ids that only this service can map back to files.

import { homedir } from 'node:os';
import { basename, sep } from 'node:path';
import { createSerialQueue } from '../json-store';
import type { ImportedModel, LocalModelInfo, LocalScan } from '../../../shared/ipc-contract';
import { countParameters } from '../../../core/model/params';
import { ImportError } from './errors';
import { customModelFromParameters, inspectPath, type InspectResult } from './index';
import { scanLocalModelsDetailed, type LocalModel, type ScanOptions } from './local-scan';

export interface ImportServiceOptions {
  /** Folders the user added, persisted by the caller (settings store). */
  loadFolders(): Promise<string[]>;
  saveFolders(folders: string[]): Promise<void>;
  /** Overrides for tests (home, env, limits). */
  scan?: Omit<ScanOptions, 'roots'>;
}

export interface ImportService {
  /** A path main obtained itself (open dialog, dropped file). */
  importPath(path: string): Promise<ImportedModel>;
  importParameters(text: string): ImportedModel;
  /** An id from the latest scan. */
  importLocal(id: string): Promise<ImportedModel>;
  scan(): Promise<LocalScan>;
  /** Adds a folder the user picked in main's dialog and rescans. */
  addFolder(path: string): Promise<LocalScan>;
}

export function toImportedModel(result: InspectResult, name?: string): ImportedModel {
  return {
    kind: result.kind,
    name: name ?? result.input.spec.name,
    input: result.input,
    architecture: result.architecture,
    parameterCount: result.parameterCount,
    layers: result.layers,
    weightsBytes: result.weightsBytes,
    quant: result.kind === 'gguf' ? result.fileType : result.format,
    files: result.files.map((f) => basename(f)),
    warnings: result.warnings,
    bytesRead: result.bytesRead ?? null,
  };
}

export function importedFromParameters(text: string): ImportedModel {
  const input = customModelFromParameters(text);
  const spec = input.spec;
  const parameterCount = countParameters(spec).total;
  return {
    kind: 'parameters',
    name: spec.name,
    input,
    architecture: spec.architecture,
    parameterCount,
    layers: spec.layers,
    // Sized at 16 bits until the user picks a quantisation; the estimate recomputes it per format.
    weightsBytes: parameterCount * 2,
    quant: null,
    files: [],
    warnings: ['A bare parameter count stands for a generic Llama-shaped model; KV-cache figures are typical, not exact.'],
    bytesRead: null,
  };
}

/** "~/.ollama/models/…" instead of the full home path, for display only. */
export function displayLocation(path: string, home = homedir()): string {
  if (home && (path === home || path.startsWith(home + sep))) return `~${path.slice(home.length)}`;
  return path;
}

function toInfo(model: LocalModel, home: string): LocalModelInfo {
  return {
    id: model.id,
    name: model.name,
    source: model.source,
    location: displayLocation(model.path, home),
    sizeBytes: model.sizeBytes,
    format: model.format,
    quant: model.quant,
    architecture: model.architecture,
    parameterCount: model.parameterCount,
    problem: model.problem,
  };
}

export function createImportService(opts: ImportServiceOptions): ImportService {
  const home = opts.scan?.home ?? homedir();
  let known = new Map<string, LocalModel>();
  const addQueue = createSerialQueue();

  async function scan(): Promise<LocalScan> {
    const folders = await opts.loadFolders();
    const report = await scanLocalModelsDetailed({ ...opts.scan, roots: folders });
    known = new Map(report.models.map((m) => [m.id, m]));
    return {
      models: report.models.map((m) => toInfo(m, home)),
      problems: report.problems,
      folders: folders.map((f) => displayLocation(f, home)),
    };
  }

  return {
    async importPath(path) {
      return toImportedModel(await inspectPath(path));
    },
    importParameters(text) {
      return importedFromParameters(text);
    },
    async importLocal(id) {
      const model = known.get(id);
      if (!model) throw new ImportError('not-found', 'That model is no longer in the list; scan for local models again.');
      if (model.problem && model.architecture === null) throw new ImportError('bad-input', model.problem);
      return toImportedModel(await inspectPath(model.path), model.name);
    },
    scan,
    async addFolder(path) {
      // Read-modify-write in one queue: two quick additions both read the list before either saved it,
      // and one was lost.
      await addQueue(async () => {
        const folders = await opts.loadFolders();
        if (!folders.includes(path)) await opts.saveFolders([...folders, path]);
      });
      return scan();
    },
  };
}
