/**
 * Writes the state-media dev sets with outlet give-aways masked (as the transfer evaluation reads
 * them) to tmp/, as JSONL corpora that `framescope lexicon mine` and `lexicon validate` can read:
 * tmp/masked/headlines.jsonl and tmp/masked/covid.jsonl (id, text, outlet, state, set, event, and
 * `half`: A or B, the stratified split of each set that the transfer evaluation reports, so that
 * curation can keep to half A with `--where half=A`). tmp/ is not part of the repository.
 *
 *   node --import tsx scripts/masked-corpora.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, splitHalves } from './eval-lib.ts';
import { SETS, rawItems } from './transfer-lib.ts';

const dir = join(repoRoot, 'tmp', 'masked');
mkdirSync(dir, { recursive: true });
const items = rawItems();
const half = new Map<string, 'A' | 'B'>();
for (const set of SETS) {
  const own = items.filter((i) => i.set === set);
  const inA = splitHalves(
    own.map((i) => i.id),
    own.map((i) => i.state),
  );
  own.forEach((i, k) => half.set(`${set}/${i.id}`, inA[k] ? 'A' : 'B'));
}
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
        half: half.get(`${i.set}/${i.id}`),
      }),
    )
    .join('\n');
writeFileSync(join(dir, 'headlines.jsonl'), `${lines((s) => s !== 'covid')}\n`);
writeFileSync(join(dir, 'covid.jsonl'), `${lines((s) => s === 'covid')}\n`);
console.log(`wrote ${dir}/headlines.jsonl and ${dir}/covid.jsonl`);
