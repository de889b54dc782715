// Serving capacity (issue 17): workload in, KV pool, latency, throughput, GPUs, layouts and cost out.

export type * from './types';
export { capacity, CapacityInputError, type CapacityInput, type CapacityPlan } from './plan';
export { costOf, type CostResult, type CostSide } from './cost';
export { DEFAULT_PRICES, type GpuPrice, type PriceTable } from './prices';
export { sweepGrid, sweepUsers, kneeUsers, loadOn, replicasNeeded } from './sizing';
export { vllmServeDefaults, defaultMemoryFraction } from './memory';
export { DEFAULT_NODE_GPUS } from './layouts';
export { bandText, type ReplicaBand } from './speed';
export { arrivalKey, runText } from './arrival';
