// Worker-thread entry: runs detectHardware() away from the caller's event loop, because
// systeminformation uses execSync in places (issue #873: "awaiting promises ... can still block").
// electron-vite must emit this file as its own entry (see worker.ts for the expected output name).

import { parentPort, workerData } from 'node:worker_threads';
import { detectHardware, type DetectOptions } from './index';

interface WorkerRequest {
  opts: Omit<DetectOptions, 'matchCatalog' | 'env'>;
  /** Date.now() by which the answer is due; the worker's own start-up already used part of it. */
  deadlineAt?: number;
}

const port = parentPort;
if (port) {
  const request = (workerData ?? { opts: {} }) as WorkerRequest;
  // The worker was started with the caller's env (Worker `env` option), so process.env is the one the
  // tools and systeminformation must see.
  const deadlineMs = request.deadlineAt !== undefined ? Math.max(100, request.deadlineAt - Date.now()) : request.opts.deadlineMs;
  detectHardware({ ...request.opts, ...(deadlineMs !== undefined ? { deadlineMs } : {}), env: process.env }).then(
    (hardware) => port.postMessage({ ok: true, hardware }),
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
}
