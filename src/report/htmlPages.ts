import type { ArticleResult } from '../types.ts';
import { articleHtml } from './htmlView.ts';
import type { RunData } from './runData.ts';

/** Names Windows keeps for devices, whatever the extension after them (`CON`, `con.txt`). */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * A file name from an article id that every file system takes as an ordinary file: letters,
 * digits, `.`, `_` and `-` only, no leading dot (`.`, `..` or a hidden file), no trailing dot,
 * never a Windows device name (`CON` becomes `CON_`).
 */
function fileStem(id: string): string {
  const stem = id
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 120)
    .replace(/^\./, '_')
    .replace(/\.+$/, '');
  if (stem === '') return 'article';
  return DEVICE_NAME.test(stem) ? stem.replace(/^[^.]+/, (device) => `${device}_`) : stem;
}

/**
 * Names of the `html/<article>.html` pages, from the article ids, made unique in input order
 * without regard to case, as on macOS and Windows (a second "a b" becomes `a_b-2.html`, and "A"
 * after "a" `A-2.html`). Keeps the names given so far, a few bytes per article.
 */
export class HtmlPageNames {
  private readonly taken = new Set<string>();

  /** `folder`: where the pages go. */
  constructor(private readonly folder = 'html') {}

  next(id: string): string {
    const base = fileStem(id);
    let name = `${this.folder}/${base}.html`;
    for (let k = 2; this.taken.has(name.toLowerCase()); k++) name = `${this.folder}/${base}-${k}.html`;
    this.taken.add(name.toLowerCase());
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
