// "Watch while you test": samples the GPUs' used memory once a second while the user starts a runtime,
// through the same nvidia-smi probe detection uses (no shell, hard deadline per call), keeps the samples
// and the peak per GPU, and stops by itself. The renderer reads what was gathered since its last look
// (watch:read), so nothing here waits on the window and the window never waits on a probe.

import { performance } from 'node:perf_hooks';
import { probeNvidia, withDeadline, type ProbeOutcome } from './hardware/probes';

export interface WatchDevice {
  /** nvidia-smi's index, the CUDA device order llama.cpp prints as CUDA0, CUDA1, … by default. */
  index: number;
  name: string;
  usedBytes: number;
  totalBytes: number | null;
}

export interface WatchSample {
  /** Milliseconds since the watch started. */
  t: number;
  devices: WatchDevice[];
}

export type WatchStopReason = 'user' | 'time' | 'flat' | 'no-gpu' | 'error';

export interface WatchSnapshot {
  running: boolean;
  /** Samples with a sequence number ≥ the `since` asked for; `next` is what to ask for next time. */
  samples: WatchSample[];
  next: number;
  peaks: Array<{ index: number; name: string; usedBytes: number }>;
  stopped: WatchStopReason | null;
  /** One English sentence for the stop or the last skipped probe; null when there is nothing to say. */
  message: string | null;
  /** Probes that timed out or failed while running (their second is missing from the chart). */
  skipped: number;
  maxMinutes: number;
  /** How long memory has to stay flat after a rise for the watch to stop by itself (FLAT_MS). */
  flatSeconds: number;
}

export interface WatchOptions {
  /** Reads the GPUs once; resolves with no GPUs and a note when there are none. */
  probe?: () => Promise<ProbeOutcome>;
  intervalMs?: number;
  /** A probe slower than this is abandoned for this tick; nvidia-smi answers in well under a second. */
  probeTimeoutMs?: number;
  now?: () => number;
}

export interface WatchService {
  start(opts: { maxMinutes: number }): WatchSnapshot;
  read(since: number): WatchSnapshot;
  stop(): WatchSnapshot;
}

/** A rise worth calling "the runtime loaded": a model's weights are far above the CUDA context's few hundred MiB. */
export const RISE_BYTES = 512 * 2 ** 20;
/** Flat: every GPU within this of its value FLAT_MS ago. llama.cpp allocates everything at load, then holds. */
export const FLAT_BYTES = 64 * 2 ** 20;
export const FLAT_MS = 20_000;
/** Samples kept: 30 minutes at one a second; the watch never runs longer. */
const MAX_SAMPLES = 1800;
export const MAX_MINUTES = 30;

function defaultProbe(): Promise<ProbeOutcome> {
  return probeNvidia({
    env: process.env,
    platform: process.platform,
    sysfsRoot: '/sys',
    deadline: performance.now() + 3000,
    toolTimeoutMs: 2500,
  });
}

function devicesOf(outcome: ProbeOutcome): WatchDevice[] {
  return outcome.gpus
    .filter((g) => g.vramUsedBytes !== null)
    .map((g, i) => ({
      index: g.index ?? i,
      name: g.name ?? `GPU ${g.index ?? i}`,
      usedBytes: g.vramUsedBytes!,
      totalBytes: g.vramTotalBytes,
    }));
}

/** True once some GPU rose by RISE_BYTES over its first sample and no GPU moved by FLAT_BYTES in the last FLAT_MS. */
export function flatAfterRise(samples: readonly WatchSample[]): boolean {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.t - first.t < FLAT_MS) return false;
  const base = new Map(first.devices.map((d) => [d.index, d.usedBytes]));
  const rose = last.devices.some((d) => d.usedBytes - (base.get(d.index) ?? d.usedBytes) >= RISE_BYTES);
  if (!rose) return false;
  const window = samples.filter((s) => s.t >= last.t - FLAT_MS);
  if (window[0]!.t > last.t - FLAT_MS + 2000) return false;
  for (const d of last.devices) {
    let lo = d.usedBytes;
    let hi = d.usedBytes;
    for (const s of window) {
      const v = s.devices.find((x) => x.index === d.index)?.usedBytes ?? d.usedBytes;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (hi - lo > FLAT_BYTES) return false;
  }
  return true;
}

/** One watch's gathered state; a new start replaces it whole. */
interface Run {
  samples: WatchSample[];
  /** Sequence number of samples[0]: older samples dropped past MAX_SAMPLES keep their numbers. */
  first: number;
  peaks: Map<number, { index: number; name: string; usedBytes: number }>;
  running: boolean;
  stopped: WatchStopReason | null;
  message: string | null;
  skipped: number;
  maxMinutes: number;
  startedAt: number;
}

function newRun(maxMinutes: number, startedAt: number, running: boolean): Run {
  return { samples: [], first: 0, peaks: new Map(), running, stopped: null, message: null, skipped: 0, maxMinutes, startedAt };
}

function record(run: Run, devices: WatchDevice[], t: number): void {
  run.samples.push({ t, devices });
  if (run.samples.length > MAX_SAMPLES) {
    run.samples.shift();
    run.first++;
  }
  for (const d of devices) {
    const p = run.peaks.get(d.index);
    if (!p || d.usedBytes > p.usedBytes) run.peaks.set(d.index, { index: d.index, name: d.name, usedBytes: d.usedBytes });
  }
}

function snapshot(run: Run, since: number): WatchSnapshot {
  return {
    running: run.running,
    samples: run.samples.slice(Math.max(0, since - run.first)),
    next: run.first + run.samples.length,
    peaks: [...run.peaks.values()].sort((a, b) => a.index - b.index),
    stopped: run.stopped,
    message: run.message,
    skipped: run.skipped,
    maxMinutes: run.maxMinutes,
    flatSeconds: FLAT_MS / 1000,
  };
}

/** What one probe answer does to the run: a sample, a skip, or the end of the watch (returned). */
function apply(run: Run, outcome: ProbeOutcome, t: number): WatchStopReason | null {
  const devices = devicesOf(outcome);
  if (devices.length > 0) record(run, devices, t);
  else if (outcome.status === 'missing' || (outcome.status === 'ok' && run.samples.length === 0)) {
    run.message = 'nvidia-smi is not installed or found no GPU.';
    return 'no-gpu';
  } else {
    run.skipped++;
    run.message = outcome.note;
    // A tool that never once answered is no watch at all: stop after the first few tries instead of spinning.
    if (run.samples.length === 0 && run.skipped >= 3) {
      run.message = outcome.note ?? 'nvidia-smi did not answer.';
      return 'error';
    }
  }
  if (t >= run.maxMinutes * 60_000) {
    run.message = null;
    return 'time';
  }
  if (flatAfterRise(run.samples)) {
    run.message = null;
    return 'flat';
  }
  return null;
}

export function createWatchService(opts: WatchOptions = {}): WatchService {
  const probe = opts.probe ?? defaultProbe;
  const interval = opts.intervalMs ?? 1000;
  const probeTimeout = opts.probeTimeoutMs ?? 3000;
  const now = opts.now ?? (() => performance.now());
  let run = newRun(5, 0, false);
  let timer: NodeJS.Timeout | null = null;

  function end(r: Run, reason: WatchStopReason): void {
    r.running = false;
    r.stopped = reason;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function tick(r: Run): Promise<void> {
    const outcome = await withDeadline(
      probe().catch((e: unknown): ProbeOutcome => ({ gpus: [], status: 'failed', note: e instanceof Error ? e.message : String(e) })),
      probeTimeout,
      (): ProbeOutcome => ({ gpus: [], status: 'timeout', note: `nvidia-smi did not answer within ${probeTimeout / 1000} s` }),
    );
    // A probe still out from an earlier watch, or one that answers after Stop, changes nothing.
    if (r !== run || !r.running) return;
    const stop = apply(r, outcome, now() - r.startedAt);
    if (stop) end(r, stop);
    else {
      timer = setTimeout(() => void tick(r), interval);
      // A watch left running must not keep the app alive after its windows are gone.
      timer.unref?.();
    }
  }

  return {
    start({ maxMinutes }) {
      if (timer) clearTimeout(timer);
      run = newRun(Math.min(MAX_MINUTES, Math.max(1, maxMinutes)), now(), true);
      void tick(run);
      return snapshot(run, 0);
    },
    read(since) {
      return snapshot(run, since);
    },
    stop() {
      if (run.running) {
        run.message = null;
        end(run, 'user');
      }
      return snapshot(run, run.first + run.samples.length);
    },
  };
}
