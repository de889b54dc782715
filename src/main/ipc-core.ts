// Transport-independent half of IPC: argument validation and the result envelope. ipc.ts feeds it from
// ipcMain; the browser E2E and unit tests feed it directly, so every test exercises the same checks.

import * as v from 'valibot';
import { channelSchemas, type ApiErrorInfo, type Channel, type Result } from '../shared/ipc-contract';
import { AppError } from './services/errors';
import type { Handlers } from './handlers';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channelSchemas, name);
}

function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      // The first path key is the argument's index in the tuple: meaningless to a reader.
      const path =
        issue.path
          ?.slice(1)
          .map((p) => String(p.key))
          .join('.') ?? '';
      const message = issue.message.replace(/\.$/, '');
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** The first issue's field path (without the tuple index) and its sentence, for the page to show by the field. */
function firstIssue(issues: v.BaseIssue<unknown>[]): { field?: string; reason?: string } {
  const issue = issues[0];
  if (!issue) return {};
  const field =
    issue.path
      ?.slice(1)
      .map((p) => String(p.key))
      .join('.') ?? '';
  const reason = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  return field ? { field, reason } : { reason };
}

export function toErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof AppError)
    return { code: error.code, message: error.message, ...(error.field ? { field: error.field, reason: error.message } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** No channel's arguments nest deeper than a plan (about 8 levels); far deeper is hostile. */
export const MAX_ARG_DEPTH = 64;
/** Arrays and objects visited before giving up: bounds the walk itself. */
const MAX_ARG_NODES = 1_000_000;

/**
 * True when `value` nests deeper than `max` levels or is too large to walk. Iterative, so a 3000-deep
 * argument cannot overflow our stack before validation does.
 */
export function tooDeep(value: unknown, max = MAX_ARG_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max || ++nodes > MAX_ARG_NODES) return true;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth + 1]);
  }
  return false;
}

export type Logger = (message: string, error?: unknown) => void;

/** Logging is a side matter: a logger that throws must not turn an envelope into an exception. */
function safeLog(log: Logger, message: string, error: unknown): void {
  try {
    log(message, error);
  } catch {
    // nothing more to do
  }
}

/**
 * Validates the channel and its arguments against the contract, runs the handler and wraps the outcome.
 * Never throws: a bad argument is an 'invalid-argument' envelope, a failing handler an error envelope.
 */
export async function dispatch(handlers: Handlers, channel: unknown, args: unknown, log: Logger = () => {}): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    // String() throws for a null-prototype object: describe without calling into the value.
    const name = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
    return { ok: false, error: { code: 'invalid-argument', message: `Unknown IPC channel "${name}".` } };
  }
  let deep: boolean;
  let list: unknown[];
  try {
    deep = tooDeep(args);
    list = Array.isArray(args) ? args : [args];
  } catch {
    // A revoked proxy or a throwing getter cannot even be inspected: as invalid as arguments get.
    return { ok: false, error: { code: 'invalid-argument', message: `Invalid arguments for ${channel}.` } };
  }
  if (deep) {
    return {
      ok: false,
      error: { code: 'invalid-argument', message: `Invalid arguments for ${channel}: nested more than ${MAX_ARG_DEPTH} levels deep.` },
    };
  }
  let parsed: ReturnType<typeof v.safeParse<(typeof channelSchemas)[Channel]>>;
  try {
    parsed = v.safeParse(channelSchemas[channel], list);
  } catch (error) {
    // A validator must not be able to turn a bad argument into a thrown dispatch.
    safeLog(log, `Validating ${channel} failed`, error);
    return { ok: false, error: { code: 'invalid-argument', message: `Invalid arguments for ${channel}.` } };
  }
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-argument',
        message: `Invalid arguments for ${channel}: ${describeIssues(parsed.issues)}.`,
        ...firstIssue(parsed.issues),
      },
    };
  }
  try {
    const handler = handlers[channel] as (...a: unknown[]) => Promise<unknown>;
    // The tuple was validated against the channel's schema: at most a few items.
    // eslint-disable-next-line no-restricted-syntax -- bounded by the schema above
    const value = await handler(...(parsed.output as unknown[]));
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof AppError)) safeLog(log, `Handler for ${channel} failed`, error);
    return { ok: false, error: toErrorInfo(error) };
  }
}
