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

export function createWatchService(opts: WatchOptions = {}): WatchService {
  const probe = opts.probe ?? defaultProbe;
  const interval = opts.intervalMs ?? 1000;
  const probeTimeout = opts.probeTimeoutMs ?? 3000;
  const now = opts.now ?? (() => performance.now());
  let samples: WatchSample[] = [];
  /** Sequence number of samples[0]: older samples dropped past MAX_SAMPLES keep their numbers. */
  let first = 0;
  let peaks = new Map<number, { index: number; name: string; usedBytes: number }>();
  let running = false;
  let stopped: WatchStopReason | null = null;
  let message: string | null = null;
  let skipped = 0;
  let maxMinutes = 5;
  let startedAt = 0;
  let timer: NodeJS.Timeout | null = null;
  /** Each start bumps it, so a probe still out from an earlier watch cannot write into this one. */
  let generation = 0;

  function end(reason: WatchStopReason, why: string | null = null): void {
    running = false;
    stopped = reason;
    message = why;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function record(devices: WatchDevice[]): void {
    samples.push({ t: now() - startedAt, devices });
    if (samples.length > MAX_SAMPLES) {
      samples.shift();
      first++;
    }
    for (const d of devices) {
      const p = peaks.get(d.index);
      if (!p || d.usedBytes > p.usedBytes) peaks.set(d.index, { index: d.index, name: d.name, usedBytes: d.usedBytes });
    }
  }

  async function tick(gen: number): Promise<void> {
    const outcome = await withDeadline(
      probe().catch((e: unknown): ProbeOutcome => ({ gpus: [], status: 'failed', note: e instanceof Error ? e.message : String(e) })),
      probeTimeout,
      (): ProbeOutcome => ({ gpus: [], status: 'timeout', note: `nvidia-smi did not answer within ${probeTimeout / 1000} s` }),
    );
    if (gen !== generation || !running) return;
    const devices = devicesOf(outcome);
    if (devices.length > 0) record(devices);
    else if (outcome.status === 'missing' || (outcome.status === 'ok' && samples.length === 0)) {
      end('no-gpu', 'nvidia-smi is not installed or found no GPU.');
      return;
    } else {
      skipped++;
      message = outcome.note;
      // A tool that never once answered is no watch at all: stop after the first few tries instead of spinning.
      if (samples.length === 0 && skipped >= 3) {
        end('error', outcome.note ?? 'nvidia-smi did not answer.');
        return;
      }
    }
    if (now() - startedAt >= maxMinutes * 60_000) return end('time');
    if (flatAfterRise(samples)) return end('flat');
    timer = setTimeout(() => void tick(gen), interval);
  }

  function snapshot(since: number): WatchSnapshot {
    const from = Math.max(0, since - first);
    return {
      running,
      samples: samples.slice(from),
      next: first + samples.length,
      peaks: [...peaks.values()].sort((a, b) => a.index - b.index),
      stopped,
      message,
      skipped,
      maxMinutes,
    };
  }

  return {
    start({ maxMinutes: minutes }) {
      if (timer) clearTimeout(timer);
      generation++;
      samples = [];
      first = 0;
      peaks = new Map();
      stopped = null;
      message = null;
      skipped = 0;
      maxMinutes = Math.min(MAX_MINUTES, Math.max(1, minutes));
      startedAt = now();
      running = true;
      void tick(generation);
      return snapshot(0);
    },
    read(since) {
      return snapshot(since);
    },
    stop() {
      if (running) end('user');
      return snapshot(first + samples.length);
    },
  };
}
