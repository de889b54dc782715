import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../capacity/prices';
import { applyPriceEdits, countPriceEdits, defaultServeSettings, restoreServe, SERVE_FIELDS } from './workspace-serve';
import { restoreWorkspace } from './workspace';

describe('Serve part of the workspace', () => {
  it('has a validator for every setting', () => {
    expect(Object.keys(SERVE_FIELDS).sort()).toEqual(Object.keys(defaultServeSettings()).sort());
  });

  it('restores what was saved and replaces only the bad fields, naming them', () => {
    const dropped: string[] = [];
    const r = restoreServe(
      { inPlan: true, settings: { runtime: 'sglang', users: 128, tp: 4, sharedPrefix: 1.5, nodes: 0, rate: 'fast' } },
      dropped,
    );
    expect(r.inPlan).toBe(true);
    expect(r.settings).toMatchObject({ runtime: 'sglang', users: 128, tp: 4, sharedPrefix: 0, nodes: 1, rate: 4 });
    expect(dropped.sort()).toEqual(['serve.settings.nodes', 'serve.settings.rate', 'serve.settings.sharedPrefix']);
  });

  it('is filled by restoreWorkspace, and an old workspace without it gets the defaults', () => {
    const { workspace, dropped } = restoreWorkspace({ version: 1, section: 'serve' });
    expect(workspace.section).toBe('serve');
    expect(workspace.serve).toEqual({ inPlan: false, settings: defaultServeSettings(), prices: { gpus: {} } });
    expect(dropped).toEqual([]);
    expect(restoreWorkspace({ serve: { inPlan: 'yes' } }).dropped).toEqual(['serve.inPlan']);
  });

  it("keeps the user's price edits through a JSON round trip and lays them over the built-in table", () => {
    const edits = { electricityUsdPerKwh: 0.3, gpus: { 'h100-sxm': { priceUsd: 25000, cloudUsdPerHour: null }, l4: { boardPowerW: 75 } } };
    const dropped: string[] = [];
    const back = restoreServe(JSON.parse(JSON.stringify({ inPlan: true, settings: {}, prices: edits })), dropped);
    expect(dropped).toEqual([]);
    expect(back.prices).toEqual(edits);
    expect(countPriceEdits(back.prices)).toBe(4);
    const table = applyPriceEdits(back.prices);
    expect(table.electricityUsdPerKwh).toBe(0.3);
    expect(table.amortisationYears).toBe(DEFAULT_PRICES.amortisationYears);
    expect(table.gpus['h100-sxm']).toEqual({
      boardPowerW: DEFAULT_PRICES.gpus['h100-sxm']!.boardPowerW,
      priceUsd: 25000,
      cloudUsdPerHour: null,
    });
    expect(table.gpus['l4']!.boardPowerW).toBe(75);
    // The built-in table itself is never changed by an edit.
    expect(DEFAULT_PRICES.gpus['h100-sxm']!.priceUsd).toBe(30000);
  });

  it('drops a negative, absurd or non-number price and names it, keeping the rest', () => {
    const dropped: string[] = [];
    const back = restoreServe(
      {
        prices: {
          electricityUsdPerKwh: -0.1,
          amortisationYears: 400,
          gpus: { 'h100-sxm': { priceUsd: 'cheap', cloudUsdPerHour: 2.5, boardPowerW: 0 }, a10: { priceUsd: 1e12 } },
        },
      },
      dropped,
    );
    expect(back.prices).toEqual({ gpus: { 'h100-sxm': { cloudUsdPerHour: 2.5 } } });
    expect(dropped.sort()).toEqual([
      'serve.prices.amortisationYears',
      'serve.prices.electricityUsdPerKwh',
      'serve.prices.gpus.a10.priceUsd',
      'serve.prices.gpus.h100-sxm.boardPowerW',
      'serve.prices.gpus.h100-sxm.priceUsd',
    ]);
  });
});
