// The limit framescope is measured against: wink-nlp's bare readDoc over the same texts, spread over
// `jobs` worker threads the same way. Usage: node --import tsx scripts/bench-readdoc.ts <file.jsonl> <jobs>
// Prints {"articles":n,"tokens":n} on stdout.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';

// Plain JavaScript, so the workers need no TypeScript loader: bare wink-nlp and nothing else.
const WORKER = `
const { parentPort } = require('node:worker_threads');
const nlp = require('wink-nlp')(require('wink-eng-lite-web-model'));
parentPort.on('message', (text) => parentPort.postMessage(nlp.readDoc(text).tokens().length()));
`;

const [file, jobsText] = process.argv.slice(2);
if (!file) throw new Error('usage: bench-readdoc.ts <file.jsonl> <jobs>');
const jobs = Number(jobsText ?? 1);
const workers = Array.from({ length: jobs }, () => new Worker(WORKER, { eval: true }));
const pending = workers.map(() => 0);
let tokens = 0;
let articles = 0;
let wake: (() => void) | null = null;
const nextAnswer = () =>
  new Promise<void>((resolve) => {
    wake = resolve;
  });
for (const [i, w] of workers.entries())
  w.on('message', (n: number) => {
    pending[i] = (pending[i] as number) - 1;
    tokens += n;
    articles++;
    wake?.();
  });
const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  if (!line) continue;
  const { text } = JSON.parse(line) as { text: string };
  // Same backpressure as the pool: a few texts ahead per worker, sent to the least busy.
  while (Math.min(...pending) >= 4) await nextAnswer();
  const i = pending.indexOf(Math.min(...pending));
  pending[i] = (pending[i] as number) + 1;
  (workers[i] as Worker).postMessage(text);
}
while (pending.some((p) => p > 0)) await nextAnswer();
await Promise.all(workers.map((w) => w.terminate()));
process.stdout.write(`${JSON.stringify({ articles, tokens })}\n`);
