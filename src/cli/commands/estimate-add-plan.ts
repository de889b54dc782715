// The plan's section for several models on one machine, for `plan --add`: the same blocks the app's plan
// document uses (core/plan/multi-section.ts), rendered after the main model's Markdown.

import type { Locale } from '../../core/i18n/index';
import { renderBlocks } from '../../core/plan/markdown';
import { multiBlocks } from '../../core/plan/multi-section';
import type { SetResultJson } from './estimate-add';

export function setMarkdown(r: SetResultJson, lang: Locale): string {
  return renderBlocks(multiBlocks(r, lang));
}
