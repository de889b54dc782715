// A recording stand-in for the `electron` module, for the main-process contract test. It implements only
// what our main process uses, enforces the rules Electron enforces (no windows, sessions or screen before
// ready; enableSandbox only before ready; one handler per IPC channel), and writes down every call in order.
// It is a contract test of our use of Electron's API, not a substitute for Electron.

import { pathToFileURL } from 'node:url';

const cfg = JSON.parse(process.env.VP_SMOKE ?? '{}');
const log = [];
let ready = false;
let resolveReady;
const readyPromise = new Promise((resolve) => {
  resolveReady = resolve;
});
const appListeners = new Map();
const ipcHandlers = new Map();
const windows = [];
const permission = { request: null, check: null };

/** Options as data: functions and buffers dropped, so the log can travel as JSON. */
const plain = (value) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));
const rec = (what, detail) => log.push({ what, ready, detail: plain(detail) });
const requireReady = (what) => {
  if (!ready) throw new Error(`${what} cannot be used before the app is ready`);
};

function makeWebContents(owner) {
  const listeners = new Map();
  const wc = {
    url: '',
    windowOpenHandler: null,
    getURL: () => wc.url,
    on(event, fn) {
      listeners.set(event, [...(listeners.get(event) ?? []), fn]);
      return wc;
    },
    emit(event, ...args) {
      for (const fn of listeners.get(event) ?? []) fn(...args);
    },
    setWindowOpenHandler(fn) {
      rec('webContents.setWindowOpenHandler', { window: owner?.id ?? null });
      wc.windowOpenHandler = fn;
    },
    async executeJavaScript(code) {
      rec('webContents.executeJavaScript', { window: owner?.id ?? null, length: code.length });
      return true;
    },
    async printToPDF(options) {
      rec('webContents.printToPDF', { window: owner?.id ?? null, options });
      return Buffer.from('%PDF-1.7\n% stand-in\n%%EOF\n');
    },
  };
  return wc;
}

export const app = {
  isPackaged: true,
  commandLine: {
    hasSwitch: (name) => process.argv.includes(`--${name}`),
    appendSwitch: (name, value) => rec('app.commandLine.appendSwitch', { name, value }),
  },
  enableSandbox() {
    if (ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    rec('app.enableSandbox');
  },
  requestSingleInstanceLock() {
    rec('app.requestSingleInstanceLock');
    return true;
  },
  setAppUserModelId(id) {
    rec('app.setAppUserModelId', { id });
  },
  quit() {
    rec('app.quit');
  },
  on(event, fn) {
    rec('app.on', { event });
    appListeners.set(event, [...(appListeners.get(event) ?? []), fn]);
    return app;
  },
  whenReady() {
    rec('app.whenReady');
    return readyPromise;
  },
  isReady: () => ready,
  getPath(name) {
    if (name === 'userData') return cfg.userData;
    if (name === 'documents') return cfg.documents;
    throw new Error(`stand-in has no path ${name}`);
  },
  getName: () => 'VRAM Planner',
  getVersion: () => '0.1.0',
  getLocale: () => 'en-US',
};

export class BrowserWindow {
  static getAllWindows() {
    return windows.filter((w) => !w.destroyed);
  }
  constructor(options = {}) {
    requireReady('new BrowserWindow()');
    this.id = windows.length + 1;
    this.destroyed = false;
    this.listeners = new Map();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.webContents = makeWebContents(this);
    windows.push(this);
    rec('BrowserWindow.new', { id: this.id, options });
    for (const fn of appListeners.get('web-contents-created') ?? []) fn({}, this.webContents);
  }
  on(event, fn) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event, fn) {
    return this.on(event, fn);
  }
  emit(event, ...args) {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
  async loadFile(path) {
    rec('BrowserWindow.loadFile', { id: this.id, path });
    this.webContents.url = pathToFileURL(path).href;
    this.emit('ready-to-show');
  }
  async loadURL(url) {
    rec('BrowserWindow.loadURL', { id: this.id, url });
    this.webContents.url = url;
    this.emit('ready-to-show');
  }
  show() {
    rec('BrowserWindow.show', { id: this.id });
  }
  focus() {}
  restore() {}
  maximize() {
    rec('BrowserWindow.maximize', { id: this.id });
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    rec('BrowserWindow.destroy', { id: this.id });
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
}

const defaultSession = {
  setPermissionRequestHandler(fn) {
    rec('session.setPermissionRequestHandler');
    permission.request = fn;
  },
  setPermissionCheckHandler(fn) {
    rec('session.setPermissionCheckHandler');
    permission.check = fn;
  },
};
export const session = {
  get defaultSession() {
    requireReady('session.defaultSession');
    return defaultSession;
  },
};

export const ipcMain = {
  handle(channel, fn) {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    rec('ipcMain.handle', { channel });
    ipcHandlers.set(channel, fn);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
};

const splitDialogArgs = (a, b) => (a instanceof BrowserWindow ? { parent: a.id, options: b } : { parent: null, options: a });
export const dialog = {
  async showOpenDialog(a, b) {
    rec('dialog.showOpenDialog', splitDialogArgs(a, b));
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog(a, b) {
    rec('dialog.showSaveDialog', splitDialogArgs(a, b));
    return { canceled: false, filePath: cfg.savePath };
  },
};

const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
export const screen = {
  getPrimaryDisplay() {
    requireReady('screen');
    return display;
  },
  getAllDisplays() {
    requireReady('screen');
    return [display];
  },
};

export const clipboard = { writeText: (text) => rec('clipboard.writeText', { length: text.length }) };
export const shell = { openExternal: async (url) => rec('shell.openExternal', { url }) };

/** Test controls: not part of Electron. */
export const __control = {
  log,
  rec,
  fireReady() {
    ready = true;
    rec('app:ready');
    for (const fn of appListeners.get('ready') ?? []) fn();
    resolveReady();
    return readyPromise;
  },
  emitApp(event, ...args) {
    for (const fn of appListeners.get(event) ?? []) fn(...args);
  },
  makeWebContents,
  channels: () => [...ipcHandlers.keys()],
  invoke(channel, senderFrame, ...args) {
    const fn = ipcHandlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    return fn({ senderFrame }, ...args);
  },
  permissionRequest(name) {
    return new Promise((resolve) => permission.request({}, name, resolve, {}));
  },
  permissionCheck(name) {
    return permission.check({}, name, '', {});
  },
};

export default { app, BrowserWindow, session, ipcMain, dialog, screen, clipboard, shell };
