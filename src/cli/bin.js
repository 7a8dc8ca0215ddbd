#!/usr/bin/env node
// The installed command: registers tsx so the TypeScript sources run as they are, then hands the
// arguments to the CLI and exits with the code it returns. Nothing else lives here.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdin: process.stdin,
});
process.exitCode = code;
