// Detection notes and GPU warnings in the UI's language. The services write them in English (the CLI
// prints them, detect --json carries them); each sentence comes from one of the templates below, so the
// UI can recognise it and say it in Japanese, keeping what is data (tool output, names, sizes) as it is.
// tests/unit/detect-text.test.ts runs the real detection over stand-in tools and checks every sentence
// it produces is recognised here.

import type { Locale } from './format';
import { fillTemplate, matchTemplate, type Template } from './templates';

/** Most specific first: the first template that matches the whole sentence wins. */
const TEMPLATES: readonly Template[] = [
  [
    'nvidia-smi is not installed or not on PATH, so NVIDIA memory figures are incomplete.',
    'nvidia-smi がインストールされていないか PATH にないため、NVIDIA のメモリ情報は不完全です。',
  ],
  [
    'Neither rocm-smi nor amd-smi is installed and sysfs gave no memory size for the AMD GPU.',
    'rocm-smi も amd-smi もインストールされておらず、sysfs からも AMD GPU のメモリサイズが得られませんでした。',
  ],
  [
    'lspci is not installed, so GPUs without a vendor tool cannot be listed.',
    'lspci がインストールされていないため、ベンダーツールのない GPU は一覧にできません。',
  ],
  ['No GPU was found; estimates will use system RAM only.', 'GPU が見つかりませんでした。見積もりはシステム RAM のみで行います。'],
  [
    'systeminformation.graphics() was skipped because a GPU tool did not answer in time.',
    'GPU ツールが時間内に応答しなかったため、systeminformation.graphics() は実行しませんでした。',
  ],
  [
    'systeminformation.graphics() was not run: the detection deadline had passed.',
    '検出の期限を過ぎたため、systeminformation.graphics() は実行しませんでした。',
  ],
  ['systeminformation.graphics() did not answer within {s} s.', 'systeminformation.graphics() が {s} 秒以内に応答しませんでした。'],
  ['RAM, CPU and OS could not be read before the detection deadline.', '検出の期限までに RAM・CPU・OS を読み取れませんでした。'],
  [
    'Reading the macOS version took longer than {s} s; the kernel version is shown.',
    'macOS のバージョン取得に {s} 秒以上かかったため、カーネルのバージョンを表示しています。',
  ],
  ['Hardware detection did not finish within {s} s and was stopped.', 'ハードウェア検出が {s} 秒以内に終わらなかったため中止しました。'],
  [
    'Could not read NVIDIA GPUs: nvidia-smi printed output that was not understood ({why}).',
    'NVIDIA GPU を読み取れませんでした：nvidia-smi の出力を解釈できませんでした（{why}）。',
  ],
  ['Some nvidia-smi lines were skipped: {problem}.', 'nvidia-smi の一部の行を読み飛ばしました：{problem}。'],
  ['Reading {what} did not finish before the detection deadline.', '検出の期限までに{what}の読み取りが終わりませんでした。'],
  ['Could not read {what}: {reason}.', '{what}を読み取れませんでした：{reason}。'],
  [
    'This GPU shares system memory; its budget is the system RAM total.',
    'この GPU はシステムメモリを共有します。使える量はシステム RAM の合計です。',
  ],
  ['Integrated GPU: it uses system memory, so it adds no VRAM.', '内蔵 GPU：システムメモリを使うため、VRAM は増えません。'],
  [
    "No tool reported this GPU's memory; {size} is the catalog figure for {name}.",
    'この GPU のメモリを報告したツールはありません。{size} は {name} のカタログ値です。',
  ],
  [
    'The memory size is unknown (lspci shows a {bar} BAR, which is an address window, not memory); enter it by hand.',
    'メモリサイズが不明です（lspci の {bar} の BAR はアドレス空間でありメモリではありません）。手入力してください。',
  ],
  ['The memory size is unknown; enter it by hand.', 'メモリサイズが不明です。手入力してください。'],
  [
    'nvidia-smi reported a memory size of "{v}" MiB for {name}, which is not plausible; it was ignored.',
    'nvidia-smi が {name} のメモリサイズを「{v}」MiB と報告しましたが、あり得ない値のため無視しました。',
  ],
  ['nvidia-smi did not report a memory size for this GPU.', 'nvidia-smi はこの GPU のメモリサイズを報告しませんでした。'],
  [
    'Windows reported {v} MiB, the ceiling of the 32-bit AdapterRAM field; the real memory size is unknown.',
    'Windows は {v} MiB と報告しましたが、これは 32 ビットの AdapterRAM 欄の上限で、実際のメモリサイズは不明です。',
  ],
  [
    "systeminformation's {v} MiB on Linux is a PCI BAR size (an address window), not memory; it was ignored.",
    'Linux で systeminformation が示す {v} MiB は PCI BAR のサイズ（アドレス空間）でメモリではないため、無視しました。',
  ],
  [
    'This is an integrated GPU: its "VRAM" is a slice of system memory set in the firmware.',
    '内蔵 GPU です。その「VRAM」はファームウェアで割り当てたシステムメモリの一部です。',
  ],
  ['{a} reports {x} but {b} reports {y}; using {c}.', '{a} は {x}、{b} は {y} と報告しています。{c} の値を使います。'],
  ['No memory size was given for this GPU.', 'この GPU のメモリサイズが指定されていません。'],
  [
    'Hardware profile "{name}" (described by the user, not detected).',
    'ハードウェアプロファイル「{name}」（検出ではなくユーザーの記述）。',
  ],
];

/** What a probe read, as the notes name it. */
const WHAT_JA: Record<string, string> = {
  'NVIDIA GPUs': 'NVIDIA GPU',
  sysfs: 'sysfs',
  lspci: 'lspci',
  'AMD GPUs with rocm-smi': 'rocm-smi による AMD GPU',
  'AMD GPUs with amd-smi': 'amd-smi による AMD GPU',
  'GPUs on macOS': 'macOS の GPU',
  'GPUs with system_profiler': 'system_profiler による GPU',
  'GPUs with systeminformation': 'systeminformation による GPU',
};

/** Tool failure reasons (exec.ts), data otherwise. */
const REASONS: readonly Template[] = [
  ['{tool} is not installed or not on PATH', '{tool} がインストールされていないか PATH にありません'],
  ['{tool} could not be started (permission denied)', '{tool} を起動できませんでした（権限がありません）'],
  ['{tool} timed out after {s} s', '{tool} が {s} 秒でタイムアウトしました'],
  ['{tool} printed more than {n} KiB', '{tool} の出力が {n} KiB を超えました'],
  ['{tool} exited with code {code}: {detail}', '{tool} がコード {code} で終了しました：{detail}'],
  ['{tool} exited with code {code}', '{tool} がコード {code} で終了しました'],
  ['{tool} was stopped by {signal}', '{tool} はシグナル {signal} で停止しました'],
  ['{tool} could not be started: {detail}', '{tool} を起動できませんでした：{detail}'],
];

/** True when the sentence is one the catalog knows (for the coverage test). */
export function isKnownDetectText(text: string): boolean {
  return matchTemplate(TEMPLATES, text) !== null;
}

/** A detection note or GPU warning in `locale`; unknown sentences are returned as they are. */
export function localizeDetectText(locale: Locale, text: string): string {
  if (locale === 'en') return text;
  const found = matchTemplate(TEMPLATES, text);
  if (!found) return text;
  const params = { ...found.params };
  if (params['what'] !== undefined) params['what'] = WHAT_JA[params['what']] ?? params['what'];
  if (params['reason'] !== undefined) {
    const r = matchTemplate(REASONS, params['reason']);
    if (r) params['reason'] = fillTemplate(r.ja, r.params);
  }
  return fillTemplate(found.ja, params);
}
