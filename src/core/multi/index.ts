// Several models on one machine (issue 19): members, placement of the set, what to shrink first, and
// the speed range of a draft model.

export * from './types';
export { estimateSet, placementOrder, worstVerdict, ORDER_BASIS } from './set';
export { makeMember, memberSettings, RETRIEVAL_DEFAULT_QUANT_GGUF, RETRIEVAL_DEFAULT_SEQUENCE, type MemberOptions } from './member';
export { shrinkSet, MIN_MAIN_CONTEXT, type ShrinkAction, type ShrinkStep } from './shrink';
export { draftSpeed, speculativeSpeedup, ACCEPTANCE_RANGE, type DraftSpeed, type DraftSpeedPoint } from './draft';
export { setRecipes, FIRST_PORT, type SetRecipe } from './recipes';
export { projectorFromGguf, projectorCompute, ProjectorError, type ProjectorInfo } from './projector';
export {
  projectorFromHf,
  visionTowerFromHfConfig,
  visionParameterCount,
  imageTokens,
  type HfProjector,
  type VisionTower,
} from './projector-hf';
export { visionProjectorMember, projectorFileName, type VisionMember } from './projector-member';
export { loraFromGguf, loraFromPeft, LoraError, type LoraInfo } from './lora';
export {
  ollamaRecipe,
  llamaSwapConfig,
  processes,
  LLAMA_SWAP_PORT,
  type OllamaRecipe,
  type OtherRecipes,
  type VllmRecipe,
} from './recipes-other';
export { vllmRecipes } from './recipes-vllm';
export { summarizeSet, type SetSummary } from './summary';
export { mtpModule, mtpFixed, mtpLayerCount, MtpError, MTP_DRAFT, type MtpModule } from './mtp';
