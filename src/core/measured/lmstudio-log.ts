// Reads LM Studio's developer log (the app's "Developer" tab or ~/.lmstudio/server-logs): entries headed
// "YYYY-MM-DD HH:MM:SS [DEBUG|INFO|WARN|ERROR]", whose body is the llama.cpp engine's own start-up lines
// (load_tensors, llama_context, llama_kv_cache...), the first of them indented by one space. The memory
// figures are therefore llama.cpp's, read with the llama.cpp parser; this file recognises the wrapper and
// says what LM Studio's log carried. Pure and total.

import { parseLlamaLog, type LlamaLog } from './llama-log';
import { emptyNotes, linesOf, type ParseNotes } from './text';

export interface LmStudioLog extends ParseNotes {
  kind: 'lmstudio-log';
  /** Log entries (header lines) seen. */
  entries: number;
  warnings: string[];
  llama: LlamaLog;
}

export const LMSTUDIO_HEADER = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \[(DEBUG|INFO|WARN|WARNING|ERROR)\]\s*(.*)$/;

export function parseLmStudioLog(input: unknown): LmStudioLog {
  const problems: string[] = [];
  const lines = linesOf(input, problems) ?? [];
  const log: LmStudioLog = { kind: 'lmstudio-log', entries: 0, warnings: [], llama: parseLlamaLog(lines.join('\n')), ...emptyNotes() };
  log.problems.push(...problems);
  for (const line of lines) {
    const m = LMSTUDIO_HEADER.exec(line);
    if (!m) continue;
    log.entries++;
    if ((m[1] === 'WARN' || m[1] === 'WARNING' || m[1] === 'ERROR') && m[2]) log.warnings.push(m[2].slice(0, 200));
  }
  if (log.entries === 0) {
    log.problems.push('No LM Studio log entry ("YYYY-MM-DD HH:MM:SS [DEBUG]") was recognised.');
    return log;
  }
  log.recognised.push(`${log.entries} log entries`);
  const l = log.llama;
  const has = (ok: boolean, name: string) => (ok ? log.recognised : log.missing).push(name);
  has(
    l.buffers.some((b) => b.weights > 0),
    'model buffers',
  );
  has(
    l.buffers.some((b) => b.kvCache + b.recurrent > 0),
    'KV cache buffers',
  );
  has(
    l.buffers.some((b) => b.compute > 0),
    'compute buffers',
  );
  has(l.settings.nCtx !== undefined, 'context settings');
  if (l.layersOffloaded) log.recognised.push(`${l.layersOffloaded.gpu}/${l.layersOffloaded.total} layers on the GPU`);
  return log;
}
