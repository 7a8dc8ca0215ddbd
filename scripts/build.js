// `npm run build` (and `npm ci`, through `prepare`): compiles src/ to dist/ with tsc, then stamps
// dist/ with the hash of the sources it was built from (see src/cli/compiled.js). Plain JavaScript,
// so that it runs before anything else is in place.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DIST_DIR, STAMP_FILE, sourceHash } from '../src/cli/compiled.js';

const before = sourceHash();
rmSync(DIST_DIR, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (r.status !== 0) {
  process.stderr.write(
    'framescope build: tsc failed; the command will run the TypeScript sources through tsx\n',
  );
  process.exit(r.status ?? 1);
}
// A source edited while tsc ran would make the stamp lie; hash before and after.
if (sourceHash() !== before) {
  process.stderr.write('framescope build: the sources changed during the build; run it again\n');
  process.exit(1);
}
writeFileSync(STAMP_FILE, `${before}\n`);
