import { readFileSync } from 'node:fs';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';
const f = process.argv[2] as string;
const doc = readDocument({
  id: 'x',
  text: readFileSync(f, 'utf8'),
  metadata: {},
  source: { file: f, format: 'txt' },
});
for (const a of findAttributions(doc, findQuotations(doc), loadSourceLexicon()))
  console.log(
    a.kind,
    JSON.stringify(a.cue?.text),
    '|',
    a.source?.text,
    '=>',
    a.speaker,
    a.resolution,
    a.sourceType,
    JSON.stringify(a.channel),
    a.aliases?.join(';') ?? '',
    '|',
    a.content?.text.slice(0, 50),
  );
