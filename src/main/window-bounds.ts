// Where the main window reopens. A saved position can point at a monitor that is gone (laptop undocked,
// display rearranged); Electron would then place the window off-screen. Pure so tests need no display.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedBounds {
  x?: number | undefined;
  y?: number | undefined;
  width: number;
  height: number;
}

/** At least this much of the title bar must be on a display for the user to grab the window. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Saved bounds made safe for the displays now attached (their work areas, primary first): the size is
 * shrunk to fit a display, and the position kept only when the window's top strip lands on one —
 * otherwise it is moved fully onto the display it overlaps most (or the primary). No position in → none out,
 * so the OS centres a first window.
 */
export function fitToDisplays(saved: SavedBounds, workAreas: readonly Rect[], min: { width: number; height: number }): SavedBounds {
  const primary = workAreas[0];
  if (!primary) return saved;
  const finite = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
  const hasPosition = finite(saved.x) && finite(saved.y);
  const rect: Rect = {
    x: hasPosition ? saved.x! : primary.x,
    y: hasPosition ? saved.y! : primary.y,
    width: saved.width,
    height: saved.height,
  };
  // The display to fit onto: the one the saved window overlapped most, else the primary.
  const target = workAreas.reduce((best, area) => (overlap(rect, area) > overlap(rect, best) ? area : best), primary);
  const width = Math.round(
    Math.max(Math.min(finite(saved.width) ? saved.width : min.width, target.width), Math.min(min.width, target.width)),
  );
  const height = Math.round(
    Math.max(Math.min(finite(saved.height) ? saved.height : min.height, target.height), Math.min(min.height, target.height)),
  );
  if (!hasPosition) return { width, height };
  const titleStrip: Rect = { x: rect.x, y: rect.y, width, height: Math.min(MIN_VISIBLE, height) };
  const grabbable = workAreas.some(
    (area) => overlap(titleStrip, area) >= MIN_VISIBLE * Math.min(MIN_VISIBLE, height) && titleStrip.y >= area.y,
  );
  if (grabbable && width <= target.width && height <= target.height) return { x: Math.round(rect.x), y: Math.round(rect.y), width, height };
  const x = Math.min(Math.max(rect.x, target.x), target.x + target.width - width);
  const y = Math.min(Math.max(rect.y, target.y), target.y + target.height - height);
  return { x: Math.round(x), y: Math.round(y), width, height };
}
