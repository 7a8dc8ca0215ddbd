// `npm run build` (and `npm ci`, through `prepare`): compiles src/ to dist/ with tsc, emits the
// type declarations of the public API (src/index.ts and what it reaches) beside it, then stamps
// dist/ with the hash of the sources it was built from (see src/cli/compiled.js). Plain
// JavaScript, so that it runs before anything else is in place.
//
// Two tsc programs, run side by side: the JavaScript of every source file (tsconfig.build.json),
// and declarations only for the public API (tsconfig.types.json). Declarations for the CLI's
// internals would ship nothing a user imports, and a CLI type that cannot be named in a .d.ts
// would fail the build.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DIST_DIR, STAMP_FILE, sourceHash } from '../src/cli/compiled.js';

const before = sourceHash();
rmSync(DIST_DIR, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compile = (project) =>
  new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
    child.on('close', (code) => done({ project, code }));
  });
const failed = (await Promise.all(['tsconfig.build.json', 'tsconfig.types.json'].map(compile))).filter(
  (r) => r.code !== 0,
);
if (failed.length > 0) {
  process.stderr.write(
    `framescope build: tsc failed on ${failed.map((r) => r.project).join(', ')}; in this checkout the command will run the TypeScript sources through tsx\n`,
  );
  process.exit(1);
}
// A source edited while tsc ran would make the stamp lie; hash before and after.
if (sourceHash() !== before) {
  process.stderr.write('framescope build: the sources changed during the build; run it again\n');
  process.exit(1);
}
writeFileSync(STAMP_FILE, `${before}\n`);
