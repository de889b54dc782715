import { describe, expect, it } from 'vitest';
import { GiB, formatBytes, formatGB, formatGiB, formatParameterCount, parseParameterCount } from './units';

describe('units', () => {
  it('formats GiB and GB with explicit units', () => {
    expect(formatGiB(16 * GiB)).toBe('16.00 GiB');
    expect(formatGB(168e9)).toBe('168.0 GB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
  });
  it('formats parameter counts without "1000M"-style rollover', () => {
    expect(formatParameterCount(999_885_952)).toBe('1.0B');
    expect(formatParameterCount(8_030_261_248)).toBe('8.0B');
    expect(formatParameterCount(405_853_388_800)).toBe('406B');
    expect(formatParameterCount(134_515_008)).toBe('135M');
    expect(formatParameterCount(1_720_574_976_000)).toBe('1.72T');
  });
  it('parses parameter counts with suffixes', () => {
    expect(parseParameterCount('70B')).toBe(70e9);
    expect(parseParameterCount('8.03b')).toBe(8.03e9);
    expect(parseParameterCount('405M')).toBe(405e6);
    expect(parseParameterCount('-5B')).toBeNull();
    expect(parseParameterCount('abc')).toBeNull();
  });
});
