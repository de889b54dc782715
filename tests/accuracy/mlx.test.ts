// MLX peak memory vs published mlx_lm runs; the comparison itself lives in ./mlx.ts (shared with npm run accuracy).

import { describe, expect, it } from 'vitest';
import { compareMlx, medianAbsError, mlxRows } from './mlx';

describe('MLX peak memory vs published mlx_lm runs', () => {
  const used = compareMlx();

  it('prints the comparison', () => {
    const lines = used.map(
      (c) =>
        `${c.id.padEnd(16)} measured ${c.measured.toFixed(3).padStart(7)} GB  planned ${c.planned.toFixed(3).padStart(7)} GB  ${c.errorPct >= 0 ? '+' : ''}${c.errorPct.toFixed(1)} %`,
    );
    console.log(`${lines.join('\n')}\nmedian |error| ${medianAbsError(used).toFixed(1)} %`);
    expect(used.length).toBeGreaterThanOrEqual(12);
    for (const r of mlxRows()) expect(r['url'], r['id']).toMatch(/^https:\/\/github\.com\//);
  });

  it('is within 10 % on the median and on every row but the one documented outlier', () => {
    expect(medianAbsError(used)).toBeLessThan(10);
    // Qwen3-4B at a 2,048-token prompt (PR #1569) measures ~0.5 GB more than weights + cache + one chunk's
    // transient explain. Checked against the sources (mlx-lm d78bf58, mlx 846d176), the plausible cause is
    // not modelled because the source bounds it but does not fix it: mlx/backend/metal/eval.cpp keeps every
    // op's input buffers alive until its command buffer completes (`buffers.insert(in.data_shared_ptr())`,
    // released in the completion handler); a command buffer is committed once its distinct inputs pass
    // max_mb_per_buffer (device.cpp: 40 MB on base/Pro chips such as this M3 Pro, 50 on Max/Ultra), and
    // mlx/transforms.cpp lets MAX_ACTIVE_TASKS = 10 buffers run ahead before eval waits. During a 2,047-token
    // chunk that is up to ~11 × 40–80 MB of already-consumed intermediates, about the 0.5 GB missing; how
    // much is reached depends on how far the CPU encodes ahead of the GPU. mlx_lm/benchmark.py never calls
    // mx.reset_peak_memory, so each trial's peak_memory is the process's peak so far (warm-up included). Ruled out in the
    // source: logits over the prompt (generate_step runs all but the last token through the chunk loop and
    // evaluates only the caches, `mx.eval([c.state for c in prompt_cache])`), the tied embedding (qwen3.py
    // `embed_tokens.as_linear`, a quantized_matmul, and mlx's quantized.cpp has no dequantise-then-GEMM
    // path), and the wired limit (a residency setting, not counted by mx.get_peak_memory). The row stays
    // listed, with a wider bound, rather than fitted.
    for (const c of used) expect(Math.abs(c.errorPct), c.id).toBeLessThan(c.id === '1569' ? 20 : 10);
  });

  it('follows the slope of a long-prompt ladder (KV plus unfused prefill scores per cached token)', () => {
    const ladder = used.filter((c) => c.id.startsWith('1480-') && !c.id.endsWith('8bit'));
    const first = ladder[0]!;
    const last = ladder[ladder.length - 1]!;
    const measuredSlope = (last.measured - first.measured) / (last.prompt - first.prompt);
    const plannedSlope = (last.planned - first.planned) / (last.prompt - first.prompt);
    expect(Math.abs(plannedSlope / measuredSlope - 1)).toBeLessThan(0.1);
  });
});
