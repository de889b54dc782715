// Reads llama.cpp's parameter fitting (llama-fit-params, or `-fit on` inside llama-server/llama-cli):
// the projected memory per device for the initial parameters ("- CUDA0 (name): T total, U used, D
// deficit|free"), the projected total against free device memory, whether it fit or what was changed,
// the suggested arguments ("-c 32768 -ngl 99 ..."), and the `--fit-print` table ("<device> <model>
// <context> <compute>" in MiB, one device a line, then "host"). Wording follows common/fit.cpp and the
// former src/llama.cpp llama_params_fit_impl. All figures are whole MiB as printed.

import { MiB } from '../units';
import { emptyNotes, linesOf, type ParseNotes } from './text';

export interface FitProjection {
  device: string;
  name?: string;
  totalBytes: number;
  usedBytes: number;
  /** Positive: free memory left; negative: the deficit. */
  freeBytes: number;
}

export interface FitEstimate {
  device: string;
  modelBytes: number;
  contextBytes: number;
  computeBytes: number;
}

export interface FitParams extends ParseNotes {
  kind: 'fit-params';
  /** The last projection block printed (a fit prints one per attempt). */
  projection: FitProjection[];
  projectedBytes?: number;
  freeBytes?: number;
  marginBytes?: number;
  outcome?: 'fits-unchanged' | 'fitted' | 'failed';
  /** The arguments the tool suggests ("-c 131072 -ngl 62 -ot ..."). */
  suggestedArgs?: string;
  /** `--fit-print`: what llama.cpp expects each device to hold. */
  estimate: FitEstimate[];
}

const mib = (x: string) => Number(x) * MiB;

function readLine(f: FitParams, line: string, inPrint: boolean): boolean {
  let m: RegExpExecArray | null;
  if (/projected memory use with .*\[MiB\]:/.test(line) || /getting device memory data for/.test(line)) {
    f.projection = [];
    return true;
  }
  if ((m = /-\s+(\S+)\s+\((.+?)\):\s+(\d+) total,\s+(\d+) used,\s+(-?\d+) (deficit|free|surplus)/.exec(line))) {
    const free = mib(m[5]!) * (m[6] === 'deficit' ? -1 : 1);
    f.projection.push({ device: m[1]!, name: m[2]!, totalBytes: mib(m[3]!), usedBytes: mib(m[4]!), freeBytes: free });
  } else if ((m = /projected to use (\d+) MiB of device memory vs\. (\d+) MiB of free device memory/.exec(line))) {
    f.projectedBytes = mib(m[1]!);
    f.freeBytes = mib(m[2]!);
  } else if ((m = /(?:cannot fulfill|fulfill) margin of (\d+) MiB/.exec(line)) || (m = /will leave \d+ >= (\d+) MiB/.exec(line))) {
    f.marginBytes = mib(m[1]!);
    if (/no changes needed/.test(line)) f.outcome = 'fits-unchanged';
  } else if (/successfully fit params/.test(line)) f.outcome ??= 'fitted';
  else if (/failed to fit params/.test(line)) f.outcome = 'failed';
  else if (inPrint && (m = /^\s*(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line)))
    f.estimate.push({ device: m[1]!, modelBytes: mib(m[2]!), contextBytes: mib(m[3]!), computeBytes: mib(m[4]!) });
  else if ((m = /^\s*((?:-c|-ngl|-ts|-ot|-ncmoe|--ctx-size|--n-gpu-layers)\s.*?)\s*$/.exec(line))) f.suggestedArgs = m[1];
  else return false;
  return true;
}

export function parseFitParams(input: unknown): FitParams {
  const f: FitParams = { kind: 'fit-params', projection: [], estimate: [], ...emptyNotes() };
  const lines = linesOf(input, f.problems);
  if (!lines) return f;
  let used = 0;
  let inPrint = false;
  for (const line of lines) {
    if (/printing estimated memory in MiB/.test(line)) {
      inPrint = true;
      used++;
      continue;
    }
    if (readLine(f, line, inPrint)) used++;
  }
  if (used === 0) {
    f.problems.push('No llama.cpp fit line was recognised (llama_params_fit / --fit-print output).');
    return f;
  }
  const has = (ok: boolean, name: string) => (ok ? f.recognised : f.missing).push(name);
  if (f.projection.length > 0) f.recognised.push(`projection for ${f.projection.map((p) => p.device).join(', ')}`);
  if (f.estimate.length > 0) f.recognised.push(`per-device estimate for ${f.estimate.map((e) => e.device).join(', ')}`);
  if (f.projection.length === 0 && f.estimate.length === 0) f.missing.push('per-device figures');
  has(f.outcome !== undefined || f.estimate.length > 0, 'fit outcome');
  if (f.suggestedArgs) f.recognised.push('suggested arguments');
  return f;
}
