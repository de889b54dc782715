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

export function runTool(command: string, args: readonly string[], opts: RunToolOptions): Promise<ToolResult> {
  const started = performance.now();
  const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = command.split(/[\\/]/).pop() ?? command;
  return new Promise<ToolResult>((resolve) => {
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let overflow = false;
    const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');
    const finish = (r: Omit<ToolResult, 'ms' | 'stdout' | 'stderr'>, keepOutput = true): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A helper that left our process group may still hold the pipes: drop them so it cannot keep this
      // process alive either.
      child?.stdout?.destroy();
      child?.stderr?.destroy();
      resolve({ ...r, stdout: keepOutput ? text(out) : '', stderr: keepOutput ? text(err) : '', ms: performance.now() - started });
    };
    let child: ChildProcess | undefined;
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
      const message = error instanceof Error ? error.message : String(error);
      resolve({ ok: false, stdout: '', stderr: '', exitCode: null, reason: `${name} could not be started: ${message}`, missing: false, timedOut: false, ms: 0 });
      return;
    }
    const collect = (chunks: Buffer[], isOut: boolean) => (chunk: Buffer) => {
      if (overflow) return;
      const size = isOut ? (outBytes += chunk.length) : (errBytes += chunk.length);
      if (size > maxBytes) {
        // A flood: stop reading, end the whole group, answer now.
        overflow = true;
        killTree(child.pid);
        finish({ ok: false, exitCode: null, reason: `${name} printed more than ${Math.round(maxBytes / 1024)} KiB`, missing: false, timedOut: false });
        return;
      }
      chunks.push(chunk);
    };
    child.stdout?.on('data', collect(out, true));
    child.stderr?.on('data', collect(err, false));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        finish({ ok: false, exitCode: null, reason: `${name} is not installed or not on PATH`, missing: true, timedOut: false });
      } else if (e.code === 'EACCES') {
        finish({ ok: false, exitCode: null, reason: `${name} could not be started (permission denied)`, missing: false, timedOut: false });
      } else {
        finish({ ok: false, exitCode: null, reason: `${name} could not be started: ${e.message}`, missing: false, timedOut: false });
      }
    });
    const answer = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (code === 0) {
        finish({ ok: true, exitCode: 0, reason: null, missing: false, timedOut: false });
        return;
      }
      if (code === 127) {
        // The shell convention for "command not found" (wrappers and stubs use it too).
        finish({ ok: false, exitCode: 127, reason: `${name} is not installed or not on PATH`, missing: true, timedOut: false });
        return;
      }
      const detail = firstLine(text(err)) || firstLine(text(out));
      const how = code !== null ? `exited with code ${code}` : `was stopped by ${signal ?? 'a signal'}`;
      finish({ ok: false, exitCode: code, reason: `${name} ${how}${detail ? `: ${detail}` : ''}`, missing: false, timedOut: false });
    };
    child.on('close', (code, signal) => answer(code, signal));
    // A helper the tool forked keeps the pipe open after the tool exits, so 'close' may never come: on
    // 'exit' the group is ended (which closes the pipe at once) and a short grace covers a helper that
    // left the group (setsid) and still holds it.
    child.on('exit', (code, signal) => {
      killTree(child?.pid, false);
      const grace = setTimeout(() => answer(code, signal), EXIT_GRACE_MS);
      grace.unref?.();
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
