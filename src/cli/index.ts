// `vram-planner`: the same core and services as the app, without Electron.

import pkg from '../../package.json';
import { system } from './commands/system';
import { printable, terminalSafe } from '../main/services/safe-text';
import { CliError, type CliCommand, type CliIO } from './types';

const commands: Record<string, { run: () => Promise<CliCommand>; summary: string }> = {
  system: { run: async () => system, summary: 'OS, CPU and RAM of this machine' },
  estimate: {
    run: async () => (await import('./commands/estimate')).estimate,
    summary: 'Memory estimate, fit verdict, max context, remedies and speed',
  },
  plan: { run: async () => (await import('./commands/plan')).plan, summary: 'Deployment plan as Markdown (en/ja) or JSON' },
  detect: { run: async () => (await import('./commands/detect')).detect, summary: 'GPUs, VRAM, RAM and CPU of this machine' },
  models: { run: async () => (await import('./commands/models')).models, summary: 'List the built-in model library' },
  inspect: { run: async () => (await import('./commands/inspect')).inspect, summary: 'Show what a GGUF file or Hugging Face folder holds' },
  gpus: { run: async () => (await import('./commands/gpus')).gpus, summary: 'List the built-in GPU catalog' },
  capacity: {
    run: async () => (await import('./commands/capacity')).capacityCommand,
    summary: 'Users, latency, throughput, GPUs and cost of serving a model (vLLM, SGLang, llama.cpp)',
  },
  check: {
    run: async () => (await import('./commands/check')).check,
    summary: 'Compare a llama.cpp log or llama-bench output with the plan',
  },
  calibrate: {
    run: async () => (await import('./commands/calibrate')).calibrate,
    summary: 'List or clear the runs that calibrate estimates',
  },
};

export const HELP = `VRAM Planner ${pkg.version} — will this LLM fit in your GPU memory?

Usage:
  vram-planner estimate (--model ID | --config FILE | --gguf FILE | --params 70B)
                        [--quant F16|BF16|Q8_0|Q6_K|Q5_K_M|Q4_K_M|Q4_0|...|int8|nf4|fp8|awq|gptq|mlx-4bit | --bits 16|8|4]
                        [--ctx N] [--parallel N] [--kv-type f16|q8_0|q4_0] [--flash-attn on|off]
                        [--ubatch N] [--runtime llama.cpp|vllm|sglang|transformers|mlx]
                        [--gpu ID[xN] | --vram GiB[,GiB...]] [--json]
  vram-planner estimate (model options as above) --runtime mlx --gpu apple-m3-max-64gb (Apple silicon)
                        [--quant mlx-2bit..mlx-8bit (affine, group 64) | mlx-4bit-g32|mlx-4bit-g128 (other groups)
                                 | mlx-mxfp4|mlx-nvfp4|mlx-mxfp8 | bf16]
                        [--kv-bits 2..8] [--kv-group-size 32|64|128] [--quantized-kv-start N] [--max-kv-size N]
                        [--prefill-step-size N] [--prompt-cache-bytes 8GB] [--json]   (mlx_lm's own flags)
  vram-planner estimate (model options as above) --train full|lora|qlora [--rank R]
                        [--targets all-linear|q,k,v,o,gate,up,down] [--batch B] [--seq S]
                        [--optimizer adamw|adamw-8bit|paged-adamw|paged-adamw-8bit|adafactor|sgd]
                        [--checkpointing on|off] [--zero 0|1|2|3] [--double-quant on|off]
                        [--runtime transformers|unsloth|axolotl|torchtune] [--gpu ID[xN]] [--json]
  vram-planner estimate|plan (model options as above) --add MODEL[:ctx=N,parallel=N,quant=Q] (repeatable)
                        [--draft MODEL|FILE] [--mmproj FILE] [--lora FILE|PEFT-FOLDER]   (several models on the same hardware)
  vram-planner estimate|plan (a vision model, e.g. --model gemma-3-27b-it) [--images N] [--mmproj-type f16|q8_0|bf16]
                        [--no-mmproj]   (its projector is planned beside it; --images N adds N images' tokens to the context)
  vram-planner detect [--json]
  vram-planner models [--search TEXT] [--role chat|embedding|reranker] [--json]
  vram-planner gpus [--search TEXT] [--json]
  vram-planner inspect FILE_OR_FOLDER [--json]
  vram-planner plan ... (estimate's options) --format md|json [--lang en|ja] [-o FILE]
  vram-planner system [--json]
  vram-planner capacity (--model ID | --gguf F | --config F | --params 70B) [--quant Q | --bits B]
                        --runtime vllm|sglang|llama.cpp --gpu ID[xN] [--tp N] [--pp N] [--nodes N]
                        [--kv-type T] [--max-model-len N] [--max-num-seqs N] [--mem-fraction F]
                        [--runtime-version V] --prompt TOKENS --output TOKENS
                        (--users N [--arrival steady|burst [--num-prompts N]] | --rate REQ/S)
                        [--ttft-p95 S] [--tpot-p95 MS] [--json]
  vram-planner check --log FILE [--model ID | --gguf FILE] [--gpu ID] [--save] [--json]
  vram-planner calibrate --list|--clear|--consent on|off|--export csv|json [--json]
  vram-planner --help | --version

Sizes: "GiB" is 2^30 bytes; the article's formula (P × Q/8 × 1.2) is shown in decimal GB.`;

export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  // Names from GGUF files and nvidia-smi reach the terminal: no escape code, CR or bidi mark gets through.
  const io: CliIO = { out: (text) => rawIo.out(terminalSafe(text)), err: (text) => rawIo.err(terminalSafe(text)) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(pkg.version);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(`Unknown command "${name}". Run "vram-planner --help" for the list.`);
    return 2;
  }
  try {
    const command = await entry.run();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(oneLine(error.message));
      return error.exitCode;
    }
    // Not the user's fault: say so plainly, keep the detail on one line.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`vram-planner failed unexpectedly: ${oneLine(message)}`);
    return 1;
  }
}

/**
 * Every error is one line: Node's parseArgs explains "--ctx -5" over three, and a message may quote a
 * file's text (a 1 MB tensor name, escape codes), so it is cleaned and capped too.
 */
export function oneLine(message: string, max = 400): string {
  return printable(message.replace(/\s*\n\s*/g, ' ').trim(), max);
}

export function commandNames(): string[] {
  return Object.keys(commands);
}
