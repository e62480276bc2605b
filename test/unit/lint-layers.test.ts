import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

// The import table of the architecture is enforced by the linter; these cases prove the
// real config rejects a crossing and accepts a legal import.
const cwd = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['renderer/features/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/features/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/features/x.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"],
    ['renderer/features/x.ts', "import { x } from '../../main/main';\nexport const y = x;\n"],
    ['renderer/features/x.ts', "import { x } from '../../server/app';\nexport const y = x;\n"],
    ['shared/sla/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['shared/sla/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['shared/sla/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['server/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['server/x.ts', "import { x } from '../renderer/app/App';\nexport const y = x;\n"],
    ['main/x.ts', "import { x } from '../renderer/app/App';\nexport const y = x;\n"],
    ['main/preload.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    // Feature boundaries: another feature only through its index.ts; the replica through its barrel.
    [
      'renderer/features/today/x.ts',
      "import { SlaBadge } from '../incident/parts';\nexport const x = SlaBadge;\n",
    ],
    [
      'renderer/features/today/x.ts',
      "import { mutate } from '../../replica/hooks';\nexport const x = mutate;\n",
    ],
    ['renderer/layout/x.ts', "import { rowKey } from '../replica/db';\nexport const x = rowKey;\n"],
    ['renderer/ui/x.ts', "import { SlaBadge } from '../features/incident';\nexport const x = SlaBadge;\n"],
  ])('rejects the import in %s: %s', async (filePath, code) => {
    const messages = await restrictedImports(filePath, code);
    expect(messages.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'renderer/features/x.ts',
      "import { z } from 'zod';\nimport { a } from '../../shared/sla/index';\nexport const x = [z, a];\n",
    ],
    ['shared/sla/x.ts', "import { DateTime } from 'luxon';\nexport const x = DateTime;\n"],
    [
      'main/x.ts',
      "import { join } from 'node:path';\nimport { app } from 'electron';\nexport const x = [join, app];\n",
    ],
    ['server/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    [
      'renderer/features/today/x.ts',
      "import { SlaBadge } from '../incident';\nimport { mutate } from '../../replica';\nimport { Loading } from '../../ui/common';\nimport { loadWatched } from './data';\nexport const x = [SlaBadge, mutate, Loading, loadWatched];\n",
    ],
    ['renderer/sync/x.ts', "import { rowKey } from '../replica/db';\nexport const x = rowKey;\n"],
  ])('accepts the legal import in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
