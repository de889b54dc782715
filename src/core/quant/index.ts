export * from './ggml-types';
export * from './formats';
export * from './recipes';
export * from './hf';
