// The hardening suites count what they tried; docs/hardening.md is written from these counts, not from
// memory. Each suite appends its lines to test-results/hardening/<suite>.json when it finishes.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Outcome = 'handled' | 'accepted' | 'crash' | 'hang' | 'lost-file' | 'leftover-process';

export interface Tally {
  add(what: string, outcome: Outcome, detail?: Record<string, unknown>): void;
  counts(): Record<Outcome, number>;
  write(): void;
}

export function createTally(suite: string): Tally {
  const rows: { what: string; outcome: Outcome; detail?: Record<string, unknown> }[] = [];
  return {
    add(what, outcome, detail) {
      rows.push({ what, outcome, ...(detail ? { detail } : {}) });
    },
    counts() {
      const c: Record<Outcome, number> = { handled: 0, accepted: 0, crash: 0, hang: 0, 'lost-file': 0, 'leftover-process': 0 };
      for (const r of rows) c[r.outcome] += 1;
      return c;
    },
    write() {
      try {
        const dir = path.resolve('test-results', 'hardening');
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          path.join(dir, `${suite}.json`),
          `${JSON.stringify({ suite, total: rows.length, counts: this.counts(), rows }, null, 2)}\n`,
        );
      } catch {
        // The report is a by-product; a read-only checkout must not fail the suite.
      }
    },
  };
}
