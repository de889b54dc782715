// Cost and power of a deployment at its load, from the user's price table (prices.ts).
//  own hardware, per hour: price ÷ (years × 8766 h) + (board power × utilisation + host power) × electricity
//  cloud, per hour:        the GPU-hour price (power included)
//  per 1M output tokens:   hourly cost ÷ (output tokens/s × 3600) × 10⁶;  per month: hourly × 730.5
// Utilisation is the load's share of what the GPUs deliver at their largest batch: a GPU decoding a full
// batch draws near its board power, an idle one little.

import { DEFAULT_PRICES, type PriceTable } from './prices';

export interface CostSide {
  usdPerHour: number;
  usdPerMonth: number;
  usdPerMillionOutputTokens: number | null;
}

export interface CostResult {
  asOf: string;
  gpus: number;
  /** Average electrical draw of the GPUs and their hosts, watts. */
  powerW: number;
  utilisation: number;
  own: CostSide | null;
  cloud: CostSide | null;
  /** GPUs missing from the table (no cost shown for them). */
  missing: string | null;
}

const HOURS_PER_YEAR = 8766;
const HOURS_PER_MONTH = HOURS_PER_YEAR / 12;

function side(usdPerHour: number, outputTokensPerSecond: number): CostSide {
  return {
    usdPerHour,
    usdPerMonth: usdPerHour * HOURS_PER_MONTH,
    usdPerMillionOutputTokens: outputTokensPerSecond > 0 ? (usdPerHour / (outputTokensPerSecond * 3600)) * 1e6 : null,
  };
}

export function costOf(
  gpuId: string,
  gpus: number,
  outputTokensPerSecond: number,
  utilisation: number,
  table: PriceTable = DEFAULT_PRICES,
): CostResult {
  const row = table.gpus[gpuId];
  const u = Math.min(1, Math.max(0, utilisation));
  if (!row) return { asOf: table.asOf, gpus, powerW: 0, utilisation: u, own: null, cloud: null, missing: gpuId };
  const powerW = gpus * (row.boardPowerW * u + table.hostWattsPerGpu);
  const energy = (powerW / 1000) * table.electricityUsdPerKwh;
  const own =
    row.priceUsd != null ? side((gpus * row.priceUsd) / (table.amortisationYears * HOURS_PER_YEAR) + energy, outputTokensPerSecond) : null;
  const cloud = row.cloudUsdPerHour != null ? side(gpus * row.cloudUsdPerHour, outputTokensPerSecond) : null;
  return { asOf: table.asOf, gpus, powerW, utilisation: u, own, cloud, missing: null };
}
