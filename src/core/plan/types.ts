// The deployment plan as data: everything the Markdown, the PDF print view and `plan --format json`
// show, computed once from an Advice. Bytes are plain numbers; text is keys + params so both languages
// render the same plan.

import type { RamSource } from '../advice/choice';
import type { Advice, BudgetBasis, PlanningDeviceKind, RemedyKind, Verdict, VllmPool } from '../advice/types';
import type { EstimateSettings, Runtime } from '../estimate/types';
import type { GpuVendor } from '../hardware/types';
import type { ModelBasis } from '../model/types';
import type { PlanTraining } from './train-plan';
import type { MeasuredRun } from './appendix';
import type { PlanCapacity } from './capacity-plan';
import type { SetSummary } from '../multi/summary';

export const PLAN_SCHEMA = 'vram-planner/plan@1';

/** A translatable line: a key of the plan catalog (plan-en.ts / plan-ja.ts) and its parameters. */
export interface PlanText {
  key: string;
  params: Record<string, string | number>;
}

export type HardwareOrigin = 'detected' | 'profile' | 'manual' | 'file';

/** One device as the caller knows it, with where its figures came from. */
export interface PlanHardwareDeviceInput {
  id: string;
  name: string;
  vendor?: GpuVendor;
  kind?: PlanningDeviceKind;
  totalBytes: number;
  /** Where the memory figure came from ("nvidia-smi", "catalog", "user", ...). */
  source: string;
  bandwidthGBps?: number | null;
  bandwidthSource?: string | null;
}

export interface PlanHardwareInput {
  label: string;
  source: HardwareOrigin;
  devices: PlanHardwareDeviceInput[];
  ramBytes?: number | null;
  /** Where the RAM figure came from (detected, typed, a unified pool). */
  ramSource?: RamSource;
  os?: string | null;
}

export interface PlanModelInput {
  name: string;
  id: string;
  basis: ModelBasis;
  parameterCount: number;
  activeParameterCount?: number;
  architecture?: string;
  /** Hugging Face repository (vLLM serves it by name). */
  hfRepo?: string | null;
  /** GGUF file name when the user imported one (llama.cpp loads it by path). */
  file?: string | null;
}

export interface BuildPlanInput {
  advice: Advice;
  /** The article's 16/8/4-bit columns, each advised on the same hardware and settings. */
  comparison: Advice[];
  hardware: PlanHardwareInput;
  model: PlanModelInput;
  appVersion: string;
  /** ISO date, passed in: core never reads the clock. */
  date: string;
}

export interface PlanComponents {
  weights: number;
  kvCache: number;
  compute: number;
  outputBuffer: number;
  overheadPerGpu: number;
  total: number;
  /** Uncertainty band around the total, bytes. */
  band: { lowBytes: number; highBytes: number; relative: number; basis: ModelBasis };
  /** The estimator's own one-sentence basis of each component (English, from the engine). */
  basis: { weights: string; kvCache: string; compute: string; outputBuffer: string; overheadPerGpu: string };
}

export interface PlanSeedFormula {
  parameters: number;
  bits: number;
  /** P × (Q/8) × 1.2, bytes; displayed in decimal GB as the article writes it. */
  bytes: number;
  /** The detailed estimate it is compared with (components total), bytes. */
  detailedBytes: number;
  /** detailed − seed, bytes. */
  differenceBytes: number;
  /** Why they differ, in the plan's own words. */
  reasons: PlanText[];
}

export interface PlanComparisonRow {
  bits: number;
  quant: string;
  quantLabel: string;
  bitsPerWeight: number;
  seedBytes: number;
  weightsBytes: number;
  kvCacheBytes: number;
  totalBytes: number;
  verdict: Verdict;
  gpuLayers: number;
  totalLayers: number;
  marginBytes: number;
  maxContext: number | null;
  decodeTokensPerSecond: number | null;
  /** This row is the quant the plan uses. */
  chosen: boolean;
}

export interface PlanDevice {
  id: string;
  name: string;
  vendor: GpuVendor | null;
  kind: PlanningDeviceKind;
  /** Physical memory of the device (the RAM share for unified memory is in budget). */
  totalBytes: number;
  source: string;
  capacityBytes: number;
  usedBytes: number;
  weightsBytes: number;
  kvBytes: number;
  computeBytes: number;
  overheadBytes: number;
  marginBytes: number;
  layers: number;
  layerRange: [number, number] | null;
  holdsOutput: boolean;
  budget: BudgetBasis;
  /** What a memory monitor should show once the model is loaded: plan + reserve (+ other processes). */
  expectedMonitorBytes: number;
}

export interface PlanRemedy {
  kind: RemedyKind;
  label: PlanText;
  savesBytes: number;
  resultingVerdict: Verdict;
  resultingGpuLayers: number;
  cost: { kind: string; speedFactor: number | null };
  settings: Partial<EstimateSettings>;
}

export interface PlanSpeed {
  decodeTokensPerSecond: number | null;
  decodeAtFullContextTokensPerSecond: number | null;
  prefillTokensPerSecond: number | null;
  contextTokens: number;
  band: { decode: number; prefill: number };
  bytesPerToken: number;
}

export type RecipeId = 'llama-server' | 'ollama' | 'vllm' | 'lm-studio' | 'mlx-server' | 'mlx-generate' | 'lm-studio-mlx';

export interface RecipeFile {
  name: string;
  language: string;
  content: string;
}

export interface Recipe {
  id: RecipeId;
  title: string;
  /** Shell commands, one per entry (env assignments first where a runtime reads env vars). */
  commands: string[];
  files: RecipeFile[];
  /** Settings to enter by hand (LM Studio's load dialog), label → value. */
  settings: Array<{ label: PlanText; value: string }>;
  notes: PlanText[];
}

export interface PlanStep {
  step: 1 | 2 | 3 | 4;
  title: PlanText;
  items: PlanText[];
  /** Commands to run (step 4). */
  commands: string[];
}

export interface Plan {
  schema: typeof PLAN_SCHEMA;
  date: string;
  appVersion: string;
  hardware: {
    label: string;
    source: HardwareOrigin;
    ramBytes: number | null;
    ramSource: RamSource;
    os: string | null;
    devices: PlanHardwareDeviceInput[];
  };
  model: PlanModelInput & {
    architecture: string;
    layers: number;
    maxContext: number;
    activeParameterCount: number;
  };
  runtime: Runtime;
  /** fromFile: the label is the file's own tensor-type mix, not a format to choose. */
  quant: { id: string; label: string; bitsPerWeight: number; fromFile: boolean };
  settings: EstimateSettings;
  components: PlanComponents;
  seedFormula: PlanSeedFormula;
  comparison: PlanComparisonRow[];
  devices: PlanDevice[];
  cpu: { bytes: number; ramBudgetBytes: number; ramShort: boolean };
  verdict: Verdict;
  marginBytes: number;
  gpuLayers: number;
  totalLayers: number;
  outputOnGpu: boolean;
  tensorSplit: number[] | null;
  maxContext: number | null;
  remedies: PlanRemedy[];
  speed: PlanSpeed;
  vllm: VllmPool | null;
  assumptions: PlanText[];
  /** The estimator's warnings, verbatim (English sentences). */
  warnings: string[];
  checklist: PlanStep[];
  recipes: Recipe[];
  /** Fine-tune mode only: the training estimate and the recipes that reproduce its settings. */
  training?: PlanTraining;
  /** A real run the user checked and attached (the Check view); adds the appendix "Planned vs measured". */
  measured?: MeasuredRun;
  /** A serving workload set in the Serve view: adds the Capacity section (KV pool, load, GPUs, cost, recipes). */
  capacity?: PlanCapacity;
  /** More models on the same hardware (Compare's "Models on this machine"): adds the section listing every model. */
  multi?: SetSummary;
}

export interface PlanRenderOptions {
  locale: 'en' | 'ja';
  pageSize: 'A4' | 'Letter';
}
