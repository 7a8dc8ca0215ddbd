/**
 * Writes the state-media dev sets with outlet give-aways masked (as the transfer evaluation reads
 * them) to tmp/, as JSONL corpora that `framescope lexicon mine` and `lexicon validate` can read:
 * tmp/masked/headlines.jsonl (id, text, outlet, state, set, event, month) and
 * tmp/masked/covid.jsonl (id, text, outlet, state, month). tmp/ is not part of the repository.
 *
 *   node --import tsx scripts/masked-corpora.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './eval-lib.ts';
import { rawItems } from './transfer-lib.ts';

const dir = join(repoRoot, 'tmp', 'masked');
mkdirSync(dir, { recursive: true });
const items = rawItems();
const lines = (set: (s: string) => boolean) =>
  items
    .filter((i) => set(i.set))
    .map((i) =>
      JSON.stringify({
        id: i.id,
        text: i.text,
        outlet: i.outlet,
        state: i.state,
        set: i.set,
        event: i.event,
      }),
    )
    .join('\n');
writeFileSync(join(dir, 'headlines.jsonl'), `${lines((s) => s !== 'covid')}\n`);
writeFileSync(join(dir, 'covid.jsonl'), `${lines((s) => s === 'covid')}\n`);
console.log(`wrote ${dir}/headlines.jsonl and ${dir}/covid.jsonl`);
