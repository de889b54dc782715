// Where every quality figure comes from: the sources quality-data.ts quotes, with what exactly was measured.

export interface QualitySource {
  id: string;
  title: string;
  url: string;
  /** Exactly what was measured: model, data set, context, tool, reference precision. */
  measured: string;
}

const PPL_README = 'https://github.com/ggml-org/llama.cpp/blob/master/tools/perplexity/README.md';

export const QUALITY_SOURCES: QualitySource[] = [
  {
    id: 'llamacpp-l3-8b',
    title:
      'llama.cpp tools/perplexity README, "LLaMA 3 8b Scoreboard" (revision f364eb6f, CUDA, 1x RTX 4090); statistics introduced in PR #6936',
    url: PPL_README,
    measured:
      'LLaMA 3 8B base, llama-perplexity on the Wikitext-2 test set with default arguments; mean KLD and ΔPPL against the FP16 model. Rows without an importance matrix ("None") where the table has one, otherwise "WT 10m" (imatrix from 10 M Wikitext tokens).',
  },
  {
    id: 'llamacpp-l2-vs-l3',
    title: 'llama.cpp tools/perplexity README, "LLaMA 2 vs. LLaMA 3 Quantization comparison" (revision f364eb6f)',
    url: PPL_README,
    measured: 'LLaMA 2 7B base, same tool, data set and FP16 reference as the LLaMA 3 8B scoreboard; no importance matrix.',
  },
  {
    id: 'llamacpp-bf16-fp16',
    title: 'llama.cpp tools/perplexity README, "LLaMA 3 BF16 vs. FP16 comparison" (revision 83330d8c, CPU)',
    url: PPL_README,
    measured: 'LLaMA 3 8B: BF16 logits as --kl-divergence-base, the FP16 conversion as --model, Wikitext-2 test set.',
  },
  {
    id: 'llamacpp-l2-70b',
    title: 'llama.cpp tools/perplexity README, "Old Numbers: Llama 2 70B Scoreboard"',
    url: PPL_README,
    measured: 'Llama 2 70B, Wikitext-2 perplexity and "Delta to fp16" in %, k-quants as of 2023 (no importance matrix).',
  },
  {
    id: 'huang-2024-llama3',
    title:
      'Huang et al., "How Good Are Low-bit Quantized LLaMA3 Models? An Empirical Study" (arXiv:2404.14047), PTQ tables in the repository README',
    url: 'https://github.com/Macaronlin/LLaMA3-Quantization',
    measured:
      'LLaMA3-8B and LLaMA3-70B, WikiText2 perplexity, weights only (activations 16-bit); 4-bit rows with group size 128, 8-bit rows per channel; printed to one decimal (images/result_ptq_1.png and result_ptq_2.png, commit 3d3efe9).',
  },
  {
    id: 'hqq-2023-llama2',
    title:
      'Badri & Shaji, "Half-Quadratic Quantization of Large Machine Learning Models" (Mobius Labs, 2023), Table 1, https://mobiusml.github.io/hqq_blog/',
    url: 'https://www.lesswrong.com/posts/qmPXQbyYA66DuJbht/comparing-quantized-performance-in-llama-models',
    measured:
      'Llama-2-7B and Llama-2-13B, WikiText2 perplexity. Read as quoted in the linked post (Table 1). BNB 8-bit is LLM.int8; "BNB_g64" is bitsandbytes 4-bit with block 64 (the table does not name the NF4 or FP4 code book); GPTQ_g64 and AWQ_g64 use group 64. Llama-2-70B has no FP16 figure (OOM), so no 70B row.',
  },
  {
    id: 'torchao-3394',
    title: 'pytorch/ao PR #3394 "add mxfp8 and nvfp4 to Llama eval scripts" (2025-11-26)',
    url: 'https://github.com/pytorch/ao/pull/3394',
    measured:
      'Meta-Llama-3.1-8B, lm-eval wikitext word perplexity: bf16 baseline 7.55, "float8 rowwise" (FP8 E4M3 weights and activations, one scale per row) 7.62.',
  },
  {
    id: 'artefact2-mistral-7b',
    title: 'Artefact2, "GGUF quantizations overview", section "KL-divergence statistics for Mistral-7B" (last updated 2024-02-27)',
    url: 'https://gist.github.com/Artefact2/b5f810600771265fc1e39442288e8ec9',
    measured:
      'Mistral-7B, every quant made with an importance matrix from wiki.train (200*512 tokens), measured on wiki.test; the column used is "ln(PPL(Q)/PPL(base))" (the KL-divergence columns are the median and 99th percentile, not the mean).',
  },
  {
    id: 'ikawrakow-mistral-7b',
    title: 'ikawrakow/mistral-7b-quantized-gguf model card, column "PPL(llama.cpp)" / "Quantization Error"',
    url: 'https://huggingface.co/ikawrakow/mistral-7b-quantized-gguf',
    measured:
      'Mistral-7B, Wikitext perplexity at a context of 512 tokens, the llama.cpp quantisation of the time (no imatrix); "Quantization Error" = (PPL(quantized model) - PPL(fp16))/PPL(fp16).',
  },
  {
    id: 'dracones-gemma-2-27b',
    title: 'Dracones/gemma-2-27b-it-GGUF model card, "Perplexity Scoring"',
    url: 'https://huggingface.co/Dracones/gemma-2-27b-it-GGUF',
    measured:
      'gemma-2-27b-it quantised with llama.cpp tag b3408 from an F32 conversion, no importance matrix; perplexity per quant against BF16 7.1853 (data set and context not stated on the card, the same for every row).',
  },
  {
    id: 'qwen2-gguf-card',
    title: 'Qwen team, Qwen2 Instruct GGUF model cards, "Evaluation" table (as committed to Qwen2-57B-A14B-Instruct-GGUF in 94f9b6b)',
    url: 'https://huggingface.co/Qwen/Qwen2-57B-A14B-Instruct-GGUF/commit/94f9b6bfa2811afec9ce190f14e4ab6a88687561',
    measured:
      'Qwen2 Instruct 0.5B, 1.5B, 7B and 72B, "perplexity evaluation using wikitext following the practice of llama.cpp with ./llama-perplexity", fp16 reference, printed to two decimals. The 57B-A14B row is left out: the cards of different sizes print different values for it.',
  },
  {
    id: 'gpt-oss-card',
    title: 'openai/gpt-oss-20b and gpt-oss-120b model cards',
    url: 'https://huggingface.co/openai/gpt-oss-20b',
    measured:
      '"The models were post-trained with MXFP4 quantization of the MoE weights ... All evals were performed with the same MXFP4 quantization."',
  },
];
