/**
 * Candidate mining for the evaluative pack from BABE's expert word marks: for every word the
 * experts marked as biased, how often it occurs in the dev split, how often it was marked where it
 * occurs, and the share of its sentences labelled biased. A person then keeps only words that carry
 * evaluation in any topic (no topic nouns, no names), and cites the figures as evidence.
 *
 *   node --import tsx scripts/mine-babe.ts [minMarks=3]
 */
import { loadBabe } from './eval-lib.ts';

const minMarks = Number(process.argv[2] ?? 3);
const rows = loadBabe();
const marks = new Map<string, number>();
for (const r of rows)
  for (const w of new Set(r.biasedWords))
    for (const part of w.split(/\s+/)) marks.set(part, (marks.get(part) ?? 0) + 1);
const occurrences = new Map<string, [number, number]>();
for (const r of rows) {
  const words = new Set(
    r.text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? [],
  );
  for (const w of words) {
    if (!marks.has(w)) continue;
    const c = occurrences.get(w) ?? [0, 0];
    c[0]++;
    if (r.biased) c[1]++;
    occurrences.set(w, c);
  }
}
const lines = [...marks]
  .filter(([, m]) => m >= minMarks)
  .map(([w, m]) => {
    const [n, b] = occurrences.get(w) ?? [0, 0];
    return { w, m, n, b };
  })
  .sort((x, y) => y.m - x.m || x.w.localeCompare(y.w));
console.log(
  `# ${rows.length} sentences; word, times marked, sentences containing it, share of those labelled biased`,
);
for (const { w, m, n, b } of lines) console.log(`${w}\t${m}\t${n}\t${n ? ((100 * b) / n).toFixed(0) : '-'}%`);
