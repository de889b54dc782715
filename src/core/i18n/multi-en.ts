// Several models on one machine (issue 19): the plan's section listing every model of the set.
export const multiEn = {
  'multi.section.title': 'Models on this machine',
  'multi.section.summary': '{count} models share this hardware; the set’s verdict is {verdict}, {total} in all.',
  'multi.table.header': '| Model | Role | Quant | Context × parallel | Memory | Verdict |',
  'multi.device.line': '{device}: {used} of {capacity} ({parts}).',
  'multi.order':
    'Placed in start order: the main model first, its draft model in the same process, then each other model in its own process in the order given; each sees the memory the ones before it took.',
  'multi.shrink.title': 'What to drop or shrink first (each step on top of the ones before, re-checked):',
  'multi.shrink.step': '{mark} {detail}: {verdict}, {total}.',
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
};
