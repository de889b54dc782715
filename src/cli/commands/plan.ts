// `vram-planner plan ... (estimate's options) --format md|json [--lang en|ja] [-o FILE]`: the deployment
// plan (Markdown in English or Japanese, or the Plan object as JSON), printed or written atomically.

import { basename, resolve } from 'node:path';
import pkg from '../../../package.json';
import type { ChosenHardware } from '../../core/advice/choice';
import type { PlanningHardware } from '../../core/advice/types';
import { getModel } from '../../core/catalog';
import type { EstimateSettings, ModelInput } from '../../core/estimate/types';
import { composePlan, planHardware } from '../../core/plan/compose';
import { renderMarkdown } from '../../core/plan/markdown';
import type { Plan } from '../../core/plan/types';
import { parseParameterCount } from '../../core/units';
import { writeErrorReason, writeFileAtomic } from '../../main/services/export';
import { printable } from '../../main/services/safe-text';
import { CliError, type CliCommand } from '../types';
import * as estimateCommand from './estimate';
import { computeSet, setMembers } from './estimate-add';
import { hasSetFlags, splitSetArgs } from './estimate-add-args';
import { setMarkdown } from './estimate-add-plan';
import { plansProjector, visionPlan } from './estimate-add-vision';

/** What the estimate command's option parsing yields (src/cli/commands/estimate.ts). */
export interface ParsedEstimateArgs {
  input: ModelInput;
  settings: EstimateSettings;
  hw: PlanningHardware;
  /** The choice behind hw: its label, origin and where the RAM figure came from. */
  chosen: ChosenHardware;
  /** 'detected' | 'catalog' (--gpu) | 'vram' (--vram) | 'cpu-only' | 'none'. */
  source: string;
}

export type EstimateArgsParser = (args: string[]) => Promise<ParsedEstimateArgs>;

export interface PlanDeps {
  /** Parses estimate's options; defaults to parseEstimateArgs exported by ./estimate. */
  parseEstimateArgs?: EstimateArgsParser;
  /** The plan's date; the CLI is the one place allowed to read the clock. */
  now?: () => Date;
  appVersion?: string;
  writeFile?: (path: string, data: string) => Promise<void>;
}

interface PlanFlags {
  format: 'md' | 'json';
  lang: 'en' | 'ja';
  output: string | null;
  rest: string[];
}

/** Takes plan's own flags out of argv; everything else belongs to estimate's parser. */
export function splitPlanArgs(args: string[]): PlanFlags {
  let format: string | null = null;
  let lang: string | null = null;
  let output: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = /^(--format|--lang|--output|-o)=(.*)$/.exec(a);
    const name = eq ? eq[1]! : a;
    if (name === '--format' || name === '--lang' || name === '--output' || name === '-o') {
      const value = eq ? eq[2]! : args[++i];
      if (value === undefined || value === '' || (!eq && value.startsWith('-') && value !== '-')) {
        throw new CliError(`${name} needs a value.`);
      }
      if (name === '--format') {
        if (format !== null) throw new CliError('Give --format only once.');
        format = value;
      } else if (name === '--lang') {
        if (lang !== null) throw new CliError('Give --lang only once.');
        lang = value;
      } else {
        if (output !== null) throw new CliError('Give -o only once.');
        output = value;
      }
    } else if (a === '--json') {
      throw new CliError('Use --format json for a plan as JSON.');
    } else {
      rest.push(a);
    }
  }
  const f = (format ?? 'md').toLowerCase();
  if (f !== 'md' && f !== 'markdown' && f !== 'json') throw new CliError(`--format must be md or json, not "${format}".`);
  const l = (lang ?? 'en').toLowerCase();
  if (l !== 'en' && l !== 'ja') throw new CliError(`--lang must be en or ja, not "${lang}".`);
  return { format: f === 'json' ? 'json' : 'md', lang: l, output: output === '-' ? null : output, rest };
}

function defaultParser(): EstimateArgsParser {
  const fn = (estimateCommand as unknown as Record<string, unknown>)['parseEstimateArgs'];
  if (typeof fn !== 'function') {
    throw new CliError('The plan command needs the estimate options parser, which this build does not include yet.');
  }
  return fn as EstimateArgsParser;
}

function flagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === flag) return args[i + 1];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}

export function createPlanCommand(deps: PlanDeps = {}): CliCommand {
  return async (args, io) => {
    const flags = splitPlanArgs(args);
    const parse = deps.parseEstimateArgs ?? defaultParser();
    // --add / --draft: the plan covers the main model as before, plus a section for the whole set.
    const split = splitSetArgs(flags.rest);
    const parsed = await parse(split.rest);
    // A vision model's projector makes a set too, unless --no-mmproj plans the text model alone.
    const setArgs = hasSetFlags(flags.rest) || plansProjector(parsed.input, split) ? split : null;
    const spec = parsed.input.spec;
    // The article's P is the user's own figure for --params ("70B"), not the generic spec's count.
    const paramsText = flagValue(flags.rest, '--params');
    const userCount = paramsText !== undefined ? parseParameterCount(paramsText) : null;
    const gguf = flagValue(flags.rest, '--gguf');
    let plan: Plan;
    try {
      plan = composePlan({
        input: parsed.input,
        settings: parsed.settings,
        hw: parsed.hw,
        hardware: planHardware(parsed.chosen),
        model: {
          hfRepo: getModel(spec.id)?.hfRepo ?? null,
          file: gguf !== undefined ? basename(gguf) : null,
          ...(userCount ? { parameterCount: userCount } : {}),
        },
        appVersion: deps.appVersion ?? pkg.version,
        date: (deps.now ?? (() => new Date()))().toISOString(),
      });
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
    }
    const set = setArgs
      ? computeSet(
          await setMembers(setArgs, parsed.input, parsed.settings),
          parsed.hw,
          visionPlan(setArgs, parsed.input, parsed.settings).images,
        )
      : null;
    const json = set ? { ...plan, models: set.models, set } : plan;
    const text =
      flags.format === 'json'
        ? `${JSON.stringify(json, null, 2)}\n`
        : `${renderMarkdown(plan, flags.lang)}${set ? `\n${setMarkdown(set, flags.lang)}` : ''}`;
    if (flags.output === null) {
      io.out(text.replace(/\n$/, ''));
      return 0;
    }
    const path = resolve(flags.output);
    try {
      await (deps.writeFile ?? writeFileAtomic)(path, text);
    } catch (error) {
      // A user error like any other: one sentence, exit code 2, no temp file named.
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : writeErrorReason(error);
      throw new CliError(`Could not write ${printable(path, 300)} because ${why}; nothing was changed there.`);
    }
    io.out(`Wrote the ${flags.format === 'json' ? 'JSON' : flags.lang === 'ja' ? 'Japanese Markdown' : 'Markdown'} plan to ${path}.`);
    return 0;
  };
}

export const plan: CliCommand = createPlanCommand();
