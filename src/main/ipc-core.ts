// Transport-independent half of IPC: argument validation and the result envelope. ipc.ts feeds it from
// ipcMain; the browser E2E and unit tests feed it directly, so every test exercises the same checks.

import * as v from 'valibot';
import { channelSchemas, type ApiErrorInfo, type Channel, type Result } from '../shared/ipc-contract';
import { AppError } from './errors';
import type { Handlers } from './handlers';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channelSchemas, name);
}

function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      // The first path key is the argument's index in the tuple: meaningless to a reader.
      const path = issue.path?.slice(1).map((p) => String(p.key)).join('.') ?? '';
      const message = issue.message.replace(/\.$/, '');
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

export function toErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

export type Logger = (message: string, error?: unknown) => void;

/**
 * Validates the channel and its arguments against the contract, runs the handler and wraps the outcome.
 * Never throws: a bad argument is an 'invalid-argument' envelope, a failing handler an error envelope.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  args: unknown,
  log: Logger = () => {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'invalid-argument', message: `Unknown IPC channel "${String(channel)}".` } };
  }
  const parsed = v.safeParse(channelSchemas[channel], Array.isArray(args) ? args : [args]);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-argument', message: `Invalid arguments for ${channel}: ${describeIssues(parsed.issues)}.` },
    };
  }
  try {
    const handler = handlers[channel] as (...a: unknown[]) => Promise<unknown>;
    const value = await handler(...(parsed.output as unknown[]));
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof AppError)) log(`Handler for ${channel} failed`, error);
    return { ok: false, error: toErrorInfo(error) };
  }
}
