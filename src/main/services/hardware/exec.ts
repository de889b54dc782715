// Runs one external tool without a shell and with a hard deadline. The deadline kills the whole process
// group, because a tool that is itself a script (or that forks helpers) would otherwise leave a child
// holding our stdout pipe open, and Node waits for every pipe to close before reporting an exit.

import { spawn, type ChildProcess } from 'node:child_process';

export interface ToolResult {
  /** True only for exit code 0 with no spawn error. */
  ok: boolean;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** One sentence for the user when !ok ("nvidia-smi timed out after 2.5 s"). */
  reason: string | null;
  /** The executable was not found (ENOENT): usually "this vendor's tools are not installed". */
  missing: boolean;
  timedOut: boolean;
  ms: number;
}

export interface RunToolOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Output beyond this is cut; tools we call print kilobytes, never megabytes. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** How long output may still arrive after the tool exited, when a detached helper holds the pipe. */
const EXIT_GRACE_MS = 250;

function firstLine(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Kills the tool's process group. `alsoLeader` kills the pid itself when the group is gone, which is
 * only safe while the tool has not been reaped: after 'exit' its pid may already belong to a stranger.
 */
function killTree(pid: number | undefined, alsoLeader = true): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') {
      if (alsoLeader) process.kill(pid, 'SIGKILL');
    } else process.kill(-pid, 'SIGKILL');
  } catch {
    if (!alsoLeader) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

type Outcome = Omit<ToolResult, 'ms' | 'stdout' | 'stderr'>;

/** The result for a tool that ran and ended with `code` (or was stopped by `signal`). */
function exitOutcome(name: string, code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string): Outcome {
  if (code === 0) return { ok: true, exitCode: 0, reason: null, missing: false, timedOut: false };
  // 127 is the shell convention for "command not found" (wrappers and stubs use it too).
  if (code === 127) return { ok: false, exitCode: 127, reason: `${name} is not installed or not on PATH`, missing: true, timedOut: false };
  const detail = firstLine(stderr) || firstLine(stdout);
  const how = code !== null ? `exited with code ${code}` : `was stopped by ${signal ?? 'a signal'}`;
  return { ok: false, exitCode: code, reason: `${name} ${how}${detail ? `: ${detail}` : ''}`, missing: false, timedOut: false };
}

/** The result for a tool that could not be started at all. */
function spawnErrorOutcome(name: string, e: NodeJS.ErrnoException): Outcome {
  if (e.code === 'ENOENT')
    return { ok: false, exitCode: null, reason: `${name} is not installed or not on PATH`, missing: true, timedOut: false };
  if (e.code === 'EACCES')
    return { ok: false, exitCode: null, reason: `${name} could not be started (permission denied)`, missing: false, timedOut: false };
  return { ok: false, exitCode: null, reason: `${name} could not be started: ${e.message}`, missing: false, timedOut: false };
}

/** Collects one stream up to `maxBytes`; calls `onFlood` once when the tool prints more. */
function collector(maxBytes: number, onFlood: () => void): { chunks: Buffer[]; add: (chunk: Buffer) => void; text: () => string } {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let flooded = false;
  return {
    chunks,
    add(chunk) {
      if (flooded) return;
      bytes += chunk.length;
      if (bytes > maxBytes) {
        flooded = true;
        onFlood();
        return;
      }
      chunks.push(chunk);
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

export function runTool(command: string, args: readonly string[], opts: RunToolOptions): Promise<ToolResult> {
  const started = performance.now();
  const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = command.split(/[\\/]/).pop() ?? command;
  return new Promise<ToolResult>((resolve) => {
    let child: ChildProcess;
    try {
      // spawn, not execFile: execFile drops `detached`, and without our own process group the deadline
      // could kill only the direct child while a forked helper kept the pipe (and us) waiting.
      child = spawn(command, [...args], {
        env: opts.env ?? process.env,
        windowsHide: true,
        shell: false,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // spawn throws synchronously for invalid arguments (e.g. a NUL byte in the path).
      resolve({
        ...spawnErrorOutcome(name, { name: 'Error', message: error instanceof Error ? error.message : String(error) }),
        stdout: '',
        stderr: '',
        ms: 0,
      });
      return;
    }
    let settled = false;
    const finish = (r: Outcome, keepOutput = true): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A helper that left our process group may still hold the pipes: drop them so it cannot keep this
      // process alive either.
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ ...r, stdout: keepOutput ? out.text() : '', stderr: keepOutput ? err.text() : '', ms: performance.now() - started });
    };
    const flood = (): void => {
      // Stop reading, end the whole group, answer now.
      killTree(child.pid);
      finish({
        ok: false,
        exitCode: null,
        reason: `${name} printed more than ${Math.round(maxBytes / 1024)} KiB`,
        missing: false,
        timedOut: false,
      });
    };
    const out = collector(maxBytes, flood);
    const err = collector(maxBytes, flood);
    child.stdout?.on('data', out.add);
    child.stderr?.on('data', err.add);
    child.on('error', (e: NodeJS.ErrnoException) => finish(spawnErrorOutcome(name, e)));
    const answer = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(exitOutcome(name, code, signal, out.text(), err.text()));
    child.on('close', answer);
    // A helper the tool forked keeps the pipe open after the tool exits, so 'close' may never come: on
    // 'exit' the group is ended (which closes the pipe at once) and a short grace covers a helper that
    // left the group (setsid) and still holds it.
    child.on('exit', (code, signal) => {
      killTree(child.pid, false);
      setTimeout(() => answer(code, signal), EXIT_GRACE_MS).unref?.();
    });
    const timer = setTimeout(() => {
      killTree(child.pid);
      finish(
        { ok: false, exitCode: null, reason: `${name} timed out after ${(timeoutMs / 1000).toFixed(1)} s`, missing: false, timedOut: true },
        false,
      );
    }, timeoutMs);
    timer.unref?.();
  });
}
