// Is a process still running? Zombies count as gone: they hold no pipe and no CPU, and whether one is
// reaped at once depends on the container's init, not on us.

import { readFileSync } from 'node:fs';

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Polls until none of `pids` runs or `ms` passes; returns the ones still running. */
export async function survivors(pids: number[], ms = 1000): Promise<number[]> {
  const until = Date.now() + ms;
  let left = pids.filter(isRunning);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    left = left.filter(isRunning);
  }
  return left;
}

/** Kills whatever a failed test left behind, so one failure does not leak sleepers into the next. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
