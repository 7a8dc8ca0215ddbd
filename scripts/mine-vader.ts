/**
 * Writes the VADER-derived pattern lists of lexicons/evaluative.yaml: alphabetic VADER tokens
 * (no emoticons, no slang abbreviations) whose mean human valence rating is at least `threshold`
 * away from neutral, split into positive and negative. VADER is MIT-licensed (C.J. Hutto 2016);
 * the notice is kept in lexicons/README.md.
 *
 *   node --import tsx scripts/mine-vader.ts [threshold=1.5]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { foldSpelling } from '../src/match/fold.ts';
import { repoRoot, sharedFile } from './eval-lib.ts';

const threshold = Number(process.argv[2] ?? 1.5);

// Words the hand-written entries already cover keep their hand-written category.
const packFile = join(repoRoot, 'lexicons', 'evaluative.yaml');
const handPatterns: string[] = existsSync(packFile)
  ? (parseYaml(readFileSync(packFile, 'utf8')) as { entries: { id: string; patterns: string[] }[] }).entries
      .filter((e) => !e.id.startsWith('vader-'))
      .flatMap((e) =>
        e.patterns.map((p) =>
          String(p)
            .toLowerCase()
            .replace(/@[a-z]+$/i, ''),
        ),
      )
  : [];
const handLiterals = new Set(handPatterns.filter((p) => !p.includes('*')));
const handGlobs = handPatterns
  .filter((p) => p.includes('*'))
  .map((p) => new RegExp(`^${p.replace(/\*/g, '.*')}$`));
const stems = (w: string) => [w, w.replace(/(es|s|ed|d|ing|ly)$/, ''), w.replace(/(s|ed|ing|ly)$/, '')];
const covered = (w: string) => stems(w).some((s) => handLiterals.has(s)) || handGlobs.some((g) => g.test(w));
const seen = new Set<string>();
const positive: string[] = [];
const negative: string[] = [];
for (const line of readFileSync(sharedFile('reference-lexicons', 'vader', 'vader_lexicon.txt'), 'utf8').split(
  '\n',
)) {
  const [token, mean] = line.split('\t');
  if (
    !token ||
    token === 'fav' ||
    mean === undefined ||
    !/^[a-z][a-z'-]*[a-z]$/.test(token) ||
    token.length < 3
  )
    continue;
  const v = Number(mean);
  if (covered(token)) continue;
  // British and American spellings of one word are one pattern for the engine.
  const folded = foldSpelling(token).replace(/(ll|pp)/g, (d) => d.charAt(0));
  if (seen.has(folded)) continue;
  seen.add(folded);
  if (v >= threshold) positive.push(token);
  else if (v <= -threshold) negative.push(token);
}
const list = (words: string[]) =>
  words.map((w) => `      - ${/^(yes|no|on|off|true|false|null|y|n)$/i.test(w) ? `'${w}'` : w}`).join('\n');
console.log(
  `# positive (${positive.length})\n${list(positive)}\n# negative (${negative.length})\n${list(negative)}`,
);
