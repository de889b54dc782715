// Cost defaults: the user's table, not facts the planner fetches. Nothing here is looked up online; the
// figures are a starting point dated below, to be edited to what the user actually pays.
//  boardPowerW: the vendor's maximum board power (TDP / TBP) from its datasheet (the catalog entry's source).
//  priceUsd:    purchase price per GPU; launch MSRPs where NVIDIA published one (GeForce, RTX 6000 Ada),
//               otherwise a rounded figure of public reseller listings at the date, a placeholder to edit.
//  cloudUsdPerHour: on-demand price per GPU-hour of a rounded public listing at the date, to edit.

export interface GpuPrice {
  boardPowerW: number;
  priceUsd: number | null;
  cloudUsdPerHour: number | null;
}

export interface PriceTable {
  /** When the defaults were written; shown next to every cost. */
  asOf: string;
  note: string;
  /** Electricity price per kWh and the years a purchase is spread over. */
  electricityUsdPerKwh: number;
  amortisationYears: number;
  /** Host (CPU, RAM, NICs, fans) power per GPU in a server, watts. */
  hostWattsPerGpu: number;
  gpus: Record<string, GpuPrice>;
}

export const DEFAULT_PRICES: PriceTable = {
  asOf: '2025-11-01',
  note: 'Defaults for planning only: the user edits this table; no price is fetched.',
  // US average commercial electricity price, 2025 (EIA Electric Power Monthly, table 5.6.A: ~13 ¢/kWh).
  electricityUsdPerKwh: 0.13,
  // A common depreciation period for servers.
  amortisationYears: 4,
  // A dual-socket 8-GPU server draws roughly 1–1.5 kW beside its GPUs under load: ~150 W per GPU.
  hostWattsPerGpu: 150,
  gpus: {
    'h100-sxm': { boardPowerW: 700, priceUsd: 30000, cloudUsdPerHour: 2.99 },
    'h100-pcie': { boardPowerW: 350, priceUsd: 25000, cloudUsdPerHour: 2.49 },
    'h100-nvl': { boardPowerW: 400, priceUsd: 28000, cloudUsdPerHour: null },
    h200: { boardPowerW: 700, priceUsd: 35000, cloudUsdPerHour: 3.79 },
    'h200-nvl': { boardPowerW: 600, priceUsd: 32000, cloudUsdPerHour: null },
    b200: { boardPowerW: 1000, priceUsd: 45000, cloudUsdPerHour: 5.99 },
    'a100-sxm4-80gb': { boardPowerW: 400, priceUsd: 15000, cloudUsdPerHour: 1.79 },
    'a100-pcie-80gb': { boardPowerW: 300, priceUsd: 14000, cloudUsdPerHour: 1.64 },
    'a100-sxm4-40gb': { boardPowerW: 400, priceUsd: 9000, cloudUsdPerHour: 1.29 },
    'a100-pcie-40gb': { boardPowerW: 250, priceUsd: 8000, cloudUsdPerHour: 1.29 },
    l40s: { boardPowerW: 350, priceUsd: 8000, cloudUsdPerHour: 0.99 },
    l40: { boardPowerW: 300, priceUsd: 7000, cloudUsdPerHour: null },
    l4: { boardPowerW: 72, priceUsd: 2500, cloudUsdPerHour: 0.71 },
    a10: { boardPowerW: 150, priceUsd: 3000, cloudUsdPerHour: 0.75 },
    'rtx-6000-ada': { boardPowerW: 300, priceUsd: 6800, cloudUsdPerHour: 0.77 },
    'rtx-pro-6000-blackwell': { boardPowerW: 600, priceUsd: 8500, cloudUsdPerHour: 1.79 },
    'rtx-4090': { boardPowerW: 450, priceUsd: 1599, cloudUsdPerHour: 0.34 },
    'rtx-5090': { boardPowerW: 575, priceUsd: 1999, cloudUsdPerHour: 0.69 },
    'rtx-3090': { boardPowerW: 350, priceUsd: 1499, cloudUsdPerHour: 0.22 },
    'instinct-mi300x': { boardPowerW: 750, priceUsd: 15000, cloudUsdPerHour: 2.49 },
  },
};
