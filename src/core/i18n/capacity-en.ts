// Serving capacity (issue 17): the Capacity section of the plan and the capacity CLI's Markdown.
export const capacityEn = {
  'capacity.title': 'Serving capacity',
  'capacity.intro':
    '{model} in {quant} served by {runtime} on {replicas} replica(s) of {perReplica} × {gpu} (tensor parallel {tp}, pipeline parallel {pp}, {nodes} node(s)). Workload: {load}, each request {prompt} prompt tokens and {output} output tokens.',
  'capacity.load.users': '{users} concurrent users',
  'capacity.load.rate': '{rate} requests per second',
  'capacity.pool':
    'KV pool: {tokens} tokens per replica ({poolBytes} per GPU), so {concurrency} requests of this length at once. At start the runtime reports {logged} requests of {maxLen} tokens.',
  'capacity.pool.basis': 'How the pool is sized: {basis}',
  'capacity.memory.states':
    'Per GPU: weights {weightsBytes}, KV pool {kvBytes}, recurrent-state slots {stateBytes}, activations {activationBytes}, runtime {overheadBytes} of {capacityBytes}.',
  'capacity.memory':
    'Per GPU: weights {weightsBytes}, KV pool {kvBytes}, activations {activationBytes}, runtime {overheadBytes} of {capacityBytes}.',
  'capacity.load.heading': 'At {users} concurrent users',
  'capacity.col.metric': 'Metric',
  'capacity.col.value': 'Estimate',
  'capacity.col.range': 'Range',
  'capacity.row.ttft': 'Time to first token (mean / p95)',
  'capacity.row.tpot': 'Time per output token (mean / p95)',
  'capacity.row.perUser': 'Speed each user sees',
  'capacity.row.output': 'Output tokens per second, all users',
  'capacity.row.requests': 'Requests per second',
  'capacity.row.queue': 'Wait for a free slot',
  'capacity.targets.met': 'Targets met at this load.',
  'capacity.targets.missed': 'Targets missed at this load.',
  'capacity.targets.none': 'No latency targets were given.',
  'capacity.knee': 'This deployment stays within the targets up to {knee} concurrent users.',
  'capacity.saturated': 'The request rate is above what the replicas sustain: requests queue without bound.',
  'capacity.needed':
    'Needed for this workload: {gpus} GPUs ({low}–{high} within the ranges above) = {replicas} replica(s) on {nodes} node(s).',
  'capacity.needed.none': 'No number of replicas of this layout serves the workload; change the layout or the targets.',
  'capacity.layouts.heading': 'Parallel layouts compared',
  'capacity.layouts.layout': 'Layout',
  'capacity.layouts.replicas': 'Replicas',
  'capacity.layouts.pool': 'KV tokens per replica',
  'capacity.layouts.goodput': 'Output tok/s within targets',
  'capacity.layouts.needed': 'GPUs needed',
  'capacity.layouts.chosen': 'chosen',
  'capacity.layouts.noFit': 'does not fit',
  'capacity.cost.heading': 'Cost and power',
  'capacity.cost.own': 'Own hardware: ${perHour} per hour, ${perMonth} per month, ${perMillion} per million output tokens.',
  'capacity.cost.cloud': 'Cloud: ${perHour} per hour, ${perMonth} per month, ${perMillion} per million output tokens.',
  'capacity.cost.power': 'Power: about {watts} W at {utilisation} utilisation (board power × utilisation + host).',
  'capacity.cost.note': 'Prices as of {date}: a table for the user to edit; nothing is fetched.',
  'capacity.cost.missing': 'No price for {gpu} in the table; add one to see costs.',
  'capacity.recipes.heading': 'Launch commands',
  'capacity.notModelled.heading': 'Not modelled',
  'capacity.basis.vllm':
    'vLLM: {fraction} (gpu_memory_utilization) × {totalBytes} − non-torch memory − weights ÷ {ranks} − the profiled activation peak, in {block}-token blocks.',
  'capacity.basis.vllmHybrid':
    'vLLM: {fraction} (gpu_memory_utilization) × {totalBytes} − non-torch memory − weights ÷ {ranks} − the profiled activation peak, in blocks of {block} tokens that hold a page for each of {groupSize} layers; the layers form {groups} groups, {stateGroups} of them recurrent-state layers, and a request takes its attention blocks plus one block per state group, so it holds more requests than its token count (blocks ÷ groups × block, as vLLM logs it) suggests.',
  'capacity.basis.sglang':
    'SGLang: {fraction} (mem_fraction_static) × {totalBytes} − CUDA context − weights ÷ {ranks}, one token per page.',
  'capacity.basis.sglangHybrid':
    'SGLang: {fraction} (mem_fraction_static) × {totalBytes} − CUDA context − weights ÷ {ranks}; what is left is split {ratio} : 1 (mamba_full_memory_ratio) between {slots} recurrent-state slots of {stateBytes} and the KV pool (one token per page), and a running request takes {perRequest} slots.',
  'capacity.basis.llama': 'llama.cpp: -np {slots} slots × {cells} cells each (-c {total}), allocated at start.',
  'capacity.note.noFit': 'One replica ({perReplica} × {gpu}) cannot hold the weights and one request of {tokens} tokens.',
  'capacity.note.replicatedKv':
    'Tensor parallel {tp} exceeds the model’s KV heads: each GPU keeps a whole head, so KV memory is replicated.',
  'capacity.note.vllmRelease':
    'Priced for vLLM {release}: releases 0.11.1–0.16 sort the vocabulary to sample while profiling, which keeps 24 B more per sequence and vocabulary entry out of the KV pool than newer releases.',
  'capacity.note.vllmReleaseNvls':
    'vLLM {release} at tensor parallel {tp} on an NVLink-switch board: releases 0.11–0.16 were logged profiling about 0.7 GiB of non-torch memory per GPU here, against about 2.1 GiB from 0.18 on, so the pool is priced 1.4 GiB larger per GPU (no 0.17 log was found; it is priced as the newer releases).',
  'capacity.note.eagerPrefill.vllm':
    'The first token includes {ms} ms for a prefill run without CUDA graphs: vLLM replays them only for passes of up to 512 tokens (V1), so a longer prompt launches every layer’s kernels one by one.',
  'capacity.note.eagerPrefill.sglang':
    'The first token includes {ms} ms for a prefill run without CUDA graphs: SGLang replays prefill graphs from 0.5.10 on NVIDIA GPUs, but not on ROCm, with pipeline parallelism, for MLA, sparse-attention or gated-DeltaNet models, or in older releases.',
  'capacity.layout.pinned':
    'Layout TP {tp} × PP {pp} as given (tensor and pipeline parallel as set); {replicas} replica(s) of it serve the workload within the targets.',
  'capacity.layout.searched':
    'Layout TP {tp} × PP {pp} chosen: of {count} layouts searched it serves the workload within the targets on the fewest GPUs ({gpus}), ties going to the lower TPOT.',
  'capacity.layout.none': 'No layout meets the targets with up to {max} replicas; the plan shows TP {tp} × PP {pp} on the GPUs given.',
  'capacity.layout.pinnedNone':
    'Layout TP {tp} × PP {pp} as given (tensor and pipeline parallel as set); no number of its replicas serves the workload within the targets.',
  'capacity.arrival.steady':
    'Users arrive at independent moments: a new request waits for the step in progress and rides the next chunked prefill.',
  'capacity.arrival.burst':
    'All users start at once with equal lengths (a fixed-length benchmark): a request has its first token when the prefill pass holding its prompt ends. In a longer run its requests come back in the same groups, each waiting for the pass ahead of its own.',
  'capacity.arrival.run':
    'Priced as a run of {prompts} prompts: the first {users} start together ({share} of the run), the rest as earlier ones finish.',
  'capacity.arrival.burstSglang':
    'All users start at once with equal lengths (a fixed-length benchmark): their prompts fill the prefill passes in turn, a request has its first token when its pass ends, and SGLang prefills the whole wave before decoding it, so a request’s tokens wait only for the prompts prefilled after its own.',
  'capacity.band.serving':
    'Ranges: wide enough for 80 % of the error measured on {rows} held-out vLLM and SGLang runs on this kind of GPU as priced today, and on {firstPriced} blind runs as first priced, before anything was learnt from them: TTFT within ×/÷ {ttft}, TPOT ×/÷ {tpot}, throughput and GPUs needed ×/÷ {output}.',
  'capacity.band.servingAll':
    'Ranges: wide enough for 80 % of the error measured on {rows} held-out vLLM and SGLang runs of every GPU kind (too few on this one) as priced today, and on {firstPriced} blind runs as first priced, before anything was learnt from them: TTFT within ×/÷ {ttft}, TPOT ×/÷ {tpot}, throughput and GPUs needed ×/÷ {output}.',
  'capacity.band.speed':
    'Ranges: no llama-server load run is measured, so they are the speed model’s llama.cpp band for this kind of device: TTFT within ×/÷ {ttft}, TPOT, throughput and GPUs needed ×/÷ {tpot}.',
  'capacity.notModelled.spec': 'Speculative decoding (draft models, multi-token prediction), LoRA adapters and multimodal inputs.',
  'capacity.notModelled.cache': 'Prefix-cache hits beyond the shared-prefix share given; KV eviction and preemption under memory pressure.',
  'capacity.notModelled.disagg': 'Prefill/decode disaggregation and expert parallelism (DeepSeek-style EP, DP attention).',
  'capacity.notModelled.vllm':
    'The CUDA-graph memory vLLM 0.21 and later estimate and keep back by default: the KV pool follows the newest release’s profile otherwise (0.11.1–0.16, which sort the vocabulary to sample, can be chosen in Serve or named with --runtime-version), and those releases were measured keeping 1–2 GiB a GPU more, a pool up to 20 % smaller; prefix caching’s extra state blocks for hybrid (Mamba / DeltaNet) models.',
  'capacity.notModelled.sglang': 'SGLang’s hybrid sliding-window pools and its running-request cap beyond half the pool.',
  'capacity.notModelled.kernels':
    'Runtime releases and kernel choices: one recipe per runtime is priced. Tuned deployments (TensorRT-LLM MoE and MLA kernels, fused all-reduce) decode faster than that, and under heavy concurrency they were measured waiting longer for the first token than the queue prices (docs/capacity-accuracy.md, blind rows).',
  'capacity.notModelled.llama':
    'llama-server’s unified KV cache (--kv-unified) shared by the slots; RPC network time beyond one hop per boundary.',
} as const;
