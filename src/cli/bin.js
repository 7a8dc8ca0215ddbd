#!/usr/bin/env node
// The installed command: runs the compiled CLI in dist/ (always, in an installed package; in a
// checkout, when it was built from the current sources), else registers tsx (a dev dependency) and
// runs the TypeScript sources as they are (see compiled.js), then hands the arguments to the CLI
// and exits with the code it returns. Nothing else lives here.
import { runsSources } from './compiled.js';

let main;
if (runsSources()) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
} else {
  ({ main } = await import('../../dist/cli/main.js'));
}
const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdin: process.stdin,
});
process.exitCode = code;
