import { describe, expect, it } from 'vitest';
import { fitToDisplays } from './window-bounds';

const min = { width: 1024, height: 700 };
const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('fitToDisplays', () => {
  it('keeps a position that is on an attached display', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1280, height: 860 }, [laptop, rightMonitor], min)).toEqual({
      x: 1600,
      y: 100,
      width: 1280,
      height: 860,
    });
  });

  it('moves a window from a monitor that is gone back onto the laptop screen, shrunk to fit', () => {
    const b = fitToDisplays({ x: 1600, y: 100, width: 1280, height: 900 }, [laptop], min);
    expect(b).toEqual({ x: 160, y: 0, width: 1280, height: 875 });
  });

  it('rescues a window whose title bar is above or far left of every display', () => {
    expect(fitToDisplays({ x: 100, y: -500, width: 1280, height: 800 }, [laptop], min)).toEqual({ x: 100, y: 0, width: 1280, height: 800 });
    expect(fitToDisplays({ x: -5000, y: 40, width: 1280, height: 800 }, [laptop], min)).toEqual({ x: 0, y: 40, width: 1280, height: 800 });
  });

  it('leaves a first window unpositioned so the OS centres it', () => {
    expect(fitToDisplays({ width: 1280, height: 860 }, [laptop], min)).toEqual({ width: 1280, height: 860 });
  });

  it('works with displays left or above the primary (negative coordinates)', () => {
    const left = { x: -1920, y: -200, width: 1920, height: 1080 };
    expect(fitToDisplays({ x: -1800, y: -100, width: 1280, height: 860 }, [laptop, left], min)).toEqual({
      x: -1800,
      y: -100,
      width: 1280,
      height: 860,
    });
  });

  it('ignores garbage and never returns a size below the minimum a display can hold', () => {
    const b = fitToDisplays({ x: Number.NaN, y: 10, width: 10, height: 10 }, [laptop], min);
    expect(b).toEqual({ width: 1024, height: 700 });
  });
});
