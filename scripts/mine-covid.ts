/**
 * Candidate mining for the state-media packs: n-grams (1-4 words) ranked by the log-odds ratio with
 * an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words") between China
 * Daily and the four other outlets of the covid-origins dev split, after masking outlet give-aways.
 * The output is a list of candidates with their document rates; a person then keeps only those a
 * scholar would accept as general state-media register (no topic words, no names).
 *
 *   node --import tsx scripts/mine-covid.ts [top=150] [minDocs=8]
 */
import { loadJsonl, maskOutletGiveaways, sharedFile } from './eval-lib.ts';

const top = Number(process.argv[2] ?? 150);
const minDocs = Number(process.argv[3] ?? 8);
const rows = loadJsonl(sharedFile('data', 'covid-origins', 'dev.jsonl'));
const isTarget = (p: string) => p.startsWith('China Daily');

const counts = [new Map<string, number>(), new Map<string, number>()];
const docs = [new Map<string, number>(), new Map<string, number>()];
const ndocs = [0, 0];
for (const r of rows) {
  const g = isTarget(r.publication) ? 0 : 1;
  ndocs[g] = (ndocs[g] as number) + 1;
  const words =
    maskOutletGiveaways(r.text)
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? [];
  const seen = new Set<string>();
  for (let n = 1; n <= 4; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      const gram = words.slice(i, i + n).join(' ');
      const c = counts[g] as Map<string, number>;
      c.set(gram, (c.get(gram) ?? 0) + 1);
      seen.add(gram);
    }
  }
  for (const gram of seen) {
    const d = docs[g] as Map<string, number>;
    d.set(gram, (d.get(gram) ?? 0) + 1);
  }
}
const [c0, c1] = counts as [Map<string, number>, Map<string, number>];
const [d0, d1] = docs as [Map<string, number>, Map<string, number>];
const n0 = [...c0.values()].reduce((a, b) => a + b, 0);
const n1 = [...c1.values()].reduce((a, b) => a + b, 0);
const alpha0 = 500;
const prior = (g: string) => (((c0.get(g) ?? 0) + (c1.get(g) ?? 0)) / (n0 + n1)) * alpha0;
const scored: Array<[string, number, number, number]> = [];
for (const [g, y0] of c0) {
  if ((d0.get(g) ?? 0) < minDocs) continue;
  const y1 = c1.get(g) ?? 0;
  const a = prior(g);
  const delta = Math.log((y0 + a) / (n0 + alpha0 - y0 - a)) - Math.log((y1 + a) / (n1 + alpha0 - y1 - a));
  const variance = 1 / (y0 + a) + 1 / (y1 + a);
  scored.push([
    g,
    delta / Math.sqrt(variance),
    (d0.get(g) ?? 0) / (ndocs[0] as number),
    (d1.get(g) ?? 0) / (ndocs[1] as number),
  ]);
}
scored.sort((a, b) => b[1] - a[1]);
console.log(`# ${ndocs[0]} China Daily vs ${ndocs[1]} other articles; z = log-odds / sd; document shares`);
for (const [g, z, p0, p1] of scored.slice(0, top))
  console.log(
    `${z.toFixed(1).padStart(6)}  CD ${(100 * p0).toFixed(0).padStart(3)}%  others ${(100 * p1).toFixed(1).padStart(5)}%  ${g}`,
  );
