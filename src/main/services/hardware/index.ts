// Hardware detection: every probe the platform offers, reconciled into one Hardware value, within a
// whole-detection deadline. Failures never throw; they become one-sentence notes.

import type { Hardware } from '../../../core/hardware/types';
import { getCatalogMatcher } from './catalog-match';
import type { GpuCandidate } from './parsers/common';
import {
  probeAmdSmi,
  probeLspci,
  probeMac,
  probeNvidia,
  probeRocmSmi,
  probeSiGraphics,
  probeSysfs,
  probeSystem,
  withDeadline,
  type ProbeContext,
  type ProbeOutcome,
} from './probes';
import { reconcileGpus, type CatalogMatcher, type DetectedGpu } from './reconcile';

export type { DetectedGpu } from './reconcile';

export interface DetectOptions {
  /** Whole-detection deadline in ms (default 6000). */
  deadlineMs?: number;
  /** Per-tool timeout in ms (default min(4000, deadline)). */
  toolTimeoutMs?: number;
  /** Environment for the tools (PATH decides which nvidia-smi/lspci run). */
  env?: NodeJS.ProcessEnv;
  /** Root of sysfs, "/sys" unless a test points it at a fixture tree. */
  sysfsRoot?: string;
  platform?: NodeJS.Platform;
  /** Apple Silicon: share of unified memory the GPU may use, overriding the macOS default guess. */
  appleWorkingSetFraction?: number | null;
  /** Overrides the catalog adapter (tests). */
  matchCatalog?: CatalogMatcher | null;
  /** Skip systeminformation.graphics() entirely (tests that must not depend on the host). */
  skipSystemInformationGraphics?: boolean;
}

export interface DetectedHardware extends Hardware {
  gpus: DetectedGpu[];
  /** Wall time of this detection, ms. */
  durationMs?: number;
}

export const DEFAULT_DEADLINE_MS = 6000;
const DEFAULT_TOOL_TIMEOUT_MS = 4000;

const skipped = (): ProbeOutcome => ({ gpus: [], status: 'skipped', note: null });

/** Sentences for tools that were not installed, when their absence left a gap the user can see. */
function missingToolNotes(
  platform: NodeJS.Platform,
  gpus: DetectedGpu[],
  nvidia: ProbeOutcome | undefined,
  rocm: ProbeOutcome | undefined,
  amdSmi: ProbeOutcome | undefined,
  lspci: ProbeOutcome | undefined,
): string[] {
  const notes: string[] = [];
  if (nvidia?.status === 'missing' && gpus.some((g) => g.vendor === 'nvidia')) {
    notes.push('nvidia-smi is not installed or not on PATH, so NVIDIA memory figures are incomplete.');
  }
  if (
    platform === 'linux' &&
    rocm?.status === 'missing' &&
    amdSmi?.status === 'missing' &&
    gpus.some((g) => g.vendor === 'amd' && g.source !== 'sysfs' && g.kind === 'dedicated' && g.confidence === 'low')
  ) {
    notes.push('Neither rocm-smi nor amd-smi is installed and sysfs gave no memory size for the AMD GPU.');
  }
  if (lspci?.status === 'missing' && platform === 'linux' && gpus.length === 0) {
    notes.push('lspci is not installed, so GPUs without a vendor tool cannot be listed.');
  }
  if (gpus.length === 0) notes.push('No GPU was found; estimates will use system RAM only.');
  return notes;
}

/**
 * systeminformation.graphics() is the main path on Windows (registry qwMemorySize) and the last resort
 * elsewhere. It re-runs nvidia-smi (execFileSync) and lspci -vvv with no timeout of its own, so after any
 * of our tools hung it would hang again, for as long, out of our reach: skip it then.
 */
async function addSiGraphics(
  platform: NodeJS.Platform,
  outcomes: ProbeOutcome[],
  candidates: GpuCandidate[],
  notes: string[],
  opts: DetectOptions,
  probe: () => Promise<ProbeOutcome>,
): Promise<void> {
  const needSi = platform === 'win32' || !candidates.some((c) => c.vramTotalBytes !== null || c.source === 'lspci');
  if (!needSi || opts.skipSystemInformationGraphics) return;
  if (outcomes.some((o) => o.status === 'timeout')) {
    notes.push('systeminformation.graphics() was skipped because a GPU tool did not answer in time.');
    return;
  }
  const siOut = await probe();
  for (const g of siOut.gpus) candidates.push(g);
  if (siOut.note) notes.push(siOut.note);
}

export async function detectHardware(opts: DetectOptions = {}): Promise<DetectedHardware> {
  const started = performance.now();
  const deadlineMs = Math.max(100, opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const platform = opts.platform ?? process.platform;
  const ctx: ProbeContext = {
    env: opts.env ?? process.env,
    platform,
    sysfsRoot: opts.sysfsRoot ?? '/sys',
    // Keep a little time for reconciliation and the reply.
    deadline: started + deadlineMs - Math.min(250, deadlineMs * 0.1),
    toolTimeoutMs: Math.min(opts.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS, deadlineMs),
    appleWorkingSetFraction: opts.appleWorkingSetFraction ?? null,
  };
  const notes: string[] = [];
  const hardStop = (): number => Math.max(0, started + deadlineMs - performance.now() - 20);
  const bounded = (p: Promise<ProbeOutcome>, what: string): Promise<ProbeOutcome> =>
    withDeadline(
      p.catch((e: unknown) => ({
        gpus: [],
        status: 'failed' as const,
        note: `Could not read ${what}: ${e instanceof Error ? e.message : String(e)}.`,
      })),
      hardStop(),
      () => ({ gpus: [], status: 'timeout' as const, note: `Reading ${what} did not finish before the detection deadline.` }),
    );

  const systemP = probeSystem(ctx);
  const nvidiaP = platform === 'darwin' ? Promise.resolve(skipped()) : bounded(probeNvidia(ctx), 'NVIDIA GPUs');
  const sysfsP = bounded(probeSysfs(ctx), 'sysfs');
  const lspciP = bounded(probeLspci(ctx), 'lspci');
  const rocmP = platform === 'linux' ? bounded(probeRocmSmi(ctx), 'AMD GPUs with rocm-smi') : Promise.resolve(skipped());
  const amdSmiP = rocmP.then((r) =>
    platform === 'linux' && r.status !== 'ok' ? bounded(probeAmdSmi(ctx), 'AMD GPUs with amd-smi') : skipped(),
  );
  const systemBounded = withDeadline(systemP, hardStop(), () => null);
  const macP = bounded(
    probeMac(ctx, () => systemBounded.then((s) => s?.ram.totalBytes || null)),
    'GPUs on macOS',
  );

  const outcomes = await Promise.all([nvidiaP, sysfsP, rocmP, amdSmiP, lspciP, macP]);
  const system = await systemBounded;
  const ram = system?.ram ?? { totalBytes: 0, availableBytes: null };
  const [nvidia, , rocm, amdSmi, lspci] = outcomes;
  const candidates: GpuCandidate[] = outcomes.flatMap((o) => o.gpus);
  for (const o of outcomes) if (o.note) notes.push(o.note);

  await addSiGraphics(platform, outcomes, candidates, notes, opts, () => bounded(probeSiGraphics(ctx), 'GPUs with systeminformation'));

  if (system) for (const n of system.notes) notes.push(n);
  else notes.push('RAM, CPU and OS could not be read before the detection deadline.');

  const matcher = opts.matchCatalog === undefined ? getCatalogMatcher() : opts.matchCatalog;
  const gpus = reconcileGpus(candidates, {
    ramTotalBytes: ram.totalBytes || null,
    ramAvailableBytes: ram.availableBytes,
    ...(matcher ? { matchCatalog: matcher } : {}),
  });

  for (const n of missingToolNotes(platform, gpus, nvidia, rocm, amdSmi, lspci)) notes.push(n);

  return {
    gpus,
    ram,
    cpu: system?.cpu ?? { brand: 'Unknown CPU', cores: 0, threads: 0, memoryBandwidthGBps: null },
    os: system?.os ?? { platform, distro: '', release: '', arch: process.arch },
    detectedAt: new Date().toISOString(),
    notes: [...new Set(notes)],
    durationMs: Math.round(performance.now() - started),
  };
}

export interface HardwareService {
  /** Cached after the first success; `refresh` re-runs the probes. Concurrent calls share one run. */
  detect(refresh?: boolean): Promise<Hardware>;
}

export function createHardwareService(opts: DetectOptions & { detector?: (o: DetectOptions) => Promise<Hardware> } = {}): HardwareService {
  const { detector, ...detectOpts } = opts;
  const run = detector ?? detectHardware;
  let cached: Hardware | null = null;
  let inFlight: Promise<Hardware> | null = null;
  return {
    detect(refresh = false): Promise<Hardware> {
      if (cached && !refresh) return Promise.resolve(cached);
      if (inFlight) return inFlight;
      inFlight = run(detectOpts)
        .then((hw) => {
          cached = hw;
          return hw;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
  };
}
