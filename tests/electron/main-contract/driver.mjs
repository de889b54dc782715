// Runs the built main process against the stand-in electron module and writes what happened as JSON.
// VP_SMOKE (JSON) says where main is "installed", which platform to pretend, and which sender URLs to try.

import { writeFileSync } from 'node:fs';
import { __control as electron, BrowserWindow } from 'electron';

const cfg = JSON.parse(process.env.VP_SMOKE ?? '{}');
const out = { error: null, results: {} };

async function until(test, what) {
  for (let i = 0; i < 200; i++) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// A minimal plan that passes the contract's structural check; the PDF path only needs its shape.
const plan = {
  schema: 'vram-planner/plan@1',
  date: '2026-01-01',
  appVersion: '0.1.0',
  model: { name: 'Smoke 8B', id: 'smoke-8b' },
  hardware: { label: 'Stand-in GPU', devices: [] },
  comparison: [],
  devices: [],
  remedies: [],
  recipes: [],
  checklist: [],
  verdict: 'fits',
};

try {
  if (cfg.platform) Object.defineProperty(process, 'platform', { value: cfg.platform });
  process.argv.push(...(cfg.extraArgs ?? []));
  electron.rec('driver:import');
  await import(cfg.mainUrl);
  electron.rec('driver:evaluated');
  await electron.fireReady();
  await until(
    () => electron.log.some((e) => e.what === 'BrowserWindow.loadFile' || e.what === 'BrowserWindow.loadURL'),
    'the main window to load',
  );

  const main = BrowserWindow.getAllWindows()[0];
  const r = out.results;
  r.permissions = { media: await electron.permissionRequest('media'), notifications: electron.permissionCheck('notifications') };
  r.windowOpen = main.webContents.windowOpenHandler({ url: 'https://example.com/', disposition: 'foreground-tab' });
  let prevented = false;
  main.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.com/');
  r.navigationPrevented = prevented;
  r.channels = electron.channels();

  r.senders = [];
  for (const s of cfg.senders) {
    const reply = await electron.invoke('app:info', { url: s.url, parent: s.iframe ? {} : null });
    r.senders.push({ ...s, ok: reply.ok, code: reply.ok ? null : reply.error.code, sandboxed: reply.ok ? reply.value.sandboxed : null });
  }
  const trusted = { url: cfg.senders.find((s) => s.expect)?.url, parent: null };
  r.hfDialog = await electron.invoke('import:hfDialog', trusted);
  // Absent before the config.json choice existed; the test then fails on the dialog options, not here.
  r.hfConfigDialog = electron.channels().includes('import:hfConfigDialog') ? await electron.invoke('import:hfConfigDialog', trusted) : null;
  r.pdf = await electron.invoke('export:pdf', trusted, plan, { locale: 'en', pageSize: 'A4' });
} catch (error) {
  out.error = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
}
out.log = electron.log;
writeFileSync(cfg.record, JSON.stringify(out, null, 1));
// Main keeps timers (settings queue, workers) alive; the record is written, so end here.
process.exit(0);
