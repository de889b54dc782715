// Runs detection in a worker thread so the caller's event loop (Electron's main process) never blocks
// on systeminformation's execSync calls, and so a hung probe can be abandoned by terminating the
// worker. Falls back to in-process detection when a worker cannot be started.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_DEADLINE_MS, detectHardware, type DetectedHardware, type DetectOptions } from './index';

export interface OffThreadOptions extends DetectOptions {
  /** Where the worker entry lives; defaults to the bundled `detect-worker.js` beside this module's
   *  bundle, or the TypeScript source when running unbundled (tests, tsx). */
  workerUrl?: URL;
  /** Test hook: pretend workers are unavailable. */
  forceInProcess?: boolean;
}

export interface OffThreadResult extends DetectedHardware {
  /** How the detection ran; 'in-process' means the worker could not be used. */
  ranIn?: 'worker' | 'in-process';
}

/** The file electron-vite should emit next to out/main/index.js. */
export const WORKER_BUNDLE_NAME = 'detect-worker.js';

function hereUrl(): string {
  return import.meta.url;
}

/** Resolves tsx's ESM API through its package exports, for running the .ts entry unbundled. */
function tsxApiUrl(): string | null {
  try {
    const req = createRequire(hereUrl());
    const pkgPath = req.resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, unknown> };
    const entry = pkg.exports?.['./esm/api'] as { import?: { default?: string } | string } | undefined;
    const rel = typeof entry?.import === 'string' ? entry.import : entry?.import?.default;
    return rel ? pathToFileURL(path.join(path.dirname(pkgPath), rel)).href : null;
  } catch {
    return null;
  }
}

function spawnWorker(opts: OffThreadOptions, workerData: unknown): Worker | null {
  const env = { ...(opts.env ?? process.env) };
  if (opts.workerUrl) return new Worker(opts.workerUrl, { workerData, env });
  const here = hereUrl();
  if (here.endsWith('.ts')) {
    const entry = new URL('./detect-worker.ts', here).href;
    const api = tsxApiUrl();
    if (!api) return null;
    const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true, workerData, env });
  }
  const bundled = new URL(`./${WORKER_BUNDLE_NAME}`, here);
  if (!existsSync(fileURLToPath(bundled))) return null;
  return new Worker(bundled, { workerData, env });
}

export async function detectHardwareOffThread(opts: OffThreadOptions = {}): Promise<OffThreadResult> {
  const { workerUrl: _workerUrl, forceInProcess, matchCatalog: _matchCatalog, env: _env, ...plain } = opts;
  void _workerUrl;
  void _matchCatalog;
  void _env;
  const inProcess = async (why: string | null): Promise<OffThreadResult> => {
    // On the caller's thread systeminformation.graphics() could block it on an execSync (dmidecode,
    // nvidia-smi) with no timeout; our own bounded probes are all that may run here.
    const hw = await detectHardware({ ...opts, skipSystemInformationGraphics: true });
    const notes = why ? [...hw.notes, why] : hw.notes;
    return { ...hw, notes, ranIn: 'in-process' };
  };
  if (forceInProcess) return inProcess(null);
  const deadlineMs = Math.max(100, opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  let worker: Worker | null;
  try {
    worker = spawnWorker(opts, { opts: plain, deadlineAt: Date.now() + deadlineMs });
  } catch (e) {
    return inProcess(`Detection ran on the main thread because a worker could not start (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!worker) return inProcess('Detection ran on the main thread because the worker file was not found.');
  const w = worker;
  return new Promise<OffThreadResult>((resolve) => {
    let done = false;
    const finish = (value: OffThreadResult | null, fallbackWhy?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // A thread stuck inside systeminformation's execSync cannot stop at once; unref so it never keeps
      // the process alive.
      w.unref();
      void w.terminate();
      if (value) resolve(value);
      else void inProcess(fallbackWhy ?? null).then(resolve);
    };
    // The worker works to the same deadline (start-up included); this margin only covers a worker stuck
    // in systeminformation's execSync, which cannot be interrupted.
    const timer = setTimeout(() => {
      const hw: OffThreadResult = {
        gpus: [],
        // Node's own figures cost nothing and keep RAM/CPU present even now.
        ram: { totalBytes: os.totalmem(), availableBytes: os.freemem() },
        cpu: {
          brand: os.cpus()[0]?.model?.trim() || 'Unknown CPU',
          cores: os.cpus().length,
          threads: os.cpus().length,
          memoryBandwidthGBps: null,
        },
        os: { platform: opts.platform ?? process.platform, distro: os.type(), release: os.release(), arch: os.arch() },
        detectedAt: new Date().toISOString(),
        notes: [`Hardware detection did not finish within ${((deadlineMs + 1000) / 1000).toFixed(1)} s and was stopped.`],
        ranIn: 'worker',
      };
      finish(hw);
    }, deadlineMs + 1000);
    timer.unref?.();
    w.once('message', (msg: { ok: boolean; hardware?: DetectedHardware; message?: string }) => {
      if (msg.ok && msg.hardware) finish({ ...msg.hardware, ranIn: 'worker' });
      else finish(null, `Detection ran on the main thread because the worker failed (${msg.message ?? 'no reason given'}).`);
    });
    w.once('error', (e) => finish(null, `Detection ran on the main thread because the worker failed (${e.message}).`));
    w.once('exit', (code) => finish(null, `Detection ran on the main thread because the worker exited with code ${code}.`));
  });
}
