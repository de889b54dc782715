// Current language as rune state: the OS locale picks it, the user's setting overrides it.

import { resolveLocale, translate, type Locale, type MessageKey, type Params } from '$core/i18n';
import type { LocaleSetting } from '$shared/ipc-contract';

export const lang = $state<{ setting: LocaleSetting; system: string; current: Locale }>({
  setting: 'system',
  system: typeof navigator !== 'undefined' ? navigator.language : 'en',
  current: resolveLocale(typeof navigator !== 'undefined' ? navigator.language : 'en'),
});

export function applyLocale(setting: LocaleSetting, systemTag?: string): void {
  if (systemTag) lang.system = systemTag;
  lang.setting = setting;
  lang.current = setting === 'system' ? resolveLocale(lang.system) : setting;
  if (typeof document !== 'undefined') document.documentElement.lang = lang.current;
}

/** Reactive translate: reading lang.current inside makes every caller re-render on a switch. */
export function t(key: MessageKey, params?: Params): string {
  return translate(lang.current, key, params);
}
