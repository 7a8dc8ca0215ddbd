/**
 * The real corpora the findings evaluation reads from ../shared/data, as framescope articles:
 * BASIL (60 events, NYT / Fox / HuffPost, grouped by event), BBC News (2,225 articles) and the
 * COVID-19 origins dev split (1,782 articles, five outlets). Texts stay in ../shared; labels in
 * test/fixtures/gold point into the texts built here by article id and character offset, so the
 * way a text is built must not change.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Article } from '../src/types.ts';

export type CorpusName = 'basil' | 'bbc' | 'covid';

export const sharedData = resolve(import.meta.dirname, '..', '..', 'shared', 'data');

/** Where each corpus lives, for the message when it is absent. */
export const CORPUS_PATHS: Readonly<Record<CorpusName, string>> = {
  basil: join(sharedData, 'basil', 'articles'),
  bbc: join(sharedData, 'bbc', 'bbc_news_2225.jsonl'),
  covid: join(sharedData, 'covid-origins', 'dev.jsonl'),
};

/**
 * BASIL: the body is its paragraphs (sentences joined by a space) with a blank line between, as
 * scripts/eval-basil-voice.ts builds it; title, date, outlet and event are metadata columns.
 */
function basilArticles(): Article[] {
  const root = CORPUS_PATHS.basil;
  const out: Article[] = [];
  for (const year of readdirSync(root).sort())
    for (const file of readdirSync(join(root, year)).sort()) {
      if (!file.endsWith('.json')) continue;
      const path = join(root, year, file);
      const a = JSON.parse(readFileSync(path, 'utf8')) as {
        'body-paragraphs': string[][];
        title: string;
        date: string;
        source: string;
        'triplet-uuid': string;
      };
      out.push({
        id: file.replace(/\.json$/, ''),
        text: a['body-paragraphs'].map((p) => p.join(' ')).join('\n\n'),
        metadata: { outlet: a.source, title: a.title, date: a.date, event: a['triplet-uuid'] },
        source: { file: path, format: 'txt' },
      });
    }
  return out;
}

function jsonlArticles(path: string, metadataOf: (row: Record<string, string>) => Record<string, string>) {
  const out: Article[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const row = JSON.parse(line) as Record<string, string>;
      out.push({
        id: row.id as string,
        text: row.text as string,
        metadata: metadataOf(row),
        source: { file: path, format: 'jsonl', line: i + 1 },
      });
    });
  return out;
}

export function corpusAvailable(name: CorpusName): boolean {
  return existsSync(CORPUS_PATHS[name]);
}

export function corpusArticles(name: CorpusName): Article[] {
  if (name === 'basil') return basilArticles();
  if (name === 'bbc')
    return jsonlArticles(CORPUS_PATHS.bbc, (r) => ({ title: r.title ?? '', category: r.category ?? '' }));
  return jsonlArticles(CORPUS_PATHS.covid, (r) => ({
    outlet: r.publication ?? '',
    title: r.title ?? '',
    date: r.date ?? '',
    author: r.author ?? '',
  }));
}
