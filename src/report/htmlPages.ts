import { articleHtml } from './htmlView.ts';
import type { RunData } from './runData.ts';

/** `html/<article>.html`: one self-contained page per article, named from its id, unique. */
export function htmlPages(data: RunData): Map<string, string> {
  const pages = new Map<string, string>();
  for (const r of data.results) {
    const base = r.article.id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'article';
    let name = `html/${base}.html`;
    for (let k = 2; pages.has(name); k++) name = `html/${base}-${k}.html`;
    pages.set(name, articleHtml(r));
  }
  return pages;
}
