// Each suite leaves its figures in test-results/reliability/<suite>-<scale>.json (not
// committed), the source of the numbers in test/reliability/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALE } from './scale';

const DIR = fileURLToPath(new URL('../../../test-results/reliability/', import.meta.url));

export function recordFigures(suite: string, figures: unknown): void {
  try {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(
      join(DIR, `${suite}-${SCALE.label}.json`),
      `${JSON.stringify({ at: new Date().toISOString(), ...(figures as object) }, null, 2)}\n`,
    );
  } catch {
    // Figures are a by-product; a read-only checkout must not fail the suite.
  }
}
