// As workerBoot.js, for the worker that describes a run (runDescription.ts): worker threads start
// without the main thread's module hooks, so it registers tsx before loading TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./describeWorker.ts');
