// MLX ランタイム：ランタイム選択の注記、起動レシピ（mlx_lm、LM Studio の MLX エンジン）、品質の注記。
import type { mlxEn } from './mlx-en';

export const mlxJa: Record<keyof typeof mlxEn, string> = {
  'mlx.runtime.label': 'mlx（Apple シリコン）',
  'mlx.runtime.notApple':
    'MLX は Apple シリコン搭載の Mac でしか動きません。選んだハードウェアで計算した結果を表示していますが、このマシンでは実行できません。MLX を計画するには Apple M シリーズのマシンを選んでください。',
  'mlx.options.title': 'MLX のオプション',
  'mlx.options.set': '{count} 件設定',
  'mlx.options.kvBits': 'KV のビット数(--kv-bits)',
  'mlx.options.kvBits.off': 'モデルの型のまま',
  'mlx.options.kvGroup': 'KV のグループサイズ(--kv-group-size)',
  'mlx.options.kvStart': '量子化を始めるトークン数(--quantized-kv-start)',
  'mlx.options.maxKv': 'ローテーションキャッシュ(--max-kv-size)',
  'mlx.options.maxKv.off': 'オフ',
  'mlx.options.prefill': 'プリフィルの刻み(--prefill-step-size)',
  'mlx.options.promptCache': 'サーバーのプロンプトキャッシュ、GiB(--prompt-cache-bytes)',
  'mlx.options.promptCache.off': 'なし',
  'mlx.options.hint':
    '空欄の項目は mlx_lm の既定値になります。KV のビット数は上の KV キャッシュの型より優先されます。プロンプトキャッシュは、mlx_lm.server が終了したリクエストのキャッシュを保持する分です。',
  'mlx.options.rotatingNoQuant':
    'mlx_lm はローテーションキャッシュを量子化できません。--max-kv-size を設定すると、キャッシュはモデルの型のままになります。',
  'mlx.wired.raise':
    'MLX にはここで {need} 必要ですが、macOS が既定で GPU に固定（ワイヤード）できるのはこの Mac のメモリのうち {limit} までです。読み込む前に上限を引き上げてください（再起動で元に戻ります）：sudo sysctl iogpu.wired_limit_mb={setMB}',
  'mlx.wired.tooMuch':
    'MLX にはここで {need} 必要で、ワイヤード上限を引き上げても（macOS 用に約 8 GiB 残すため）この Mac では GPU に割り当てられません。',
  'mlx.quality.reason.fp':
    'MLX {mode}（マイクロスケーリング、グループごとにスケール 1 バイト）の 16ビット比の KL ダイバージェンスやパープレキシティの公開値は見つかりませんでした。',
  'plan.recipe.mlx.kv': 'KV キャッシュ：{context} トークン × {parallel} シーケンス分で {kv}。',
  'plan.recipe.mlx.kvBits': '--kv-bits {bits} --kv-group-size {group}：キャッシュが {start} トークンに達した時点で量子化されます。',
  'plan.recipe.mlx.rotating':
    '--max-kv-size {size}：ローテーションするキャッシュです。{size} トークンより古いトークンは捨てられるため、長い入力では品質が下がります。',
  'plan.recipe.mlx.prefill':
    '--prefill-step-size {step}：プロンプトを {step} トークンずつ処理します。小さくすると長いプロンプトでのピークが下がります。',
  'plan.recipe.mlx.wired':
    'この計画には GPU メモリが {needMB} MB 必要で、この {ramGB} GB の Mac での macOS 既定の GPU 上限 {limitMB} MB を超えます。読み込む前に上限を引き上げてください（再起動で元に戻ります）：sudo sysctl iogpu.wired_limit_mb={setMB}',
  'plan.recipe.mlx.wiredOk': 'macOS 既定の GPU 上限 {limitMB} MB に収まるため、sysctl の変更は不要です。',
  'plan.recipe.mlx.warning':
    '重みがこの上限の 90 % を超えると、mlx_lm は「[WARNING] Generating with a model that requires … MB which is close to the maximum recommended size」と表示し、生成が遅くなります。',
  'plan.recipe.mlx.promptFile':
    'mlx_lm.cache_prompt で保存したプロンプトキャッシュ（--prompt-cache-file）は、このキャッシュをディスクに書き出したもので、プロンプト 1 トークンあたり約 {perToken} です。読み込むと上の KV キャッシュの一部になります。',
  'plan.recipe.mlx.server':
    'mlx_lm.server は再利用のために終了したリクエストのキャッシュを最大 {count} 件保持します。そのメモリは --prompt-cache-bytes で制限できます。',
  'plan.recipe.mlx.repo':
    '{repo} は実際に使う MLX 変換版（mlx-community のリポジトリ、または mlx_lm.convert で作ったローカルフォルダー）に置き換えてください。',
  'plan.recipe.mlx.convert': 'MLX 変換版がない場合は自分で作れます：{command}',
  'plan.recipe.lmsMlx.engine': 'ランタイム',
  'plan.recipe.lmsMlx.context': 'コンテキスト長',
  'plan.recipe.lmsMlx.kvQuant': 'KV キャッシュの量子化',
  'plan.recipe.lmsMlx.note':
    'LM Studio ではモデルの MLX 版を選び（MLX エンジンは MLX 形式のフォルダーしか読み込めません）、読み込み設定にこれらの値を入力してください。LM Studio の MLX エンジンは mlx-lm を基にしており、メモリの使い方も同じです。',
  'plan.recipe.mlx.serverNoKv':
    'mlx_lm.server には --kv-bits も --max-kv-size もありません。この計画が前提とする量子化キャッシュやローテーションするキャッシュを使うには、mlx_lm.generate（または Python API）か LM Studio を使ってください。',
};
