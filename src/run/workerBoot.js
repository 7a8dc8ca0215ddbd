// Worker threads start without the main thread's module hooks, so a worker run from the
// TypeScript sources registers tsx itself, then loads its module (the last argument, see
// workerThread.ts). This works whether the main thread runs under `node --import tsx` (ava,
// scripts) or registered tsx through its API (src/cli/bin.js).
import { register } from 'tsx/esm/api';

register();
await import(process.argv[process.argv.length - 1]);
