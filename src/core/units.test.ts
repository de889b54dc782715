import { describe, expect, it } from 'vitest';
import { GiB, formatBytes, formatGB, formatGiB, parseParameterCount } from './units';

describe('units', () => {
  it('formats GiB and GB with explicit units', () => {
    expect(formatGiB(16 * GiB)).toBe('16.00 GiB');
    expect(formatGB(168e9)).toBe('168.0 GB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
  });
  it('parses parameter counts with suffixes', () => {
    expect(parseParameterCount('70B')).toBe(70e9);
    expect(parseParameterCount('8.03b')).toBe(8.03e9);
    expect(parseParameterCount('405M')).toBe(405e6);
    expect(parseParameterCount('-5B')).toBeNull();
    expect(parseParameterCount('abc')).toBeNull();
  });
});
