import { Parser } from 'htmlparser2';
import type { LayoutHint, OffsetSegment } from '../types.ts';

/**
 * Reduces an HTML page to its readable text with htmlparser2, keeping a map from each stretch of
 * text back to its offset in the HTML source. Block elements end lines, so the structure stage
 * sees headings, paragraphs, captions and navigation as lines of their own; script, style and
 * other non-content elements contribute no text.
 */

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'figure',
  'figcaption',
  'blockquote',
  'pre',
  'hr',
  'dd',
  'dt',
  'main',
  'address',
  'title',
  'caption',
  'form',
]);

export interface HtmlText {
  readonly text: string;
  readonly sourceMap: OffsetSegment[];
  /** The content of <title>, when present. */
  readonly title: string | null;
  /** Text inside <h1>, <nav>/<header>/<aside>, <footer> and <figcaption>. */
  readonly layout: LayoutHint[];
}

const ROLES: Readonly<Record<string, LayoutHint['role']>> = {
  h1: 'title',
  nav: 'navigation',
  header: 'navigation',
  aside: 'navigation',
  menu: 'navigation',
  footer: 'footer',
  figcaption: 'caption',
};

export function htmlToText(html: string): HtmlText {
  let text = '';
  const sourceMap: OffsetSegment[] = [];
  let skipDepth = 0;
  let inTitle = false;
  let title = '';
  const layout: LayoutHint[] = [];
  const open: { name: string; start: number }[] = [];

  // Trailing spaces before a line end are layout, not text: drop them, and shorten the map
  // segment they belonged to so that offsets stay exact.
  const dropTrailingSpace = () => {
    while (text.endsWith(' ')) {
      text = text.slice(0, -1);
      const last = sourceMap[sourceMap.length - 1];
      if (last && last.textStart + last.length > text.length) {
        sourceMap[sourceMap.length - 1] = { ...last, length: text.length - last.textStart };
        if (text.length === last.textStart) sourceMap.pop();
      }
    }
  };
  const newline = () => {
    dropTrailingSpace();
    if (text.length > 0 && !text.endsWith('\n')) text += '\n';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        if (name === 'title') inTitle = true;
        if (BLOCK.has(name)) newline();
        if (ROLES[name] && skipDepth === 0) open.push({ name, start: text.length });
      },
      ontext(data) {
        if (inTitle) title += data;
        if (skipDepth > 0) return;
        // Runs of white space inside HTML render as one space; newlines come from block tags only.
        const collapsed = data.replace(/[ \t\r\n\f]+/g, ' ');
        const piece = text.endsWith('\n') || text === '' ? collapsed.replace(/^ /, '') : collapsed;
        if (piece === '') return;
        sourceMap.push({ textStart: text.length, sourceStart: parser.startIndex, length: piece.length });
        text += piece;
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === 'title') inTitle = false;
        const top = open[open.length - 1];
        if (top && top.name === name) {
          open.pop();
          dropTrailingSpace();
          const role = ROLES[name] as LayoutHint['role'];
          // Only the outermost region counts, and only the first <h1> is the headline.
          const nested = open.length > 0;
          const laterTitle = role === 'title' && layout.some((h) => h.role === 'title');
          if (!nested && !laterTitle && text.length > top.start)
            layout.push({ start: top.start, end: text.length, role, element: `<${name}>` });
        }
        if (BLOCK.has(name)) newline();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  dropTrailingSpace();
  while (text.endsWith('\n')) text = text.slice(0, -1);
  // An element left open (a missing </h1>) is closed by the parser after the last line break:
  // its region ends at the end of its text, never past the text.
  const regions: LayoutHint[] = [];
  for (const h of layout) {
    let end = Math.min(h.end, text.length);
    while (end > h.start && text[end - 1] === '\n') end--;
    if (end > h.start) regions.push(end === h.end ? h : { ...h, end });
  }
  return { text, sourceMap, title: title.trim() || null, layout: regions };
}
