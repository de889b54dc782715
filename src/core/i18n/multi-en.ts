// Several models on one machine (issue 19): the plan's section listing every model of the set.
export const multiEn = {
  'multi.section.title': 'Models on this machine',
  'multi.section.summary': '{count} models share this hardware; the set’s verdict is {verdict}, {total} in all.',
  'multi.table.header': '| Model | Role | Quant | Context × parallel | Memory | Verdict |',
  'multi.col.model': 'Model',
  'multi.col.role': 'Role',
  'multi.col.quant': 'Quant',
  'multi.col.context': 'Context × parallel',
  'multi.col.memory': 'Memory',
  'multi.col.verdict': 'Verdict',
  'multi.device.line': '{device}: {used} of {capacity} ({parts}).',
  'multi.order':
    'Placed in start order: the main model first, its draft model in the same process, then each other model in its own process in the order given; each sees the memory the ones before it took.',
  'multi.shrink.title': 'What to drop or shrink first (each step on top of the ones before, re-checked):',
  'multi.shrink.step': '{mark} {detail}: {verdict}, {total}.',
  'multi.shrink.detail.shrink-main-context': 'main context {from} → {to} tokens',
  'multi.shrink.detail.quantise-kv': 'KV cache q8_0 for every model with a 16/32-bit cache (-ctk q8_0 -ctv q8_0 -fa on)',
  'multi.shrink.detail.drop-reranker': 'drop {ids}',
  'multi.shrink.detail.drop-embedding': 'drop {ids}',
  'multi.shrink.detail.drop-draft': 'drop {ids}',
  'multi.shrink.detail.lower-main-quant': 'main quant {from} → {to}',
  'multi.recipes.title':
    'Launch commands (llama.cpp): one llama-server per process, each on its own port, with the context and batch sizes planned above.',
  'multi.draft.range':
    'Draft model: decode ×{low} at acceptance {lowRate} to ×{high} at {highRate}. This is a range: the acceptance rate depends on the text and on how well the two models agree.',
  'multi.role.main': 'main',
  'multi.role.chat': 'chat',
  'multi.role.embedding': 'embedding',
  'multi.role.reranker': 'reranker',
  'multi.role.draft': 'draft',
  'multi.role.vision-projector': 'vision projector',
  'multi.role.lora': 'LoRA adapter',
  'multi.launch.vllm.title':
    'Launch commands (vLLM): one vllm serve per model, each started with the memory share the set gives it; the shares on a GPU add up to at most 1.',
  'multi.launch.swap.title':
    'llama-swap (llama-swap.yaml): the same llama-server commands, kept loaded together in one group; start it with “{command}”.',
  'multi.launch.ollama.title':
    'Ollama: start the server with {env}, then create each model from its Modelfile (ollama create NAME -f Modelfile).',
  'multi.launch.ollama.model': '{name}:',
  'multi.launch.ollama.no-rerank': '{id}: Ollama has no rerank endpoint; serve it with the llama-server command above.',
  'multi.launch.ollama.no-draft': '{id}: Ollama has no speculative decoding; the main model runs without its draft.',
  'multi.launch.ollama.projector': '{id}: an Ollama vision model brings its own projector; import the model together with it.',
};
