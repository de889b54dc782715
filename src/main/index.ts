// Electron shell: lifecycle, the window, and the security checklist. Everything else lives in
// services/ and handlers.ts so it runs and is tested without Electron.

import { app, BrowserWindow, clipboard, dialog, screen, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeDialogs } from './dialogs';
import { createHandlers } from './handlers';
import { registerIpc } from './ipc';
import { createTrustedUrl, isExternalLinkAllowed, isNavigationAllowed } from './security';
import { fitToDisplays } from './window-bounds';
import { renderPlanPdf } from './pdf';
import { detectHardwareOffThread } from './services/hardware/worker';
import { createHardwareService } from './services/hardware';
import { createImportService } from './services/import/service';
import { createPlanExporter } from './services/plan-export';
import { createProfileStore } from './services/profiles';
import { createSettingsStore, type WindowBounds } from './services/settings';
import { createUserLibrary } from './services/user-library';
import { createEvidenceStore } from './services/evidence-store';
import { createWorkspaceStore, WORKSPACE_FILE } from './services/workspace';

const log = (message: string, error?: unknown): void => {
  console.error(`[vram-planner] ${message}`, error ?? '');
};

// ESM output: no __dirname, so derive the build folder from this module's URL.
const here = dirname(fileURLToPath(import.meta.url));

// Checklist item 4: sandbox every renderer, before any window exists.
app.enableSandbox();

// Must match electron-builder's appId: Windows groups the taskbar button, pins and notifications by it.
const APP_USER_MODEL_ID = 'app.vramplanner.desktop';
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

// False when Chromium's OS sandbox is off: the AppImage adds --no-sandbox on Ubuntu ≥ 23.10 (AppArmor
// blocks unprivileged user namespaces), and users pass it by hand; the window shows a notice then. Read
// from process.argv, not app.commandLine: app.enableSandbox() above strips --no-sandbox from Chromium's
// command line, while process.argv keeps what the launcher passed.
const osSandboxed = !process.argv.includes('--no-sandbox') && !process.env['ELECTRON_DISABLE_SANDBOX'];
if (!osSandboxed) log('Running without the operating-system sandbox (--no-sandbox); see docs/distribution.md.');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const rendererDir = join(here, '../renderer');
  const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
  const trusted = createTrustedUrl(rendererDir, devServerUrl);
  const settings = createSettingsStore(join(app.getPath('userData'), 'settings.json'));
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Items 13 and 14: no navigation away, no new windows, no webviews, for every webContents.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(contents.getURL(), url)) {
        event.preventDefault();
        log(`Blocked navigation to ${url}`);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // No window ever opens inside the app; only allow-listed https hosts go to the system browser.
      if (isExternalLinkAllowed(url)) void shell.openExternal(url);
      else log(`Refused to open ${url}`);
      return { action: 'deny' };
    });
  });

  async function createWindow(): Promise<void> {
    const saved = await settings.windowBounds().catch(() => null);
    const min = { width: 1024, height: 700 };
    // A saved position on a monitor that is gone would reopen off-screen: fit it to the displays now attached.
    const primary = screen.getPrimaryDisplay();
    const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
    const bounds = fitToDisplays(saved ?? { width: 1280, height: 860 }, areas, min);
    mainWindow = new BrowserWindow({
      ...bounds,
      minWidth: min.width,
      minHeight: min.height,
      show: false,
      title: 'VRAM Planner',
      autoHideMenuBar: true,
      webPreferences: {
        preload: join(here, '../preload/index.cjs'),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        spellcheck: false,
      },
    });
    if (saved?.maximized) mainWindow.maximize();
    mainWindow.once('ready-to-show', () => mainWindow?.show());

    const remember = (): void => {
      if (!mainWindow || mainWindow.isDestroyed()) return;
      const b = mainWindow.getNormalBounds();
      const bounds: WindowBounds = { ...b, maximized: mainWindow.isMaximized() };
      void settings.saveWindowBounds(bounds).catch((e) => log('Could not save window bounds', e));
    };
    mainWindow.on('close', remember);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });

    if (devServerUrl) await mainWindow.loadURL(devServerUrl);
    else await mainWindow.loadFile(join(rendererDir, 'index.html'));
  }

  void app.whenReady().then(async () => {
    // Item 5: an offline planner needs no camera, notifications, geolocation or anything else.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    const parent = (): BrowserWindow | undefined => mainWindow ?? undefined;
    const pick = async (options: Electron.OpenDialogOptions): Promise<string | null> => {
      const w = parent();
      const res = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return res.canceled ? null : (res.filePaths[0] ?? null);
    };
    const dialogs = nativeDialogs(pick);
    const handlers = createHandlers({
      identity: { name: app.getName(), version: app.getVersion(), locale: app.getLocale(), sandboxed: osSandboxed },
      settings,
      // Probes run in a worker thread: systeminformation's execSync calls never block this process.
      hardware: createHardwareService({ detector: (opts) => detectHardwareOffThread(opts) }),
      profiles: createProfileStore(app.getPath('userData')),
      workspace: createWorkspaceStore(join(app.getPath('userData'), WORKSPACE_FILE)),
      userLibrary: createUserLibrary(app.getPath('userData')),
      evidence: createEvidenceStore(app.getPath('userData')),
      dialogs,
      importer: createImportService({ loadFolders: () => settings.scanFolders(), saveFolders: (f) => settings.saveScanFolders(f) }),
      exporter: createPlanExporter({
        chooseSavePath: async (defaultPath) => {
          const w = parent();
          const pdf = defaultPath.toLowerCase().endsWith('.pdf');
          const options: Electron.SaveDialogOptions = {
            defaultPath,
            filters: [pdf ? { name: 'PDF', extensions: ['pdf'] } : { name: 'Markdown', extensions: ['md'] }],
          };
          const res = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
          return res.canceled || !res.filePath ? null : res.filePath;
        },
        renderPdf: (plan, opts) => renderPlanPdf(plan, opts),
        writeClipboard: (text) => clipboard.writeText(text),
        settings,
        defaultFolder: app.getPath('documents'),
      }),
    });
    registerIpc(handlers, trusted, log);
    await createWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
