/**
 * How often the voice and speaker framescope assigns to BASIL's annotated spans (Fan et al. 2019,
 * ../shared/data/basil) agree with the annotators' `quote` and `speaker` fields. Usage:
 *
 *   node --import tsx scripts/eval-basil-voice.ts
 *
 * An article is rebuilt as its paragraphs (blank line between) of sentences (a space between).
 * A span is "quoted" for framescope when at least half of it lies inside a quotation or inside
 * the content of a direct, mixed, indirect or according-to attribution. The speaker agrees when
 * a word of the annotators' named speaker ("Rick_Perry") is a word of the speaker framescope
 * resolved for the attribution holding the span; spans whose speaker is a group label
 * ("other_anti", "other_pro", "other_neutral") have no name to compare and are counted apart.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';

interface Phrase {
  readonly quote: string;
  readonly speaker: string;
  readonly txt: string;
}

const root = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'basil');
if (!existsSync(root)) {
  console.log(`../shared/data/basil is absent (looked in ${root}); nothing to evaluate.`);
  process.exit(0);
}
const lexicon = loadSourceLexicon();
const counts = {
  spans: 0,
  located: 0,
  agree: 0,
  goldQuoted: 0,
  goldQuotedFound: 0,
  goldPlain: 0,
  goldPlainFound: 0,
};
const speakers = { named: 0, agree: 0, group: 0, groupAttributed: 0 };
const overlap = (a: number, b: number, c: number, d: number) => Math.max(0, Math.min(b, d) - Math.max(a, c));

for (const year of readdirSync(join(root, 'annotations')).sort()) {
  for (const file of readdirSync(join(root, 'annotations', year)).sort()) {
    const articleFile = join(root, 'articles', year, file.replace(/_ann\.json$/, '.json'));
    if (!existsSync(articleFile)) continue;
    const article = JSON.parse(readFileSync(articleFile, 'utf8')) as { 'body-paragraphs': string[][] };
    const text = article['body-paragraphs'].map((p) => p.join(' ')).join('\n\n');
    const ann = JSON.parse(readFileSync(join(root, 'annotations', year, file), 'utf8')) as {
      'phrase-level-annotations': Phrase[];
    };
    const doc = readDocument({ id: file, text, metadata: {}, source: { file: articleFile, format: 'txt' } });
    const quotations = findQuotations(doc).filter((q) => q.depth === 0);
    const attributions = findAttributions(doc, findQuotations(doc), lexicon).filter(
      (a) => a.content && ['direct', 'mixed', 'indirect', 'according-to'].includes(a.kind),
    );
    for (const p of ann['phrase-level-annotations']) {
      counts.spans++;
      const start = text.indexOf(p.txt);
      if (start < 0 || !p.txt) continue;
      counts.located++;
      const end = start + p.txt.length;
      const half = (end - start) / 2;
      // The innermost attribution holding the span speaks it.
      const holder = attributions
        .filter((a) => overlap(start, end, a.content?.start ?? 0, a.content?.end ?? 0) >= half)
        .sort(
          (a, b) =>
            (a.content?.end ?? 0) -
            (a.content?.start ?? 0) -
            ((b.content?.end ?? 0) - (b.content?.start ?? 0)),
        )[0];
      const inQuote = quotations.some((q) => overlap(start, end, q.start, q.end) >= half);
      const quoted = inQuote || holder !== undefined;
      const goldQuoted = p.quote === 'yes';
      if (quoted === goldQuoted) counts.agree++;
      if (goldQuoted) {
        counts.goldQuoted++;
        if (quoted) counts.goldQuotedFound++;
        if (/^other/.test(p.speaker) || !p.speaker) {
          speakers.group++;
          if (holder) speakers.groupAttributed++;
        } else {
          speakers.named++;
          const words = p.speaker.toLowerCase().split(/[_\s]+/);
          const ours = (holder?.speaker ?? '').toLowerCase().split(/\s+/);
          if (ours.some((w) => w.length > 2 && words.includes(w))) speakers.agree++;
        }
      } else {
        counts.goldPlain++;
        if (!quoted) counts.goldPlainFound++;
      }
    }
  }
}
const f = (n: number, d: number) => (d ? (n / d).toFixed(3) : '-');
console.log(`BASIL: ${counts.spans} annotated spans, ${counts.located} found verbatim in their article`);
console.log('| measure | agreement | n |');
console.log('| --- | --- | --- |');
console.log(`| voice (quoted vs not), all spans | ${f(counts.agree, counts.located)} | ${counts.located} |`);
console.log(
  `| spans the annotators mark quoted, found quoted | ${f(counts.goldQuotedFound, counts.goldQuoted)} | ${counts.goldQuoted} |`,
);
console.log(
  `| spans the annotators mark not quoted, found not quoted | ${f(counts.goldPlainFound, counts.goldPlain)} | ${counts.goldPlain} |`,
);
console.log(
  `| speaker, spans with a named speaker | ${f(speakers.agree, speakers.named)} | ${speakers.named} |`,
);
console.log(
  `| spans with a group speaker (other_*) inside an attribution | ${f(speakers.groupAttributed, speakers.group)} | ${speakers.group} |`,
);
