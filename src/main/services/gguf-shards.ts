// llama.cpp's split-file names (model-00001-of-00003.gguf): one pattern for the importer, the local scan
// and the GGUF reader.

/** Groups: 1 the shared prefix, 2 this shard's number, 3 the shard count (both five digits). */
export const GGUF_SHARD_RE = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;
