// OS, CPU and RAM without systeminformation: its osInfo() runs `hostname -f` through execSync with no
// timeout (20 s of frozen main thread on a machine with broken DNS), and nothing on the main thread may
// wait on a subprocess. Node's os module, a few small files on Linux and bounded async tools elsewhere
// give the same facts; whatever cannot be read falls back to Node's figures, with a note.

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import type { CpuInfo, OsInfo, RamInfo } from '../../core/hardware/types';
import { runTool } from './hardware/exec';

export interface HostFacts {
  ram: RamInfo;
  cpu: CpuInfo;
  os: OsInfo;
  notes: string[];
}

export interface HostFactsOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Per-tool deadline (macOS only runs tools). */
  timeoutMs?: number;
  /** Root for /proc and /etc (tests point it at a fixture tree). */
  root?: string;
}

/** Reads a small regular file, or null: a FIFO or device here must not block us (O_NONBLOCK). */
async function readSmall(file: string, max = 256 * 1024): Promise<string | null> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    if (!info.isFile() && !file.startsWith('/proc/')) return null;
    const buf = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buf, 0, max, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** "MemAvailable:   12345 kB" → bytes. */
export function meminfoAvailable(text: string): number | null {
  const m = /^MemAvailable:\s+(\d{1,15})\s+kB$/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** NAME and VERSION_ID from os-release (quotes removed). */
export function osRelease(text: string): { name: string | null; version: string | null } {
  const field = (key: string): string | null => {
    const m = new RegExp(`^${key}=(.{0,200})$`, 'm').exec(text);
    return m ? m[1]!.trim().replace(/^["']|["']$/g, '') || null : null;
  };
  return { name: field('NAME'), version: field('VERSION_ID') };
}

/** Physical cores from /proc/cpuinfo's (physical id, core id) pairs; null when the file lacks them. */
export function physicalCores(text: string): number | null {
  const pairs = new Set<string>();
  let phys = '0';
  for (const line of text.split('\n')) {
    const m = /^(physical id|core id)\s*:\s*(\d+)/.exec(line);
    if (!m) continue;
    if (m[1] === 'physical id') phys = m[2]!;
    else pairs.add(`${phys}:${m[2]}`);
  }
  return pairs.size > 0 ? pairs.size : null;
}

export async function readHostFacts(opts: HostFactsOptions = {}): Promise<HostFacts> {
  const platform = opts.platform ?? process.platform;
  const root = opts.root ?? '';
  const timeoutMs = opts.timeoutMs ?? 2000;
  const notes: string[] = [];
  const cpus = os.cpus();
  const threads = cpus.length || 1;
  const ram: RamInfo = { totalBytes: os.totalmem(), availableBytes: os.freemem() };
  const cpu: CpuInfo = { brand: cpus[0]?.model?.trim() || 'Unknown CPU', cores: threads, threads, memoryBandwidthGBps: null };
  const osFacts: OsInfo = {
    platform: platform === 'win32' ? 'Windows' : platform,
    distro: os.type(),
    release: os.release(),
    arch: os.arch(),
  };

  if (platform === 'linux') {
    const [meminfo, release, cpuinfo] = await Promise.all([
      readSmall(`${root}/proc/meminfo`),
      readSmall(`${root}/etc/os-release`).then((t) => t ?? readSmall(`${root}/usr/lib/os-release`)),
      readSmall(`${root}/proc/cpuinfo`, 4 * 1024 * 1024),
    ]);
    // MemAvailable counts reclaimable cache, which a model load can use; freemem() does not.
    const available = meminfo ? meminfoAvailable(meminfo) : null;
    if (available !== null) ram.availableBytes = available;
    if (release) {
      const r = osRelease(release);
      if (r.name) osFacts.distro = r.name;
      if (r.version) osFacts.release = r.version;
    }
    const cores = cpuinfo ? physicalCores(cpuinfo) : null;
    if (cores !== null && cores <= threads) cpu.cores = cores;
  } else if (platform === 'darwin') {
    const [ver, phys] = await Promise.all([
      runTool('sw_vers', ['-productVersion'], { timeoutMs, env: opts.env }),
      runTool('sysctl', ['-n', 'hw.physicalcpu'], { timeoutMs, env: opts.env }),
    ]);
    if (ver.ok && /^\d+(\.\d+)*$/.test(ver.stdout.trim())) {
      osFacts.distro = 'macOS';
      osFacts.release = ver.stdout.trim();
    } else if (ver.timedOut)
      notes.push(`Reading the macOS version took longer than ${(timeoutMs / 1000).toFixed(1)} s; the kernel version is shown.`);
    const n = Number(phys.stdout.trim());
    if (phys.ok && Number.isInteger(n) && n > 0 && n <= threads) cpu.cores = n;
  } else if (platform === 'win32') {
    // "Windows 11 Pro": the same text the registry's ProductName gives, without spawning anything.
    osFacts.distro = os.version() || 'Windows';
  }
  return { ram, cpu, os: osFacts, notes };
}
