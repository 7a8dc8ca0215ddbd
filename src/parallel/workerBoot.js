// Worker threads start without the main thread's module hooks, so a worker registers tsx itself
// before loading the TypeScript worker. This works whether the main thread runs under
// `node --import tsx` (ava, scripts) or registered tsx through its API (src/cli/bin.js).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
