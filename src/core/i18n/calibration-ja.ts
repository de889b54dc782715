// 保存した実測と、そこから学習した補正（チェック画面・計画の根拠・CLI）。
import type { calibrationEn } from './calibration-en';

export const calibrationJa: Record<keyof typeof calibrationEn, string> = {
  'calibration.basis.one': 'このマシンでの実測 1 件で補正済み',
  'calibration.basis.other': 'このマシンでの実測 {runs} 件で補正済み',
  'calibration.title': '保存した実測',
  'calibration.intro':
    '比較した実測はこのコンピューターの中だけに保存されます。同意すると、このマシンについて分かったこと（ランタイムのオーバーヘッド、計算バッファー、速度）を以後の見積もりに反映します。重みと KV キャッシュは正確に計算できるため、補正しません。',
  'calibration.consent': '実測を使ってこのマシンの見積もりを補正する',
  'calibration.count': 'このマシンの実測 {runs} 件（全体で {all} 件）',
  'calibration.none': '保存された実測はまだありません。チェックで実行結果を比較し、保存してください。',
  'calibration.learned': 'これまでに分かったこと',
  'calibration.overhead': 'GPU ごとのランタイムのオーバーヘッド',
  'calibration.computeScale': '計算バッファー',
  'calibration.decode': '生成速度',
  'calibration.prefill': 'プロンプト処理速度',
  'calibration.factor': '×{factor}',
  'calibration.notLearned': 'まだ実測なし',
  'calibration.col.date': '日時',
  'calibration.col.model': 'モデル',
  'calibration.col.source': '入力元',
  'calibration.col.figures': '項目数',
  'calibration.remove': '削除',
  'calibration.removeRun': '{date} の実測を削除',
  'calibration.clear': 'すべての実測を消去',
  'calibration.clearConfirm': '保存した実測をすべて削除しますか？見積もりは補正前の値に戻ります。',
  'calibration.exportCsv': 'CSV で書き出す',
  'calibration.exportJson': 'JSON で書き出す',
  'calibration.exported': '{file} を保存しました。',
  'calibration.problem': '保存した実測: {message}',
  'calibration.otherMachine': 'ほかのマシンの実測は保存したままですが、ここでは使いません。',
  'calibration.clearYes': 'すべて削除',
  'calibration.cancel': 'キャンセル',
  'calibration.applied': '見積もりは{basis}です。',
  'calibration.planAssumption':
    'ランタイムのオーバーヘッド、計算バッファー、速度は、このマシンで測った {runs} 件の実測で補正しています（同意のうえで使用）。重みと KV キャッシュは正確な値のため補正していません。',
  'calibration.count.one': 'このマシンの実測 1 件（全体で {all} 件）',
};
