// Fine-tuning memory: estimateTraining() prices one training step per GPU, component by component.
// See docs/train-accuracy.md for the formulas, their sources and the measured comparison.

export * from './types';
export { estimateTraining, defaultTrainingSettings } from './estimate';
export { trainingMemory, CUDA_CONTEXT_BYTES, ALLOCATOR_SLACK, type TrainingCore } from './memory';
export { countAdapter } from './lora';
export { nf4Bytes } from './states';
