import type { ThemeSetting } from '$shared/ipc-contract';

/** 'system' follows prefers-color-scheme through CSS; light/dark pin it with a data attribute. */
export function applyTheme(setting: ThemeSetting): void {
  const root = document.documentElement;
  if (setting === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = setting;
}
