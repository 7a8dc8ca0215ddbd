#!/usr/bin/env node
// The installed command: runs the compiled CLI in dist/ when it was built from the current sources,
// else registers tsx and runs the TypeScript sources as they are (see compiled.js), then hands the
// arguments to the CLI and exits with the code it returns. Nothing else lives here.
import { compiledIsCurrent } from './compiled.js';

let main;
if (process.env['FRAMESCOPE_SOURCES'] !== '1' && compiledIsCurrent()) {
  ({ main } = await import('../../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdin: process.stdin,
});
process.exitCode = code;
