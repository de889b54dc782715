import { describe, expect, it } from 'vitest';
import { catalogs, resolveLocale, translate } from './index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has the same keys and placeholders in English and Japanese', () => {
    const enKeys = Object.keys(catalogs.en).sort();
    expect(Object.keys(catalogs.ja).sort()).toEqual(enKeys);
    for (const key of enKeys) {
      const k = key as keyof typeof catalogs.en;
      expect(placeholders(catalogs.ja[k]), key).toEqual(placeholders(catalogs.en[k]));
      expect(catalogs.ja[k].trim(), key).not.toBe('');
    }
  });
  it('picks Japanese for ja-* tags and English otherwise', () => {
    expect(resolveLocale('ja-JP')).toBe('ja');
    expect(resolveLocale('JA')).toBe('ja');
    expect(resolveLocale('en-GB')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'system.cores', { cores: 8, threads: 16 })).toBe('8 cores / 16 threads');
    expect(translate('ja', 'system.cores', { cores: 8 })).toBe('8コア / {threads}スレッド');
  });
});
