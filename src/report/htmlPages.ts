import type { ArticleResult } from '../types.ts';
import { articleHtml } from './htmlView.ts';
import type { RunData } from './runData.ts';

/**
 * Names of the `html/<article>.html` pages, from the article ids, made unique in input order
 * (a second "a b" becomes `a_b-2.html`). Keeps the names given so far, a few bytes per article.
 */
export class HtmlPageNames {
  private readonly taken = new Set<string>();

  /** `folder`: where the pages go. */
  constructor(private readonly folder = 'html') {}

  next(id: string): string {
    const base = id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'article';
    let name = `${this.folder}/${base}.html`;
    for (let k = 2; this.taken.has(name); k++) name = `${this.folder}/${base}-${k}.html`;
    this.taken.add(name);
    return name;
  }
}

/** The page of one article under its unique name. */
export function htmlPage(names: HtmlPageNames, r: ArticleResult): [string, string] {
  return [names.next(r.article.id), articleHtml(r)];
}

/** `html/<article>.html`: one self-contained page per article, named from its id, unique. */
export function htmlPages(data: RunData): Map<string, string> {
  const names = new HtmlPageNames();
  return new Map(data.results.map((r) => htmlPage(names, r)));
}
