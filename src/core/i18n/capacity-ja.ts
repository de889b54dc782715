// サービング容量（issue 17）: プランの容量セクションと capacity CLI の Markdown。
import type { capacityEn } from './capacity-en';

export const capacityJa: Record<keyof typeof capacityEn, string> = {
  'capacity.title': 'サービング容量',
  'capacity.intro':
    '{model}（{quant}）を {runtime} で、{gpu} × {perReplica} 枚のレプリカ {replicas} 台に載せます（テンソル並列 {tp}、パイプライン並列 {pp}、{nodes} ノード）。ワークロードは {load}、1 リクエストはプロンプト {prompt} トークン、出力 {output} トークンです。',
  'capacity.load.users': '同時 {users} ユーザー',
  'capacity.load.rate': '毎秒 {rate} リクエスト',
  'capacity.pool':
    'KV プール: レプリカあたり {tokens} トークン（GPU あたり {poolBytes}）で、この長さのリクエストを同時に {concurrency} 件保持できます。起動時のログでは {maxLen} トークンのリクエスト {logged} 件分と表示されます。',
  'capacity.pool.basis': 'プールの決まり方: {basis}',
  'capacity.memory':
    'GPU あたり: {capacityBytes} のうち重み {weightsBytes}、KV プール {kvBytes}、アクティベーション {activationBytes}、ランタイム {overheadBytes}。',
  'capacity.memory.states':
    'GPU あたり: {capacityBytes} のうち重み {weightsBytes}、KV プール {kvBytes}、再帰状態スロット {stateBytes}、アクティベーション {activationBytes}、ランタイム {overheadBytes}。',
  'capacity.load.heading': '同時 {users} ユーザーのとき',
  'capacity.col.metric': '項目',
  'capacity.col.value': '推定値',
  'capacity.col.range': '範囲',
  'capacity.row.ttft': '最初のトークンまでの時間（平均 / p95）',
  'capacity.row.tpot': '出力 1 トークンあたりの時間（平均 / p95）',
  'capacity.row.perUser': '各ユーザーから見た速度',
  'capacity.row.output': '全ユーザー合計の出力トークン/秒',
  'capacity.row.requests': '1 秒あたりのリクエスト数',
  'capacity.row.queue': '空きスロット待ち',
  'capacity.targets.met': 'この負荷で目標を満たします。',
  'capacity.targets.missed': 'この負荷では目標を満たしません。',
  'capacity.targets.none': 'レイテンシ目標は指定されていません。',
  'capacity.knee': 'この構成で目標を満たせるのは同時 {knee} ユーザーまでです。',
  'capacity.saturated': 'リクエストレートがレプリカの処理能力を超えており、待ち行列が際限なく伸びます。',
  'capacity.needed':
    'このワークロードに必要な GPU: {gpus} 枚（上記の範囲で {low}〜{high} 枚）= レプリカ {replicas} 台、ノード {nodes} 台。',
  'capacity.needed.none': 'この分割ではレプリカを何台にしてもワークロードをさばけません。分割方法か目標を見直してください。',
  'capacity.layouts.heading': '並列化の分割の比較',
  'capacity.layouts.layout': '分割',
  'capacity.layouts.replicas': 'レプリカ数',
  'capacity.layouts.pool': 'レプリカあたり KV トークン',
  'capacity.layouts.goodput': '目標内の出力トークン/秒',
  'capacity.layouts.needed': '必要な GPU',
  'capacity.layouts.chosen': '採用',
  'capacity.layouts.noFit': '載りません',
  'capacity.cost.heading': 'コストと電力',
  'capacity.cost.own': '自前ハードウェア: 1 時間 ${perHour}、月 ${perMonth}、出力 100 万トークンあたり ${perMillion}。',
  'capacity.cost.cloud': 'クラウド: 1 時間 ${perHour}、月 ${perMonth}、出力 100 万トークンあたり ${perMillion}。',
  'capacity.cost.power': '消費電力: 稼働率 {utilisation} で約 {watts} W（ボード電力 × 稼働率 + ホスト分）。',
  'capacity.cost.note': '価格は {date} 時点の値で、利用者が編集する表です。オンラインからは取得しません。',
  'capacity.cost.missing': '価格表に {gpu} がありません。追加するとコストが表示されます。',
  'capacity.recipes.heading': '起動コマンド',
  'capacity.notModelled.heading': 'モデル化していないもの',
  'capacity.basis.vllm':
    'vLLM: {fraction}（gpu_memory_utilization）× {totalBytes} − torch 外のメモリ − 重み ÷ {ranks} − プロファイルで測ったアクティベーションのピーク。{block} トークン単位のブロックで確保します。',
  'capacity.basis.vllmHybrid':
    'vLLM: {fraction}（gpu_memory_utilization）× {totalBytes} − torch 外のメモリ − 重み ÷ {ranks} − プロファイルで測ったアクティベーションのピーク。1 ブロックは {block} トークンで、{groupSize} 層それぞれのページを持ちます。層は {groups} グループ（うち {stateGroups} グループが再帰状態の層）に分かれ、リクエスト 1 件はアテンションのブロックに加えて状態グループごとに 1 ブロックを使います。そのため、トークン数（vLLM のログと同じくブロック数 ÷ グループ数 × ブロック長）から見込むより多くのリクエストを保持できます。',
  'capacity.basis.sglang':
    'SGLang: {fraction}（mem_fraction_static）× {totalBytes} − CUDA コンテキスト − 重み ÷ {ranks}。1 ページ 1 トークンで確保します。',
  'capacity.basis.sglangHybrid':
    'SGLang: {fraction}（mem_fraction_static）× {totalBytes} − CUDA コンテキスト − 重み ÷ {ranks}。残りを {ratio} : 1（mamba_full_memory_ratio）で {stateBytes} の再帰状態スロット {slots} 個と KV プール（1 ページ 1 トークン）に分け、実行中のリクエスト 1 件がスロット {perRequest} 個を使います。',
  'capacity.basis.llama': 'llama.cpp: -np {slots} スロット × 各 {cells} セル（-c {total}）を起動時に確保します。',
  'capacity.note.noFit': '1 レプリカ（{gpu} × {perReplica}）では重みと {tokens} トークンのリクエスト 1 件を保持できません。',
  'capacity.note.replicatedKv':
    'テンソル並列 {tp} がモデルの KV ヘッド数を超えています。各 GPU がヘッドを丸ごと持つため、KV メモリが複製されます。',
  'capacity.note.vllmRelease':
    'vLLM {release} として見積もっています。0.11.1〜0.16 はプロファイリング中のサンプリングで語彙をソートするため、新しいリリースよりシーケンス・語彙 1 要素あたり 24 B 多く KV プールから除きます。',
  'capacity.note.vllmReleaseNvls':
    'NVLink スイッチ搭載ボード上のテンソル並列 {tp} の vLLM {release}：0.11〜0.16 のリリースはここで GPU あたり約 0.7 GiB の非 torch メモリをプロファイルしたと記録されており、0.18 以降の約 2.1 GiB より少ないため、プールを GPU あたり 1.4 GiB 大きく見積もっています（0.17 の記録は見つからず、新しいリリースと同じに扱っています）。',
  'capacity.note.eagerPrefill.vllm':
    '最初のトークンには CUDA グラフを使わないプリフィルの {ms} ms が含まれます。vLLM（V1）がグラフを再生するのは 512 トークンまでのパスだけなので、それより長いプロンプトでは各層のカーネルを 1 つずつ起動します。',
  'capacity.note.eagerPrefill.sglang':
    '最初のトークンには CUDA グラフを使わないプリフィルの {ms} ms が含まれます。SGLang がプリフィルのグラフを再生するのは 0.5.10 以降の NVIDIA GPU だけで、ROCm、パイプライン並列、MLA・スパースアテンション・gated DeltaNet のモデル、それより古いリリースでは使いません。',
  'capacity.layout.pinned':
    '指定された分割 TP {tp} × PP {pp}（テンソル並列とパイプライン並列は指定どおり）。そのレプリカ {replicas} 個で目標内にワークロードを処理できます。',
  'capacity.layout.searched':
    '分割 TP {tp} × PP {pp} を選びました。探索した {count} 通りのうち、最も少ない GPU（{gpus} 基）で目標を満たします（同数なら TPOT の短い方）。',
  'capacity.layout.none': 'レプリカ {max} 個以内で目標を満たす分割はありません。与えられた GPU での TP {tp} × PP {pp} を示します。',
  'capacity.layout.pinnedNone':
    '指定された分割 TP {tp} × PP {pp}（テンソル並列とパイプライン並列は指定どおり）。何レプリカでも目標を満たしません。',
  'capacity.arrival.steady':
    'ユーザーはばらばらの時刻に到着します。新しいリクエストは実行中のステップを待ち、次のチャンク化プリフィルに乗ります。',
  'capacity.arrival.burst':
    '全ユーザーが同じ長さで一斉に開始します（固定長ベンチマーク）。各リクエストは自分のプロンプトを含むプリフィルのパスが終わると最初のトークンを得ます。長い実行では同じ組で戻り、前のパスを待ってから自分のパスに乗ります。',
  'capacity.arrival.run':
    '{prompts} プロンプトの実行として見積もりました。最初の {users} 件（実行の {share}）が一斉に開始し、残りは先のリクエストが終わるたびに続きます。',
  'capacity.arrival.burstSglang':
    '全ユーザーが同じ長さで一斉に開始します（固定長ベンチマーク）。プロンプトは順にプリフィルのパスを埋め、各リクエストは自分のパスが終わると最初のトークンを得ます。SGLang は波全体をプリフィルしてからデコードするため、各リクエストのトークンは自分より後にプリフィルされたプロンプトだけを待ちます。',
  'capacity.band.serving':
    '範囲：この種類の GPU で実測した検証用の vLLM・SGLang {rows} 件を現在のモデルで見積もった誤差と、ブラインド実測 {firstPriced} 件を何も学ぶ前の最初の見積もりで比べた誤差の、どちらの 80 % も収まる幅です。TTFT は ×/÷ {ttft}、TPOT は ×/÷ {tpot}、スループットと必要 GPU 数は ×/÷ {output} の範囲に入ります。',
  'capacity.band.servingAll':
    '範囲：全種類の GPU で実測した検証用の vLLM・SGLang {rows} 件（この種類は件数が不足）を現在のモデルで見積もった誤差と、ブラインド実測 {firstPriced} 件を何も学ぶ前の最初の見積もりで比べた誤差の、どちらの 80 % も収まる幅です。TTFT は ×/÷ {ttft}、TPOT は ×/÷ {tpot}、スループットと必要 GPU 数は ×/÷ {output} の範囲に入ります。',
  'capacity.band.speed':
    '範囲：llama-server の負荷は実測がないため、この種類のデバイスでの速度モデル（llama.cpp）の誤差幅です。TTFT は ×/÷ {ttft}、TPOT・スループット・必要 GPU 数は ×/÷ {tpot} の範囲に入ります。',
  'capacity.notModelled.spec': '投機的デコード（ドラフトモデル、マルチトークン予測）、LoRA アダプター、マルチモーダル入力。',
  'capacity.notModelled.cache':
    '指定した共有プレフィックス以外のプレフィックスキャッシュのヒット、メモリ逼迫時の KV の追い出しとプリエンプション。',
  'capacity.notModelled.disagg': 'プリフィルとデコードの分離、エキスパート並列（DeepSeek 型の EP、DP アテンション）。',
  'capacity.notModelled.vllm':
    'vLLM 0.21 以降が既定で見積もって確保する CUDA グラフのメモリ：それ以外の KV プールは最新リリースのプロファイルに従います（サンプリングで語彙をソートする 0.11.1〜0.16 はサービング画面か --runtime-version で指定できます）。これらのリリースでは GPU あたり 1〜2 GiB 多く確保する例が測定されており、プールは最大 20 % 小さくなります。ハイブリッド（Mamba / DeltaNet）モデルでプレフィックスキャッシュが使う追加の状態ブロック。',
  'capacity.notModelled.sglang':
    'SGLang のハイブリッド（スライディングウィンドウ）プールと、プールの半分を超える実行中リクエスト数の上限。',
  'capacity.notModelled.kernels':
    'ランタイムのリリースとカーネルの選択：各ランタイムについて 1 つの構成だけを見積もります。調整された構成（TensorRT-LLM の MoE・MLA カーネル、融合 all-reduce）はこれより速くデコードし、同時接続が多いときは最初のトークンまでの待ちがキューのモデルより長く測定されています（docs/capacity-accuracy.md の blind の行）。',
  'capacity.notModelled.llama':
    'スロット間で共有する llama-server の統合 KV キャッシュ（--kv-unified）、境界ごと 1 ホップを超える RPC の通信時間。',
};
