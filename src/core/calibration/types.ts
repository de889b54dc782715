// Evidence of real runs kept on this machine, and the calibration learned from it (issue 18). Plain data:
// the store in main writes it as JSON, the CLI and the page read the same shape.

export const EVIDENCE_VERSION = 1;

/** The machine a run was measured on: GPU names and memory, RAM. No paths, no serial numbers. */
export interface MachineKey {
  /** Stable text made from the fields below; runs with the same key calibrate each other. */
  key: string;
  gpus: { name: string; vramGiB: number }[];
  ramGiB: number;
}

/** One planned-vs-measured memory figure, as the comparison printed it. */
export interface EvidenceComponent {
  /**
   * weights | kvCache | compute | output | total (others are kept but not learned from). A "total" for one
   * GPU ("CUDA0") is that device's whole use as nvidia-smi or the live watch saw it, driver context
   * included, against the plan's bytes on it with the runtime overhead; "total" for "all" is the buffers' sum.
   */
  name: string;
  /** Backend buffer ("CUDA0", "CUDA_Host") or "all" for the sum over every buffer. */
  device: string;
  plannedBytes: number | null;
  measuredBytes: number;
}

export type SpeedKind = 'decode' | 'prefill' | 'mixed';

/** One planned-vs-measured speed figure (a llama-bench row, a server's timing line). */
export interface EvidenceSpeed {
  kind: SpeedKind;
  /** "pp512", "tg128", "pp512 @ d4096" as the benchmark named it. */
  test: string;
  /** The devices that ran it (speedDeviceKey): GPU names joined, or "CPU". */
  devices: string;
  plannedTokensPerSecond: number | null;
  measuredTokensPerSecond: number;
}

export interface EvidenceRecord {
  id: string;
  /** ISO timestamp of when the run was stored. */
  date: string;
  machine: MachineKey;
  runtime: string;
  /** What was read: "llama.cpp-log", "llama-bench", "nvidia-smi", … */
  source: string;
  model: { id: string | null; name: string };
  /** The run's settings as the runtime printed them (paths reduced to file names). */
  settings: Record<string, unknown>;
  components: EvidenceComponent[];
  speed: EvidenceSpeed[];
}

/** evidence.json: the runs and the user's consent to use them. */
export interface EvidenceDoc {
  version: number;
  /** Apply the calibration to later estimates; off until the user turns it on. */
  consent: boolean;
  records: EvidenceRecord[];
}

export interface SpeedFactor {
  /** measured ÷ planned tokens/s, median over the runs; null when no run measured that phase. */
  decode: number | null;
  prefill: number | null;
  decodeRuns: number;
  prefillRuns: number;
}

/** What this machine's stored runs teach; learned by learnCalibration, applied by applyCalibration. */
export interface Calibration {
  machine: string;
  /** Runs of this machine the figures come from. */
  runs: number;
  /** Per GPU buffer ("CUDA0"): bytes the runtime used beyond the plan outside weights and KV (median). */
  overheadBytes: Record<string, { bytes: number; runs: number }>;
  /** measured ÷ planned compute buffer, median, clamped to COMPUTE_SCALE_RANGE; null when no run had one. */
  computeScale: number | null;
  computeRuns: number;
  /** Per set of devices (speedDeviceKey). */
  speed: Record<string, SpeedFactor>;
}

/** The stored runs as the app and the CLI see them. */
export interface EvidenceState {
  consent: boolean;
  /** Readable runs, oldest first. */
  records: EvidenceRecord[];
  /** A damaged file kept aside, unreadable runs, or a newer file left alone; one or two sentences. */
  problem: string | null;
  /** True when the file was written by a newer app: shown, not changed. */
  readOnly: boolean;
}

/** A run as the page or the CLI hands it over; the store gives it its id and date. */
export type NewEvidence = Omit<EvidenceRecord, 'id' | 'date'>;
