// Runs one external tool without a shell and with a hard deadline. The deadline kills the whole process
// group, because a tool that is itself a script (or that forks helpers) would otherwise leave a child
// holding our stdout pipe open, and Node waits for every pipe to close before reporting an exit.

import { execFile, type ExecFileOptionsWithStringEncoding } from 'node:child_process';

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

function firstLine(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid, 'SIGKILL');
    else process.kill(-pid, 'SIGKILL');
  } catch {
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
    const finish = (r: Omit<ToolResult, 'ms'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, ms: performance.now() - started });
    };
    let child: ReturnType<typeof execFile>;
    try {
      // `detached` is passed through to spawn (execFile's typings omit it): own process group on POSIX so
      // the deadline can kill grandchildren too.
      const options: ExecFileOptionsWithStringEncoding & { detached: boolean } = {
        env: opts.env ?? process.env,
        encoding: 'utf8',
        maxBuffer: maxBytes,
        windowsHide: true,
        shell: false,
        detached: process.platform !== 'win32',
      };
      child = execFile(
        command,
        [...args],
        options,
        (error, stdout, stderr) => {
          const out = String(stdout ?? '');
          const err = String(stderr ?? '');
          if (!error) {
            finish({ ok: true, stdout: out, stderr: err, exitCode: 0, reason: null, missing: false, timedOut: false });
            return;
          }
          const e = error as NodeJS.ErrnoException & { code?: string | number };
          if (e.code === 'ENOENT') {
            finish({ ok: false, stdout: out, stderr: err, exitCode: null, reason: `${name} is not installed or not on PATH`, missing: true, timedOut: false });
            return;
          }
          if (e.code === 'EACCES') {
            finish({ ok: false, stdout: out, stderr: err, exitCode: null, reason: `${name} could not be started (permission denied)`, missing: false, timedOut: false });
            return;
          }
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
            finish({ ok: false, stdout: out, stderr: err, exitCode: null, reason: `${name} printed more than ${Math.round(maxBytes / 1024)} KiB`, missing: false, timedOut: false });
            return;
          }
          const code = typeof e.code === 'number' ? e.code : (child.exitCode ?? null);
          if (code === 127) {
            // The shell convention for "command not found" (wrappers and stubs use it too).
            finish({ ok: false, stdout: out, stderr: err, exitCode: 127, reason: `${name} is not installed or not on PATH`, missing: true, timedOut: false });
            return;
          }
          const detail = firstLine(err) || firstLine(out);
          const how = code !== null ? `exited with code ${code}` : `was stopped by ${child.signalCode ?? 'a signal'}`;
          finish({ ok: false, stdout: out, stderr: err, exitCode: code, reason: `${name} ${how}${detail ? `: ${detail}` : ''}`, missing: false, timedOut: false });
        },
      );
    } catch (error) {
      // execFile throws synchronously for invalid arguments (e.g. a NUL byte in the path).
      const message = error instanceof Error ? error.message : String(error);
      resolve({ ok: false, stdout: '', stderr: '', exitCode: null, reason: `${name} could not be started: ${message}`, missing: false, timedOut: false, ms: 0 });
      return;
    }
    child.on('error', () => {
      // Reported through the execFile callback; listening keeps an unhandled 'error' from throwing.
    });
    const timer = setTimeout(() => {
      killTree(child.pid);
      finish({
        ok: false,
        stdout: '',
        stderr: '',
        exitCode: null,
        reason: `${name} timed out after ${(timeoutMs / 1000).toFixed(1)} s`,
        missing: false,
        timedOut: true,
      });
    }, timeoutMs);
    timer.unref?.();
  });
}
