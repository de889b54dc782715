// `vram-planner capacity`: how many users a deployment serves, how fast, on how many GPUs and at what cost,
// as a table or one JSON object (--json; the field names are a contract scripts rely on).

import {
  arrivalKey,
  bandText,
  runText,
  capacity,
  CapacityInputError,
  type CapacityPlan,
  type CapacityText,
} from '../../core/capacity/index';
import { tr } from '../../core/plan/text';
import { capacityBlocks, capacityMarkdown } from '../../core/plan/capacity-section';
import { serveRecipes, type ServeRecipe } from '../../core/plan/recipes-serve';
import { getModel } from '../../core/catalog';
import { EstimateInputError } from '../../core/estimate/index';
import { CliError, type CliCommand, type CliIO } from '../types';
import { parseCapacityArgs, type ParsedCapacity } from './capacity-args';

const GiB = 1024 ** 3;
const en = (t: CapacityText) => tr('en', t.key, t.params);
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function capacityJson(p: CapacityPlan, parsed: ParsedCapacity, recipes: ServeRecipe[]) {
  const a = p.atLoad;
  return {
    model: parsed.label,
    runtime: p.runtime,
    gpu: parsed.gpu.id,
    deployment: p.deployment,
    workload: p.workload,
    arrival: p.atLoad.arrival,
    layoutChoice: { ...p.layoutChoice, reason: en(p.layoutChoice.reason) },
    maxConcurrency: p.pool.maxConcurrency,
    maxConcurrencyAtMaxModelLen: p.pool.maxConcurrencyAtMaxModelLen,
    kvPoolTokens: p.pool.kvPoolTokens,
    kvPoolBytesPerGpu: Math.round(p.pool.kvPoolBytesPerGpu),
    pool: { ...p.pool, basis: en(p.pool.basis) },
    atLoad: {
      users: r1(a.users),
      batch: r1(a.batch),
      arrival: a.arrival,
      ttftMs: r1(a.ttftMs.value),
      ttftP95Ms: r1(a.ttftP95Ms),
      tpotMs: r1(a.tpotMs.value),
      tpotP95Ms: r1(a.tpotP95Ms),
      perUserTokensPerSecond: r1(a.perUserTokensPerSecond),
      outputTokensPerSecond: r1(a.outputTokensPerSecond.value),
      requestsPerSecond: r3(a.requestsPerSecond),
      queueSeconds: r3(a.queueSeconds),
      saturated: a.saturated,
      bands: {
        basis: en(bandText(p.band)),
        factors: {
          ttft: p.band.ttft,
          tpot: p.band.tpot,
          output: p.band.output,
          source: p.band.source,
          rows: p.band.rows,
          firstPriced: p.band.firstPriced,
        },
        ttftMs: [r1(a.ttftMs.low), r1(a.ttftMs.high)],
        tpotMs: [r1(a.tpotMs.low), r1(a.tpotMs.high)],
        outputTokensPerSecond: [r1(a.outputTokensPerSecond.low), r1(a.outputTokensPerSecond.high)],
      },
    },
    meetsTargets: a.meetsTargets,
    kneeUsers: p.kneeUsers,
    gpusNeeded: p.gpusNeeded,
    gpusNeededBand: p.gpusNeededBand,
    replicas: p.deployment.replicas,
    replicasNeeded: p.replicasNeeded,
    nodesNeeded: p.nodesNeeded,
    estimate: {
      perDevice: p.perDevice.map((d) => ({ ...d, capacityBytes: Math.round(d.capacityBytes) })),
      weightsBytes: p.estimate.weights.bytes,
      kvBytesPerToken: p.estimate.vllm?.kvBytesPerToken ?? p.estimate.kvCache.bytesPerToken,
      quant: p.estimate.settings.quant,
      kvType: p.estimate.settings.kvTypeK,
    },
    layouts: p.layouts,
    cost: p.cost,
    recipes,
    notModelled: p.notModelled.map(en),
    notes: p.notes.map(en),
    warnings: p.warnings,
  };
}

function printText(io: CliIO, p: CapacityPlan, parsed: ParsedCapacity, recipes: ServeRecipe[]): void {
  const a = p.atLoad;
  const d = p.deployment;
  const per = p.perDevice[0];
  io.out(`${parsed.label} on ${d.replicas} × (${d.gpusPerReplica} × ${parsed.gpu.name}) with ${p.runtime}, tp ${d.tp} pp ${d.pp}`);
  if (per) {
    io.out(
      `Per GPU: ${(per.capacityBytes / GiB).toFixed(1)} GiB = weights ${(per.weightsBytes / GiB).toFixed(2)} + KV pool ${(per.kvBytes / GiB).toFixed(2)}${per.stateBytes > 0 ? ` + recurrent-state slots ${(per.stateBytes / GiB).toFixed(2)}` : ''} + activations ${(per.activationBytes / GiB).toFixed(2)} + runtime ${(per.overheadBytes / GiB).toFixed(2)} GiB`,
    );
  }
  io.out(
    `KV pool: ${p.pool.kvPoolTokens} tokens per replica → ${p.pool.maxConcurrency} requests of ${p.workload.promptTokens}+${p.workload.outputTokens} tokens at once (${en(p.pool.basis)})`,
  );
  io.out(en(p.layoutChoice.reason));
  io.out(
    `At ${r1(a.users)} users (${a.arrival} arrivals): TTFT ${r1(a.ttftMs.value)} ms (p95 ${r1(a.ttftP95Ms)}), TPOT ${r1(a.tpotMs.value)} ms (p95 ${r1(a.tpotP95Ms)}), ${r1(a.perUserTokensPerSecond)} tok/s per user`,
  );
  io.out(`  ${tr('en', arrivalKey(a.arrival, p.runtime), {})}`);
  const run = runText(p.workload, a.users);
  if (run) io.out(`  ${tr('en', run.key, run.params)}`);
  io.out(
    `Throughput: ${r1(a.outputTokensPerSecond.value)} output tok/s (${r1(a.outputTokensPerSecond.low)}–${r1(a.outputTokensPerSecond.high)}), ${r3(a.requestsPerSecond)} req/s${a.saturated ? ' — saturated: requests queue without bound' : ''}`,
  );
  io.out(`  ${en(bandText(p.band))}`);
  io.out(
    `Targets: ${a.meetsTargets ? 'met' : 'missed'}${p.kneeUsers != null ? `; met up to ${p.kneeUsers} users on this deployment` : ''}`,
  );
  if (p.gpusNeeded != null) {
    io.out(
      `Needed: ${p.gpusNeeded} GPUs (${p.gpusNeededBand.low ?? '?'}–${p.gpusNeededBand.high ?? '?'}) = ${p.replicasNeeded} replica(s) on ${p.nodesNeeded} node(s)`,
    );
  } else io.out('Needed: no number of replicas of this layout serves the workload.');
  const c = p.cost;
  if (c.own || c.cloud) {
    const side = (name: string, s: typeof c.own) =>
      s
        ? `${name} $${s.usdPerHour.toFixed(2)}/h, $${Math.round(s.usdPerMonth)}/month, $${s.usdPerMillionOutputTokens?.toFixed(3) ?? '–'} per 1M output tokens`
        : `${name} –`;
    io.out(`Cost (prices as of ${c.asOf}, yours to edit): ${side('own', c.own)}; ${side('cloud', c.cloud)}; ${Math.round(c.powerW)} W`);
  }
  for (const l of p.layouts.slice(0, 6)) {
    const need =
      l.gpusNeeded != null
        ? `, needs ${l.gpusNeeded} GPUs (${l.replicasNeeded} × tp ${l.tp} pp ${l.pp})`
        : ', no replica count meets the targets';
    io.out(
      `  ${l.chosen ? '*' : ' '} layout tp ${l.tp} pp ${l.pp} × ${l.replicas}: ${l.fits ? `${Math.round(l.goodputTokensPerSecond)} tok/s within targets${need}` : 'does not fit'}${l.note ? ` (${l.note})` : ''}`,
    );
  }
  for (const r of recipes) io.out(`\n# ${r.title}\n${r.text}`);
  for (const w of [...p.notes.map(en), ...p.warnings]) io.out(`Warning: ${w}`);
}

export const capacityCommand: CliCommand = async (args, io) => {
  const parsed = await parseCapacityArgs(args);
  let p: CapacityPlan;
  try {
    p = capacity({ input: parsed.input, base: parsed.base, gpu: parsed.gpu, workload: parsed.workload, deployment: parsed.deployment });
  } catch (error) {
    if (error instanceof CapacityInputError || error instanceof EstimateInputError) throw new CliError(error.message);
    throw error;
  }
  const repo = getModel(parsed.input.spec.id)?.hfRepo ?? parsed.input.spec.id;
  const modelId = p.runtime === 'llama.cpp' ? (parsed.gguf ?? `${repo}.gguf`) : repo;
  const recipes = serveRecipes(p, { modelId, gpu: parsed.gpu });
  if (parsed.markdown) {
    const blocks = capacityBlocks(p, recipes, parsed.markdown.lang, { model: parsed.label, gpu: parsed.gpu.name });
    io.out(capacityMarkdown(blocks).trimEnd());
  } else if (parsed.json) io.out(JSON.stringify(capacityJson(p, parsed, recipes), null, 2));
  else printText(io, p, parsed, recipes);
  return 0;
};
