import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../../package.json';
import type { Hardware } from '../../../src/core/hardware/types';
import type { Plan } from '../../../src/core/plan/types';
import { createHandlers, type Services } from '../../../src/main/handlers';
import { createHardwareService, detectHardware } from '../../../src/main/services/hardware';
import { createImportService } from '../../../src/main/services/import/service';
import { createPlanExporter } from '../../../src/main/services/plan-export';
import { createProfileStore } from '../../../src/main/services/profiles';
import { createSettingsStore } from '../../../src/main/services/settings';
import { createUserLibrary } from '../../../src/main/services/user-library';
import { createEvidenceStore } from '../../../src/main/services/evidence-store';
import { createWorkspaceStore, WORKSPACE_FILE } from '../../../src/main/services/workspace';
import { createFakeTools, type FakeMode, type FakeToolName } from '../../support/fake-tools';
import type { PageSize, PlanLocale } from '../../../src/shared/ipc-contract';

/** What the scripted "native dialogs" answer next; tests set these like a user picking files. */
export interface DialogScript {
  modelFile: string | null;
  folderOrConfig: string | null;
  folder: string | null;
  save: string | null;
}

export interface TestHandlerOptions {
  /** Stand-in GPU tools for the REAL detection code; default: one RTX 4090 through nvidia-smi. */
  tools?: Partial<Record<FakeToolName, FakeMode>>;
  /** Renders a Plan to PDF bytes (the Chromium print view in tests). */
  renderPdf?: (plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }) => Promise<Uint8Array>;
  /** Home folder for the local model scan. */
  home?: string;
  /** Settings/profiles folder to reuse (to test persistence across reloads). */
  dir?: string;
}

/** The real handler map over real services, with settings and profiles in a temp folder. */
export async function testHandlers(overrides: Partial<Services> = {}, opts: TestHandlerOptions = {}) {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'vp-e2e-')));
  const tools = await createFakeTools();
  const env = tools.env(opts.tools ?? { 'nvidia-smi': { file: 'nvidia-smi/1gpu-rtx4090.csv' }, lspci: { file: 'lspci/no-gpu-D-vnn.txt' } });
  const dialogs: DialogScript = { modelFile: null, folderOrConfig: null, folder: null, save: null };
  const clipboard: string[] = [];
  const settings = createSettingsStore(join(dir, 'settings.json'));
  const handlers = createHandlers({
    identity: { name: 'VRAM Planner', version: pkg.version, locale: 'en-US' },
    settings,
    hardware: createHardwareService({
      detector: (o) => detectHardware({ ...o, env, skipSystemInformationGraphics: true, deadlineMs: 4000 }) as Promise<Hardware>,
    }),
    profiles: createProfileStore(dir),
    workspace: createWorkspaceStore(join(dir, WORKSPACE_FILE)),
    userLibrary: createUserLibrary(dir),
    evidence: createEvidenceStore(dir),
    dialogs: {
      openModelFile: async () => dialogs.modelFile,
      openModelFolderOrConfig: async () => dialogs.folderOrConfig,
      openFolder: async () => dialogs.folder,
    },
    exporter: createPlanExporter({
      chooseSavePath: async () => dialogs.save,
      renderPdf:
        opts.renderPdf ??
        (async () => {
          throw new Error('PDF rendering is not set up in this test.');
        }),
      writeClipboard: (text) => {
        clipboard.push(text);
      },
      settings,
      defaultFolder: dir,
    }),
    importer: createImportService({
      loadFolders: () => settings.scanFolders(),
      saveFolders: (f) => settings.saveScanFolders(f),
      scan: { home: opts.home ?? join(dir, 'home'), env: {} },
    }),
    ...overrides,
  });
  return { dir, handlers, dialogs, clipboard, cleanup: tools.cleanup, readSaved: (p: string) => readFile(p) };
}
