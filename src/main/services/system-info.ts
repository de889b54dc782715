// OS, CPU and RAM for the system:info channel and the CLI's `system`. Runs on the caller's thread, so it
// spawns nothing synchronously (see host-facts.ts for why systeminformation is not used here).

import type { SystemInfo } from '../../shared/ipc-contract';
import { readHostFacts } from './host-facts';

export async function readSystemInfo(timeoutMs = 5000): Promise<SystemInfo> {
  const facts = await readHostFacts({ timeoutMs: Math.min(timeoutMs, 2000) });
  return { os: facts.os, cpu: facts.cpu, ram: facts.ram };
}
