// The side of detection that touches the machine: runs tools (execFile, no shell, deadline each), reads
// sysfs, calls systeminformation; hands raw text to the pure parsers in ./parsers.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import si from 'systeminformation';
import type { CpuInfo, OsInfo, RamInfo } from '../../../core/hardware/types';
import { readHostFacts } from '../host-facts';
import { runTool, type ToolResult } from './exec';
import { type GpuCandidate } from './parsers/common';
import { AMD_SMI_ARGS, parseAmdSmiStaticJson, parseRocmSmiJson, ROCM_SMI_ARGS } from './parsers/amd-tools';
import { parseLspci } from './parsers/lspci';
import { appleWorkingSet, parseSysctl, parseSystemProfilerJson, SYSCTL_ARGS, SYSTEM_PROFILER_ARGS } from './parsers/macos';
import { isUnknownFieldError, NVIDIA_FIELDS, NVIDIA_FIELDS_LEGACY, nvidiaSmiArgs, parseNvidiaSmiCsv } from './parsers/nvidia-smi';
import { parseSiControllers } from './parsers/si-graphics';
import { parseSysfsCards, SYSFS_FILES, type SysfsCard } from './parsers/sysfs-drm';

export interface ProbeContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  sysfsRoot: string;
  /** performance.now() value after which no new work starts. */
  deadline: number;
  toolTimeoutMs: number;
  appleWorkingSetFraction?: number | null;
}

export type ProbeStatus = 'ok' | 'missing' | 'failed' | 'timeout' | 'skipped';

export interface ProbeOutcome {
  gpus: GpuCandidate[];
  status: ProbeStatus;
  /** One sentence for Hardware.notes, or null when there is nothing to say. */
  note: string | null;
}

export function remaining(ctx: ProbeContext): number {
  return ctx.deadline - performance.now();
}

function toolBudget(ctx: ProbeContext): number {
  return Math.max(1, Math.min(ctx.toolTimeoutMs, remaining(ctx)));
}

function run(ctx: ProbeContext, cmd: string, args: readonly string[]): Promise<ToolResult> {
  if (remaining(ctx) <= 0) {
    return Promise.resolve({
      ok: false,
      stdout: '',
      stderr: '',
      exitCode: null,
      reason: `${cmd} was not run: the detection deadline had passed`,
      missing: false,
      timedOut: true,
      ms: 0,
    });
  }
  return runTool(cmd, args, { timeoutMs: toolBudget(ctx), env: ctx.env });
}

function failed(r: ToolResult, what: string): ProbeOutcome {
  if (r.missing) return { gpus: [], status: 'missing', note: null };
  const reason = (r.reason ?? 'unknown error').replace(/[.\s]+$/, '');
  return { gpus: [], status: r.timedOut ? 'timeout' : 'failed', note: `Could not read ${what}: ${reason}.` };
}

/** Resolves after `ms` with `fallback`, so one stuck promise cannot hold the whole detection. */
export function withDeadline<T>(p: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), Math.max(0, ms));
    timer.unref?.();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

// ---- NVIDIA ---------------------------------------------------------------------------------------

async function nvidiaSmiCommand(ctx: ProbeContext): Promise<string> {
  if (ctx.platform !== 'win32') return 'nvidia-smi';
  // Same places systeminformation looks: System32, else the newest DriverStore copy.
  const windir = ctx.env.WINDIR ?? ctx.env.windir ?? 'C:\\Windows';
  const system = path.win32.join(windir, 'System32', 'nvidia-smi.exe');
  try {
    await stat(system);
    return system;
  } catch {
    // fall through
  }
  try {
    const base = path.win32.join(windir, 'System32', 'DriverStore', 'FileRepository');
    const dirs = await readdir(base, { withFileTypes: true });
    let best: { file: string; ctime: number } | null = null;
    for (const d of dirs) {
      if (!d.isDirectory() || !/^nv/i.test(d.name)) continue;
      const file = path.win32.join(base, d.name, 'nvidia-smi.exe');
      try {
        const s = await stat(file);
        if (!best || s.ctimeMs > best.ctime) best = { file, ctime: s.ctimeMs };
      } catch {
        // not in this one
      }
    }
    if (best) return best.file;
  } catch {
    // no DriverStore access
  }
  return 'nvidia-smi';
}

export async function probeNvidia(ctx: ProbeContext): Promise<ProbeOutcome> {
  const cmd = await nvidiaSmiCommand(ctx);
  let fields: readonly string[] = NVIDIA_FIELDS;
  let r = await run(ctx, cmd, nvidiaSmiArgs(fields));
  if (!r.ok && !r.missing && !r.timedOut && isUnknownFieldError(`${r.stderr}\n${r.stdout}`)) {
    fields = NVIDIA_FIELDS_LEGACY;
    r = await run(ctx, cmd, nvidiaSmiArgs(fields));
  }
  if (!r.ok) return failed(r, 'NVIDIA GPUs');
  const parsed = parseNvidiaSmiCsv(r.stdout, fields);
  if (parsed.gpus.length === 0) {
    const why = parsed.problems[0] ?? 'it listed no GPUs';
    return { gpus: [], status: 'failed', note: `Could not read NVIDIA GPUs: nvidia-smi printed output that was not understood (${why}).` };
  }
  return {
    gpus: parsed.gpus,
    status: 'ok',
    note: parsed.problems.length ? `Some nvidia-smi lines were skipped: ${parsed.problems[0]}.` : null,
  };
}

// ---- AMD / Intel on Linux --------------------------------------------------------------------------

export async function readSysfsCards(root: string): Promise<SysfsCard[]> {
  const dir = path.join(root, 'class', 'drm');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^card\d+$/.test(n)).slice(0, 32);
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (card) => {
      const files: SysfsCard['files'] = {};
      await Promise.all(
        SYSFS_FILES.map(async (f) => {
          try {
            files[f] = (await readFile(path.join(dir, card, 'device', f), 'utf8')).slice(0, 4096);
          } catch {
            // absent on this driver
          }
        }),
      );
      return { card, files };
    }),
  );
}

export async function probeSysfs(ctx: ProbeContext): Promise<ProbeOutcome> {
  if (ctx.platform !== 'linux') return { gpus: [], status: 'skipped', note: null };
  const cards = await readSysfsCards(ctx.sysfsRoot);
  return { gpus: parseSysfsCards(cards), status: 'ok', note: null };
}

export async function probeRocmSmi(ctx: ProbeContext): Promise<ProbeOutcome> {
  const r = await run(ctx, 'rocm-smi', ROCM_SMI_ARGS);
  if (!r.ok) return failed(r, 'AMD GPUs with rocm-smi');
  const parsed = parseRocmSmiJson(r.stdout);
  if (parsed.problem) return { gpus: [], status: 'failed', note: `Could not read AMD GPUs with rocm-smi: ${parsed.problem}.` };
  return { gpus: parsed.gpus, status: 'ok', note: null };
}

export async function probeAmdSmi(ctx: ProbeContext): Promise<ProbeOutcome> {
  const r = await run(ctx, 'amd-smi', AMD_SMI_ARGS);
  if (!r.ok) return failed(r, 'AMD GPUs with amd-smi');
  const parsed = parseAmdSmiStaticJson(r.stdout);
  if (parsed.problem) return { gpus: [], status: 'failed', note: `Could not read AMD GPUs with amd-smi: ${parsed.problem}.` };
  return { gpus: parsed.gpus, status: 'ok', note: null };
}

export async function probeLspci(ctx: ProbeContext): Promise<ProbeOutcome> {
  if (ctx.platform !== 'linux') return { gpus: [], status: 'skipped', note: null };
  const r = await run(ctx, 'lspci', ['-D', '-vnn']);
  if (!r.ok) return failed(r, 'PCI devices with lspci');
  return { gpus: parseLspci(r.stdout), status: 'ok', note: null };
}

// ---- macOS -----------------------------------------------------------------------------------------

/** `ramTotal` is only awaited when neither sysctl nor system_profiler gave the memory size. */
export async function probeMac(ctx: ProbeContext, ramTotal: () => Promise<number | null>): Promise<ProbeOutcome> {
  if (ctx.platform !== 'darwin') return { gpus: [], status: 'skipped', note: null };
  const [sp, sc] = await Promise.all([run(ctx, 'system_profiler', SYSTEM_PROFILER_ARGS), run(ctx, 'sysctl', SYSCTL_ARGS)]);
  if (!sp.ok) return failed(sp, 'GPUs with system_profiler');
  const parsed = parseSystemProfilerJson(sp.stdout);
  if (parsed.problem) return { gpus: [], status: 'failed', note: `Could not read GPUs with system_profiler: ${parsed.problem}.` };
  // sysctl exits non-zero on Intel Macs (no iogpu oid) yet prints hw.memsize; read stdout regardless.
  const sys = parseSysctl(sc.stdout);
  const unified = sys.memsizeBytes ?? parsed.physicalMemoryBytes ?? (await ramTotal());
  for (const g of parsed.gpus) {
    if (g.kind !== 'unified' || unified === null) continue;
    const ws = appleWorkingSet(unified, sys.wiredLimitMiB, ctx.appleWorkingSetFraction);
    g.vramTotalBytes = ws.bytes;
    g.unifiedMemoryBytes = unified;
    g.source = 'system_profiler';
    g.confidence = ws.basis === 'default-share' ? 'medium' : 'high';
    g.warnings.push(ws.note);
  }
  return { gpus: parsed.gpus, status: 'ok', note: null };
}

// ---- systeminformation -----------------------------------------------------------------------------

export async function probeSiGraphics(ctx: ProbeContext): Promise<ProbeOutcome> {
  const budget = remaining(ctx);
  if (budget <= 0)
    return { gpus: [], status: 'timeout', note: 'systeminformation.graphics() was not run: the detection deadline had passed.' };
  let timedOut = false;
  const result = await withDeadline(
    si.graphics().then(
      (g) => ({ ok: true as const, g }),
      (e: unknown) => ({ ok: false as const, e }),
    ),
    budget,
    () => {
      timedOut = true;
      return { ok: false as const, e: new Error('timeout') };
    },
  );
  if (timedOut)
    return { gpus: [], status: 'timeout', note: `systeminformation.graphics() did not answer within ${(budget / 1000).toFixed(1)} s.` };
  if (!result.ok) {
    const msg = result.e instanceof Error ? result.e.message : String(result.e);
    return { gpus: [], status: 'failed', note: `Could not read GPUs with systeminformation: ${msg}.` };
  }
  return { gpus: parseSiControllers(result.g?.controllers ?? [], ctx.platform), status: 'ok', note: null };
}

export interface SystemFacts {
  ram: RamInfo;
  cpu: CpuInfo;
  os: OsInfo;
  notes: string[];
}

/** RAM, CPU and OS without spawning anything synchronously (host-facts.ts says why not systeminformation). */
export async function probeSystem(ctx: ProbeContext): Promise<SystemFacts> {
  const budget = Math.max(50, Math.min(ctx.toolTimeoutMs, remaining(ctx)));
  return readHostFacts({ platform: ctx.platform, env: ctx.env, timeoutMs: budget });
}
