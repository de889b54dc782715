// OS, CPU and RAM through systeminformation, each call bounded so a slow probe cannot stall a reply.

import si from 'systeminformation';
import type { SystemInfo } from '../../shared/ipc-contract';

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readSystemInfo(timeoutMs = 5000): Promise<SystemInfo> {
  const [os, cpu, mem] = await Promise.all([
    withTimeout(si.osInfo(), timeoutMs, 'The OS query'),
    withTimeout(si.cpu(), timeoutMs, 'The CPU query'),
    withTimeout(si.mem(), timeoutMs, 'The memory query'),
  ]);
  return {
    os: { platform: os.platform, distro: os.distro, release: os.release, arch: os.arch },
    cpu: {
      brand: [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ').trim() || 'Unknown CPU',
      cores: cpu.physicalCores || cpu.cores,
      threads: cpu.cores,
      memoryBandwidthGBps: null,
    },
    // `available` counts reclaimable cache, which is what a model load can actually use.
    ram: { totalBytes: mem.total, availableBytes: mem.available ?? null },
  };
}
