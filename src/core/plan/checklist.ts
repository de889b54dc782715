// The article's four steps (choose the model size, check the GPU memory, apply quantisation, test the
// model) filled with this plan's numbers and commands.

import type { Plan, PlanStep, PlanText } from './types';

function text(key: string, params: Record<string, string | number> = {}): PlanText {
  return { key, params };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round((Number.isFinite(n) ? n : 0) * f) / f;
}

export function watchCommands(plan: Pick<Plan, 'devices' | 'cpu' | 'gpuLayers' | 'totalLayers'>): string[] {
  const vendors = new Set(plan.devices.map((d) => d.vendor ?? 'other'));
  const cmds: string[] = [];
  if (vendors.has('nvidia')) cmds.push('nvidia-smi --query-gpu=index,name,memory.used,memory.total --format=csv -l 1');
  if (vendors.has('amd')) cmds.push('watch -n 1 rocm-smi --showmeminfo vram');
  if (vendors.has('apple'))
    cmds.push('sudo powermetrics --samplers gpu_power -i 1000   # and Activity Monitor > Memory for the wired size');
  if (vendors.has('intel') || vendors.has('other')) cmds.push('nvtop');
  // macOS has no `free`; on Apple hardware the RAM side of an offload shows in vm_stat's page counts.
  const appleOnly = vendors.size === 1 && vendors.has('apple');
  if (plan.gpuLayers < plan.totalLayers || plan.devices.length === 0) cmds.push(appleOnly ? 'vm_stat 1' : 'free -m -s 1');
  return cmds;
}

/** One short request against the server the primary recipe starts, to see memory settle under load. */
export function requestCommand(plan: Pick<Plan, 'recipes' | 'model'>): string | null {
  const primary = plan.recipes[0]?.id;
  const body = (model: string | null) =>
    JSON.stringify({ ...(model ? { model } : {}), messages: [{ role: 'user', content: 'Say hello in one sentence.' }], max_tokens: 64 });
  if (primary === 'llama-server')
    return `curl -s http://127.0.0.1:8080/v1/chat/completions -H 'Content-Type: application/json' -d '${body(null)}'`;
  if (primary === 'vllm') {
    const repo = (plan.model.hfRepo || plan.model.id).replace(/'/g, '');
    return `curl -s http://127.0.0.1:8000/v1/chat/completions -H 'Content-Type: application/json' -d '${body(repo)}'`;
  }
  return null;
}

type ChecklistInput = Omit<Plan, 'checklist'>;

/** Step 1, choose the model size: what this model and format need, and why it fits or not. */
function step1Items(plan: ChecklistInput): PlanText[] {
  const m = plan.model;
  const fittingRows = plan.comparison.filter((r) => r.verdict === 'fits' || r.verdict === 'tight');
  const capacity = plan.devices.reduce((a, d) => a + d.capacityBytes, 0);
  const used = plan.devices.reduce((a, d) => a + d.usedBytes, 0);
  const step1: PlanText[] = [
    text('plan.step1.model', {
      model: m.name,
      parameters: m.parameterCount,
      basis: m.basis,
      quant: plan.quant.id,
      weightsBytes: plan.components.weights,
    }),
  ];
  if (plan.verdict === 'fits' || plan.verdict === 'tight') {
    step1.push(
      text(`plan.step1.why.${plan.verdict}`, {
        usedBytes: used,
        capacityBytes: capacity,
        marginBytes: plan.marginBytes,
        devices: plan.devices.length,
      }),
    );
  } else if (plan.verdict === 'offload') {
    step1.push(text('plan.step1.why.offload', { gpuLayers: plan.gpuLayers, totalLayers: plan.totalLayers, cpuBytes: plan.cpu.bytes }));
  } else if (plan.verdict === 'cpu') {
    step1.push(text('plan.step1.why.cpu', { cpuBytes: plan.cpu.bytes, ramBudgetBytes: plan.cpu.ramBudgetBytes }));
  } else if (plan.runtime !== 'vllm') {
    // llama.cpp and transformers spill to RAM: what is short is RAM, not GPU memory.
    step1.push(text('plan.step1.why.no-fit-ram', { cpuBytes: plan.cpu.bytes, ramBudgetBytes: plan.cpu.ramBudgetBytes }));
  } else {
    step1.push(text('plan.step1.why.no-fit', { usedBytes: used, capacityBytes: capacity }));
  }
  if (fittingRows.length > 0) {
    const best = fittingRows.reduce((a, b) => (b.bits > a.bits ? b : a));
    step1.push(text('plan.step1.bestBits', { bits: best.bits, quant: best.quant }));
  } else if (plan.comparison.length > 0) {
    step1.push(text('plan.step1.noBits', {}));
  }
  return step1;
}

/** Step 2, check the GPU memory: each device's use against its budget, and RAM. */
function step2Items(plan: ChecklistInput): PlanText[] {
  const step2: PlanText[] = plan.devices.map((d) =>
    text('plan.step2.device', {
      name: d.name,
      usedBytes: d.usedBytes,
      capacityBytes: d.capacityBytes,
      totalBytes: d.totalBytes,
      reserveBytes: d.budget.reserveBytes,
      inUseBytes: d.budget.inUseBytes,
      marginBytes: d.marginBytes,
      source: d.source,
    }),
  );
  if (plan.devices.length === 0) step2.push(text('plan.step2.none', {}));
  if (plan.cpu.bytes > 0) {
    step2.push(
      text(plan.cpu.ramShort ? 'plan.step2.ramShort' : 'plan.step2.ram', {
        cpuBytes: plan.cpu.bytes,
        ramBudgetBytes: plan.cpu.ramBudgetBytes,
      }),
    );
  }
  return step2;
}

/** Step 3, apply quantisation: the format, what it saves against 16-bit, the KV cache type. */
function step3Items(plan: ChecklistInput): PlanText[] {
  const s = plan.settings;
  const sixteen = plan.comparison.find((r) => r.bits === 16);
  const step3: PlanText[] = [
    text(plan.quant.fromFile ? 'plan.step3.quantFile' : 'plan.step3.quant', {
      quant: plan.quant.label,
      bpw: plan.quant.bitsPerWeight,
      weightsBytes: plan.components.weights,
    }),
  ];
  if (sixteen && !sixteen.chosen && sixteen.weightsBytes > 0) {
    step3.push(
      text('plan.step3.versus16', {
        weights16Bytes: sixteen.weightsBytes,
        savedBytes: sixteen.weightsBytes - plan.components.weights,
        percent: round((plan.components.weights / sixteen.weightsBytes) * 100, 0),
      }),
    );
  }
  step3.push(text('plan.step3.kv', { k: s.kvTypeK, v: s.kvTypeV, fa: s.flashAttention ? 'on' : 'off', kvBytes: plan.components.kvCache }));
  return step3;
}

/** Step 4, test the model: what to start, what to watch and the figures to expect. */
function step4Items(plan: ChecklistInput): PlanText[] {
  const s = plan.settings;
  const primary = plan.recipes[0];
  const step4: PlanText[] = [];
  if (primary) step4.push(text('plan.step4.start', { recipe: primary.title }));
  else step4.push(text('plan.step4.noRecipe', { runtime: plan.runtime }));
  step4.push(text('plan.step4.watch', {}));
  for (const d of plan.devices) {
    step4.push(
      text('plan.step4.expectDevice', {
        name: d.name,
        expectedBytes: d.expectedMonitorBytes,
        lowBytes: d.expectedMonitorBytes * (1 - plan.components.band.relative),
        highBytes: d.expectedMonitorBytes * (1 + plan.components.band.relative),
      }),
    );
  }
  if (plan.runtime === 'llama.cpp') {
    step4.push(
      text('plan.step4.expectLog', {
        kvMiB: Math.round(plan.components.kvCache / 2 ** 20),
        computeMiB: Math.round(plan.components.compute / 2 ** 20),
      }),
    );
  } else if (plan.runtime === 'vllm' && plan.vllm) {
    step4.push(text('plan.step4.vllmClaims', { percent: round(s.gpuMemoryUtilization * 100, 0) }));
    step4.push(text('plan.step4.expectVllm', { kvTokens: plan.vllm.kvTokens, concurrency: plan.vllm.maxConcurrency, context: s.context }));
  }
  if (plan.speed.decodeTokensPerSecond !== null && plan.verdict !== 'no-fit') {
    step4.push(
      text('plan.step4.expectSpeed', { tps: round(plan.speed.decodeTokensPerSecond, 1), band: round(plan.speed.band.decode * 100, 0) }),
    );
  }
  step4.push(text('plan.step4.fullContext', { context: s.context }));
  return step4;
}

export function checklist(plan: ChecklistInput): PlanStep[] {
  const primary = plan.recipes[0];
  // The first command starts the server; the rest of a recipe (ollama create/run) follows it.
  const start = primary ? primary.commands.filter((c) => !c.startsWith('#')) : [];
  const request = requestCommand(plan);
  const step1 = step1Items(plan);
  const step2 = step2Items(plan);
  const step3 = step3Items(plan);
  const step4 = step4Items(plan);
  const watch = watchCommands(plan);
  return [
    { step: 1, title: text('plan.step1.title'), items: step1, commands: [] },
    { step: 2, title: text('plan.step2.title'), items: step2, commands: [] },
    { step: 3, title: text('plan.step3.title'), items: step3, commands: [] },
    { step: 4, title: text('plan.step4.title'), items: step4, commands: [...start, ...watch, ...(request ? [request] : [])] },
  ];
}
