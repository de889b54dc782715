// The registry of built-in models, one data file each, in library order. Adding a model: add its file
// and one line here (tests/unit/catalog-data.test.ts fails, naming the file, when a line is missing).

import type { CatalogModelData } from '../types';
import llama_3_1_8b_instruct from './llama-3.1-8b-instruct';
import llama_3_1_70b_instruct from './llama-3.1-70b-instruct';
import llama_3_1_405b_instruct from './llama-3.1-405b-instruct';
import llama_3_1_8b from './llama-3.1-8b';
import llama_3_1_70b from './llama-3.1-70b';
import llama_3_1_405b from './llama-3.1-405b';
import llama_3_2_1b_instruct from './llama-3.2-1b-instruct';
import llama_3_2_11b_vision_instruct from './llama-3.2-11b-vision-instruct';
import llama_3_2_3b_instruct from './llama-3.2-3b-instruct';
import llama_3_3_70b_instruct from './llama-3.3-70b-instruct';
import llama_3_8b_instruct from './llama-3-8b-instruct';
import llama_4_scout_17b_16e_instruct from './llama-4-scout-17b-16e-instruct';
import llama_4_maverick_17b_128e_instruct from './llama-4-maverick-17b-128e-instruct';
import llama_2_7b_chat from './llama-2-7b-chat';
import llama_2_13b_chat from './llama-2-13b-chat';
import llama_2_70b_chat from './llama-2-70b-chat';
import qwen2_7b_instruct from './qwen2-7b-instruct';
import qwen2_5_0_5b_instruct from './qwen2.5-0.5b-instruct';
import qwen2_5_0_5b from './qwen2.5-0.5b';
import qwen2_5_1_5b_instruct from './qwen2.5-1.5b-instruct';
import qwen2_5_3b_instruct from './qwen2.5-3b-instruct';
import qwen2_5_7b_instruct from './qwen2.5-7b-instruct';
import qwen2_5_14b_instruct from './qwen2.5-14b-instruct';
import qwen2_5_32b_instruct from './qwen2.5-32b-instruct';
import qwen2_5_72b_instruct from './qwen2.5-72b-instruct';
import qwen2_5_coder_1_5b_instruct from './qwen2.5-coder-1.5b-instruct';
import qwen2_5_coder_7b_instruct from './qwen2.5-coder-7b-instruct';
import qwen2_5_coder_14b_instruct from './qwen2.5-coder-14b-instruct';
import qwen2_5_coder_32b_instruct from './qwen2.5-coder-32b-instruct';
import qwq_32b from './qwq-32b';
import qwen3_0_6b from './qwen3-0.6b';
import qwen3_embedding_0_6b from './qwen3-embedding-0.6b';
import qwen3_reranker_0_6b from './qwen3-reranker-0.6b';
import bge_m3 from './bge-m3';
import bge_reranker_v2_m3 from './bge-reranker-v2-m3';
import bge_large_en_v1_5 from './bge-large-en-v1.5';
import multilingual_e5_large from './multilingual-e5-large';
import nomic_embed_text_v1_5 from './nomic-embed-text-v1.5';
import qwen3_embedding_4b from './qwen3-embedding-4b';
import qwen3_reranker_4b from './qwen3-reranker-4b';
import qwen3_1_7b from './qwen3-1.7b';
import qwen3_4b from './qwen3-4b';
import qwen3_8b from './qwen3-8b';
import qwen3_14b from './qwen3-14b';
import qwen3_32b from './qwen3-32b';
import qwen3_30b_a3b from './qwen3-30b-a3b';
import qwen3_30b_a3b_instruct_2507 from './qwen3-30b-a3b-instruct-2507';
import qwen3_30b_a3b_thinking_2507 from './qwen3-30b-a3b-thinking-2507';
import qwen3_235b_a22b from './qwen3-235b-a22b';
import qwen3_235b_a22b_instruct_2507 from './qwen3-235b-a22b-instruct-2507';
import qwen3_235b_a22b_thinking_2507 from './qwen3-235b-a22b-thinking-2507';
import qwen3_coder_30b_a3b_instruct from './qwen3-coder-30b-a3b-instruct';
import qwen3_coder_480b_a35b_instruct from './qwen3-coder-480b-a35b-instruct';
import qwen3_next_80b_a3b_instruct from './qwen3-next-80b-a3b-instruct';
import qwen3_coder_next from './qwen3-coder-next';
import internvl3_8b from './internvl3-8b';
import qwen2_5_vl_7b_instruct from './qwen2.5-vl-7b-instruct';
import qwen2_5_vl_32b_instruct from './qwen2.5-vl-32b-instruct';
import qwen2_5_vl_72b_instruct from './qwen2.5-vl-72b-instruct';
import qwen3_vl_2b_instruct from './qwen3-vl-2b-instruct';
import qwen3_vl_4b_instruct from './qwen3-vl-4b-instruct';
import qwen3_vl_8b_instruct from './qwen3-vl-8b-instruct';
import qwen3_vl_32b_instruct from './qwen3-vl-32b-instruct';
import qwen3_vl_32b_thinking from './qwen3-vl-32b-thinking';
import qwen3_vl_30b_a3b_instruct from './qwen3-vl-30b-a3b-instruct';
import qwen3_vl_235b_a22b_instruct from './qwen3-vl-235b-a22b-instruct';
import qwen3_5_0_8b from './qwen3.5-0.8b';
import qwen3_5_0_8b_base from './qwen3.5-0.8b-base';
import qwen3_5_2b from './qwen3.5-2b';
import qwen3_5_2b_base from './qwen3.5-2b-base';
import qwen3_5_4b from './qwen3.5-4b';
import qwen3_5_4b_base from './qwen3.5-4b-base';
import qwen3_5_9b from './qwen3.5-9b';
import qwen3_5_9b_base from './qwen3.5-9b-base';
import qwen3_5_27b from './qwen3.5-27b';
import qwen3_5_35b_a3b from './qwen3.5-35b-a3b';
import qwen3_5_35b_a3b_base from './qwen3.5-35b-a3b-base';
import qwen3_5_122b_a10b from './qwen3.5-122b-a10b';
import qwen3_5_397b_a17b from './qwen3.5-397b-a17b';
import qwen3_6_27b from './qwen3.6-27b';
import qwen3_6_35b_a3b from './qwen3.6-35b-a3b';
import qwen3_4b_instruct_2507 from './qwen3-4b-instruct-2507';
import mistral_7b_instruct_v0_3 from './mistral-7b-instruct-v0.3';
import mistral_nemo_instruct_2407 from './mistral-nemo-instruct-2407';
import mistral_small_24b_instruct_2501 from './mistral-small-24b-instruct-2501';
import mistral_small_3_1_24b_instruct_2503 from './mistral-small-3.1-24b-instruct-2503';
import mixtral_8x7b_instruct_v0_1 from './mixtral-8x7b-instruct-v0.1';
import mixtral_8x22b_instruct_v0_1 from './mixtral-8x22b-instruct-v0.1';
import mixtral_8x7b_v0_1 from './mixtral-8x7b-v0.1';
import mixtral_8x22b_v0_1 from './mixtral-8x22b-v0.1';
import codestral_22b_v0_1 from './codestral-22b-v0.1';
import ministral_8b_instruct_2410 from './ministral-8b-instruct-2410';
import mistral_large_instruct_2407 from './mistral-large-instruct-2407';
import gemma_7b_it from './gemma-7b-it';
import gemma_2_2b_it from './gemma-2-2b-it';
import gemma_2_9b_it from './gemma-2-9b-it';
import gemma_2_27b_it from './gemma-2-27b-it';
import gemma_3_1b_it from './gemma-3-1b-it';
import gemma_3_4b_it from './gemma-3-4b-it';
import gemma_3_12b_it from './gemma-3-12b-it';
import gemma_3_27b_it from './gemma-3-27b-it';
import gemma_3_270m_it from './gemma-3-270m-it';
import gemma_3n_e2b_it from './gemma-3n-e2b-it';
import gemma_3n_e4b_it from './gemma-3n-e4b-it';
import phi_3_mini_4k_instruct from './phi-3-mini-4k-instruct';
import phi_3_mini_128k_instruct from './phi-3-mini-128k-instruct';
import phi_3_medium_4k_instruct from './phi-3-medium-4k-instruct';
import phi_3_5_mini_instruct from './phi-3.5-mini-instruct';
import phi_4 from './phi-4';
import phi_4_reasoning from './phi-4-reasoning';
import phi_4_reasoning_plus from './phi-4-reasoning-plus';
import phi_4_mini_instruct from './phi-4-mini-instruct';
import phi_4_mini_reasoning from './phi-4-mini-reasoning';
import deepseek_v3 from './deepseek-v3';
import deepseek_v3_0324 from './deepseek-v3-0324';
import deepseek_r1 from './deepseek-r1';
import deepseek_v3_1 from './deepseek-v3.1';
import deepseek_v3_1_terminus from './deepseek-v3.1-terminus';
import deepseek_v3_2 from './deepseek-v3.2';
import deepseek_v3_2_exp from './deepseek-v3.2-exp';
import kimi_k2_base from './kimi-k2-base';
import kimi_k2_instruct from './kimi-k2-instruct';
import kimi_k2_instruct_0905 from './kimi-k2-instruct-0905';
import kimi_k2_thinking from './kimi-k2-thinking';
import kimi_k2_5 from './kimi-k2.5';
import kimi_k2_6 from './kimi-k2.6';
import kimi_k2_7_code from './kimi-k2.7-code';
import glm_4_7 from './glm-4.7';
import glm_4_5_air from './glm-4.5-air';
import glm_4_7_flash from './glm-4.7-flash';
import glm_5 from './glm-5';
import glm_5_1 from './glm-5.1';
import minimax_m2 from './minimax-m2';
import minimax_m2_5 from './minimax-m2.5';
import minimax_m2_7 from './minimax-m2.7';
import seed_oss_36b_instruct from './seed-oss-36b-instruct';
import ernie_4_5_21b_a3b from './ernie-4.5-21b-a3b';
import hunyuan_a13b_instruct from './hunyuan-a13b-instruct';
import deepseek_v2_lite_chat from './deepseek-v2-lite-chat';
import deepseek_r1_distill_qwen_1_5b from './deepseek-r1-distill-qwen-1.5b';
import deepseek_r1_distill_qwen_7b from './deepseek-r1-distill-qwen-7b';
import deepseek_r1_distill_qwen_14b from './deepseek-r1-distill-qwen-14b';
import deepseek_r1_distill_qwen_32b from './deepseek-r1-distill-qwen-32b';
import deepseek_r1_distill_llama_8b from './deepseek-r1-distill-llama-8b';
import deepseek_r1_distill_llama_70b from './deepseek-r1-distill-llama-70b';
import deepseek_r1_0528_qwen3_8b from './deepseek-r1-0528-qwen3-8b';
import gpt_oss_20b from './gpt-oss-20b';
import gpt_oss_120b from './gpt-oss-120b';
import c4ai_command_r_v01 from './c4ai-command-r-v01';
import c4ai_command_r_08_2024 from './c4ai-command-r-08-2024';
import c4ai_command_r_plus_08_2024 from './c4ai-command-r-plus-08-2024';
import falcon_7b_instruct from './falcon-7b-instruct';
import falcon3_7b_instruct from './falcon3-7b-instruct';
import falcon3_10b_instruct from './falcon3-10b-instruct';
import yi_1_5_6b_chat from './yi-1.5-6b-chat';
import yi_1_5_9b_chat from './yi-1.5-9b-chat';
import yi_1_5_34b_chat from './yi-1.5-34b-chat';
import smollm2_135m_instruct from './smollm2-135m-instruct';
import smollm2_360m_instruct from './smollm2-360m-instruct';
import smollm2_1_7b_instruct from './smollm2-1.7b-instruct';
import smollm3_3b from './smollm3-3b';
import olmo_2_1124_7b from './olmo-2-1124-7b';
import olmo_2_0425_1b from './olmo-2-0425-1b';
import lfm2_1_2b from './lfm2-1.2b';
import lfm2_350m from './lfm2-350m';
import lfm2_700m from './lfm2-700m';
import nemotron_h_8b_base_8k from './nemotron-h-8b-base-8k';
import nemotron_h_56b_base_8k from './nemotron-h-56b-base-8k';
import nemotron_3_nano_30b_a3b from './nemotron-3-nano-30b-a3b';
import tinyllama_1_1b_chat_v1_0 from './tinyllama-1.1b-chat-v1.0';

export const CATALOG_DATA: readonly CatalogModelData[] = [
  llama_3_1_8b_instruct,
  llama_3_1_70b_instruct,
  llama_3_1_405b_instruct,
  llama_3_1_8b,
  llama_3_1_70b,
  llama_3_1_405b,
  llama_3_2_1b_instruct,
  llama_3_2_11b_vision_instruct,
  llama_3_2_3b_instruct,
  llama_3_3_70b_instruct,
  llama_3_8b_instruct,
  llama_4_scout_17b_16e_instruct,
  llama_4_maverick_17b_128e_instruct,
  llama_2_7b_chat,
  llama_2_13b_chat,
  llama_2_70b_chat,
  qwen2_7b_instruct,
  qwen2_5_0_5b_instruct,
  qwen2_5_0_5b,
  qwen2_5_1_5b_instruct,
  qwen2_5_3b_instruct,
  qwen2_5_7b_instruct,
  qwen2_5_14b_instruct,
  qwen2_5_32b_instruct,
  qwen2_5_72b_instruct,
  qwen2_5_coder_1_5b_instruct,
  qwen2_5_coder_7b_instruct,
  qwen2_5_coder_14b_instruct,
  qwen2_5_coder_32b_instruct,
  qwq_32b,
  qwen3_0_6b,
  qwen3_embedding_0_6b,
  qwen3_reranker_0_6b,
  bge_m3,
  bge_reranker_v2_m3,
  bge_large_en_v1_5,
  multilingual_e5_large,
  nomic_embed_text_v1_5,
  qwen3_embedding_4b,
  qwen3_reranker_4b,
  qwen3_1_7b,
  qwen3_4b,
  qwen3_8b,
  qwen3_14b,
  qwen3_32b,
  qwen3_30b_a3b,
  qwen3_30b_a3b_instruct_2507,
  qwen3_30b_a3b_thinking_2507,
  qwen3_235b_a22b,
  qwen3_235b_a22b_instruct_2507,
  qwen3_235b_a22b_thinking_2507,
  qwen3_coder_30b_a3b_instruct,
  qwen3_coder_480b_a35b_instruct,
  qwen3_next_80b_a3b_instruct,
  qwen3_coder_next,
  qwen2_5_vl_7b_instruct,
  internvl3_8b,
  qwen2_5_vl_32b_instruct,
  qwen2_5_vl_72b_instruct,
  qwen3_vl_2b_instruct,
  qwen3_vl_4b_instruct,
  qwen3_vl_8b_instruct,
  qwen3_vl_32b_instruct,
  qwen3_vl_32b_thinking,
  qwen3_vl_30b_a3b_instruct,
  qwen3_vl_235b_a22b_instruct,
  qwen3_5_0_8b,
  qwen3_5_0_8b_base,
  qwen3_5_2b,
  qwen3_5_2b_base,
  qwen3_5_4b,
  qwen3_5_4b_base,
  qwen3_5_9b,
  qwen3_5_9b_base,
  qwen3_5_27b,
  qwen3_5_35b_a3b,
  qwen3_5_35b_a3b_base,
  qwen3_5_122b_a10b,
  qwen3_5_397b_a17b,
  qwen3_6_27b,
  qwen3_6_35b_a3b,
  qwen3_4b_instruct_2507,
  mistral_7b_instruct_v0_3,
  mistral_nemo_instruct_2407,
  mistral_small_24b_instruct_2501,
  mistral_small_3_1_24b_instruct_2503,
  mixtral_8x7b_instruct_v0_1,
  mixtral_8x22b_instruct_v0_1,
  mixtral_8x7b_v0_1,
  mixtral_8x22b_v0_1,
  codestral_22b_v0_1,
  ministral_8b_instruct_2410,
  mistral_large_instruct_2407,
  gemma_7b_it,
  gemma_2_2b_it,
  gemma_2_9b_it,
  gemma_2_27b_it,
  gemma_3_1b_it,
  gemma_3_4b_it,
  gemma_3_12b_it,
  gemma_3_27b_it,
  gemma_3_270m_it,
  gemma_3n_e2b_it,
  gemma_3n_e4b_it,
  phi_3_mini_4k_instruct,
  phi_3_mini_128k_instruct,
  phi_3_medium_4k_instruct,
  phi_3_5_mini_instruct,
  phi_4,
  phi_4_reasoning,
  phi_4_reasoning_plus,
  phi_4_mini_instruct,
  phi_4_mini_reasoning,
  deepseek_v3,
  deepseek_v3_0324,
  deepseek_r1,
  deepseek_v3_1,
  deepseek_v3_1_terminus,
  deepseek_v3_2,
  deepseek_v3_2_exp,
  kimi_k2_base,
  kimi_k2_instruct,
  kimi_k2_instruct_0905,
  kimi_k2_thinking,
  kimi_k2_5,
  kimi_k2_6,
  kimi_k2_7_code,
  glm_4_7,
  glm_4_5_air,
  glm_4_7_flash,
  glm_5,
  glm_5_1,
  minimax_m2,
  minimax_m2_5,
  minimax_m2_7,
  seed_oss_36b_instruct,
  ernie_4_5_21b_a3b,
  hunyuan_a13b_instruct,
  deepseek_v2_lite_chat,
  deepseek_r1_distill_qwen_1_5b,
  deepseek_r1_distill_qwen_7b,
  deepseek_r1_distill_qwen_14b,
  deepseek_r1_distill_qwen_32b,
  deepseek_r1_distill_llama_8b,
  deepseek_r1_distill_llama_70b,
  deepseek_r1_0528_qwen3_8b,
  gpt_oss_20b,
  gpt_oss_120b,
  c4ai_command_r_v01,
  c4ai_command_r_08_2024,
  c4ai_command_r_plus_08_2024,
  falcon_7b_instruct,
  falcon3_7b_instruct,
  falcon3_10b_instruct,
  yi_1_5_6b_chat,
  yi_1_5_9b_chat,
  yi_1_5_34b_chat,
  smollm2_135m_instruct,
  smollm2_360m_instruct,
  smollm2_1_7b_instruct,
  smollm3_3b,
  olmo_2_1124_7b,
  olmo_2_0425_1b,
  lfm2_1_2b,
  lfm2_350m,
  lfm2_700m,
  nemotron_h_8b_base_8k,
  nemotron_h_56b_base_8k,
  nemotron_3_nano_30b_a3b,
  tinyllama_1_1b_chat_v1_0,
];
