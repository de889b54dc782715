import { describe, expect, it } from 'vitest';
import { SPEED_CALIBRATION } from '../advice/speed-calibration';
import { PASS_REFERENCE_TOKENS, passShare } from './speed';

const withHalf = (h: number | undefined) => ({ ...SPEED_CALIBRATION, vllm: { ...SPEED_CALIBRATION.vllm, prefillHalfTokens: h } });

describe('passShare: prefill GEMM efficiency by the width of the forward pass', () => {
  it('is 1 at every width without a fitted M½', () => {
    for (const m of [1, 256, 8192]) expect(passShare(m, withHalf(undefined))).toBe(1);
  });

  it('is 1 at the reference width ε is read at, and follows M / (M + M½) around it', () => {
    const cal = withHalf(1024);
    expect(passShare(PASS_REFERENCE_TOKENS, cal)).toBeCloseTo(1, 12);
    // An 8192-token chunk against a 512-token prefill: (8192/9216) / (512/1536) = 2.667.
    expect(passShare(8192, cal)).toBeCloseTo(8192 / 9216 / (512 / 1536), 9);
    expect(passShare(256, cal)).toBeLessThan(1);
    // Saturates: doubling a wide pass gains far less than doubling a narrow one.
    expect(passShare(16384, cal) / passShare(8192, cal)).toBeLessThan(passShare(1024, cal) / passShare(512, cal));
  });
});
