// Type-checks each runtime with its own tsconfig, so a DOM type cannot leak into the
// server nor a Node type into the renderer or shared/.
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'main', 'renderer', 'server', 'test'];
let failed = false;
for (const name of projects) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${name}.json`], {
    stdio: 'inherit',
  });
  console.log(`typecheck ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${Date.now() - started} ms)`);
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
