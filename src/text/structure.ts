import type {
  ArticleStructure,
  Furniture,
  FurnitureKind,
  LayoutHint,
  StructureKind,
  StructurePart,
} from '../types.ts';
import { textSpanOf } from './positions.ts';
import { isModelWord } from './winkModel.ts';

/**
 * Finds the parts of a scraped article page, line by line: title, byline, date line, lead,
 * headings, body, a references list, and the page furniture that is not the article (navigation,
 * a repeated headline, reprint notices, "Topics" lines, language links, photo captions, author
 * bios, disclaimers). Every rule is a named pattern with a reason a reader can check, and every
 * line ends up in exactly one part: nothing is silently dropped.
 */

interface Line {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Trimmed text, with the offsets of the trimmed text. */
  readonly text: string;
  readonly trimStart: number;
  readonly trimEnd: number;
}

type Label =
  | { readonly part: StructureKind }
  | { readonly furniture: FurnitureKind; readonly reason: string }
  | { readonly part: 'references-entry' };

const LANGUAGE_LINK =
  /^(中文|简体中文|繁體中文|English|Français|Español|Deutsch|Русский|العربية|日本語|한국어|Português|Italiano)$/;
const TOPICS = /^(topics?|tags?|filed under|categories|related topics?|keywords?)\b\s*[:\-–—]?\s*\S/i;
const REPRINT =
  /(about using articles|you can freely use|images? (can ?not|may not) be used|about links|links are free to use|all rights reserved|may not be (re)?published|reprinted (with|by) permission|^copyright\b|^©|republish(ing)? this article)/i;
const BRACKET_HEADING = /^【[^】]{1,40}】$/;
const CAPTION =
  /(\[\s*photo\b[^\]]*\]|\(\s*photo\b[^)]*\)|^photo\s*[:/]|^image\s*:|^caption\s*:|\bphoto by\b|\bgetty images\b|\bap photo\b|^file photo|\bphoto\s*\/\s*agencies\b|\/xinhua\]|\(xinhua\/[^)]*\)|reuters\/[a-z]+)/i;
const NAVIGATION =
  /^(home|menu|search|subscribe|sign in|log ?in|register|share( this( article)?)?|skip to (main )?content|advertisement|read more|related( articles| stories)?|follow us( on)?.*|newsletter|trending|most read|latest news|breaking news.{0,40})$/i;
const BYLINE =
  /^([Bb]y|[Ww]ritten by|[Aa]uthor:?|[Rr]eporter:?)\s+([A-Z][\p{L}.'’-]*)(\s+(and\s+)?[A-Z][\p{L}.'’-]*){0,5}(\s*[|,]\s*.{0,60})?$/u;
const LEAD_LABEL = /^lead\s*:/i;
const REFERENCES_HEADING = /^(references|sources|bibliography|works cited|notes)\s*:?$/i;
const AUTHOR_BIO =
  /^([A-Z][\p{L}.'’-]+\s+){1,3}[A-Z][\p{L}.'’-]+\s+(is|was)\s+(a|an|the)\b.{0,160}\b(analyst|columnist|professor|fellow|writer|journalist|researcher|editor|correspondent|scholar|director|reporter|commentator|contributor|lecturer)\b/u;
const DISCLAIMER =
  /(views (expressed )?(here |in this article )?(do not|don't) necessarily (reflect|represent))|(the opinions expressed)/i;
/** Promotion and share lines: "Read more", "Also on rt.com ...", "Follow us on ...", newsletter sign-ups. */
const PROMO =
  /^(read more\b|read also\b|also read\b|also on [\w-]+(\.[\w-]+)+\b|see also\b|more on this( story)?\b|recommended( for you)?\s*:?\s*$|related\s*:|follow (us|@\S+)\b|follow [^.]{0,40}\bon (twitter|x|facebook|instagram|telegram|tiktok|youtube)\b|like us on facebook|subscribe\b|sign up\b.{0,60}\bnewsletter|get (our|the) .{0,40}newsletter|(our|the) .{0,30}newsletter\b.{0,60}(inbox|sign up|subscribe)|share (this|on)\b.{0,40}$|click here\b|download (the|our) .{0,30}app\b|join (us|.{0,40}) on telegram|watch\s*:|listen\s*:)/i;
/** A photo credit: "Photograph: Dave Hunt/AAP", "Picture: Getty", "(Photo: Reuters)". */
const PHOTO_CREDIT =
  /(^(photograph|photo|picture|image|credit)s?\s*:|\bphotograph\s*:\s*\S|\((photo|photograph|picture)\s*:[^)]*\)\s*$)/i;
/**
 * A reporter's sign-off at the end of the article: "Reporting by ...; Editing by ...", "— Jane
 * Doe", "Contact the reporter at ...". A pronoun never reaches back across it.
 */
const SIGN_OFF =
  /^(\(?(additional )?(reporting|writing|editing|compiled|research) by\b|[-—–]{1,2}\s*\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*(,.{0,60})?$|(contact|e-?mail|reach) (the )?(reporter|author|writer|journalist)\b|\p{Lu}[\p{L}.'’-]+\s+\p{Lu}[\p{L}.'’-]+\s+(reported|contributed)( reporting)?( from .{0,40})?\.?$)/u;
/**
 * A speaker label that opens a line of a Q&A transcript: "Q:", "A:", "Question:", "Lavrov:"; also
 * after the quotation mark of a transcript printed as one quotation per paragraph ('"WALLACE: ...').
 */
const QA_LABEL =
  /^["“‘']?(Q|A|Question|Answer|[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,2}|[\p{Lu}]{2,6})\s*[:：]\s+\S/u;
const OPENING_QUOTE = /^["“‘']/;
const QUESTION_LABEL = /^(Q|Question)$/i;
const ANSWER_LABEL = /^(A|Answer)$/i;
const MONTH =
  '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?';
/** A line that is a date and little else: "• Fri. Feb 6th, 2026", "Updated: 2020-03-04 09:12". */
const DATE_LINE = new RegExp(
  `^[•·|\\-–—\\s]*((updated|published|posted|date)\\s*:?\\s*)?((mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(${MONTH}\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})([\\sT,]+\\d{1,2}:\\d{2}(:\\d{2})?\\s*([ap]\\.?m\\.?)?\\s*[A-Z]{0,4})?\\s*$`,
  'i',
);

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let index = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const end = m ? m.index : text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') {
      lines.push({
        index: index,
        start,
        end,
        text: trimmed,
        trimStart: start + lead,
        trimEnd: start + lead + trimmed.length,
      });
    }
    index++;
    if (!m) break;
    start = m.index + m[0].length;
  }
  return lines;
}

const norm = (s: string) =>
  s.normalize('NFKC').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/** A line that is `title` written two or more times in a row, as some page scrapes produce. */
function isRepeatOf(line: string, title: string): boolean {
  const l = norm(line);
  const t = norm(title);
  if (t.length < 8) return false;
  if (l === t) return true;
  if (l.length % t.length !== 0) return false;
  return l === t.repeat(l.length / t.length);
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** A short line with no sentence end: a title, a heading, a site name or a tagline. */
function isHeadingLike(s: string): boolean {
  return s.length <= 160 && wordCount(s) <= 20 && !/[.!?]["”’)]?$/.test(s);
}

function labelFurniture(line: Line, position: number, total: number): Label | null {
  const s = line.text;
  const nearEnd = position >= total * 0.6;
  if (LANGUAGE_LINK.test(s))
    return { furniture: 'language-link', reason: 'a lone language name links to a translation' };
  if (TOPICS.test(s) && s.length < 200)
    return { furniture: 'topics', reason: 'a "Topics"/"Tags" line lists site sections' };
  if (REPRINT.test(s) && s.length < 300)
    return { furniture: 'reprint-notice', reason: 'reprint-permission or copyright notice' };
  if (BRACKET_HEADING.test(s) && nearEnd)
    return {
      furniture: 'reprint-notice',
      reason: 'bracketed heading of a site notice at the end of the page',
    };
  if (CAPTION.test(s) && s.length < 400)
    return { furniture: 'caption', reason: 'photo credit or caption marker' };
  // A transcript printed as one quotation per paragraph opens its sign-off with a quotation mark too.
  if (PROMO.test(s.replace(OPENING_QUOTE, '')) && s.length < 250)
    return { furniture: 'promo', reason: 'a promotion, share or newsletter line of the site' };
  if (NAVIGATION.test(s)) return { furniture: 'navigation', reason: 'a site navigation item' };
  if (/^([^|•·]{1,30}[|•·]\s*){2,}[^|•·]{1,30}$/.test(s))
    return { furniture: 'navigation', reason: 'a row of menu items separated by | or •' };
  if (DISCLAIMER.test(s) && s.length < 300)
    return { furniture: 'disclaimer', reason: 'an editorial disclaimer about the views expressed' };
  if (PHOTO_CREDIT.test(s) && s.length < 200) return { furniture: 'caption', reason: 'photo credit' };
  return null;
}

/** What the corpus says of an article (metadata wins over guessing). */
export interface GivenParts {
  readonly title?: string | null;
  readonly byline?: string | null;
}

export function findStructure(
  text: string,
  lineStarts: Int32Array,
  layout: readonly LayoutHint[] = [],
  given: GivenParts = {},
): ArticleStructure {
  const lines = linesOf(text);
  const labels = new Map<number, Label>();
  const total = lines.length;
  let titleIndex = -1;

  // What the page's markup says comes first: a line inside <nav> is navigation whatever it reads.
  lines.forEach((line, i) => {
    const hint = layout.find((h) => h.start <= line.trimStart && line.trimEnd <= h.end);
    if (!hint) return;
    if (hint.role === 'title') {
      if (titleIndex < 0) titleIndex = i;
    } else if (hint.role === 'caption')
      labels.set(i, { furniture: 'caption', reason: `inside ${hint.element}` });
    else if (hint.role === 'navigation')
      labels.set(i, { furniture: 'navigation', reason: `inside ${hint.element}` });
    else
      labels.set(i, {
        furniture: REPRINT.test(line.text) ? 'reprint-notice' : 'navigation',
        reason: `inside ${hint.element}`,
      });
  });

  lines.forEach((line, i) => {
    if (labels.has(i) || i === titleIndex) return;
    const f = labelFurniture(line, i, total);
    if (f) labels.set(i, f);
  });
  // Everything after a reprint notice near the end of the page belongs to that notice.
  const firstNotice = lines.findIndex(
    (_, i) =>
      i >= total * 0.6 &&
      (labels.get(i) as { furniture?: string } | undefined)?.furniture === 'reprint-notice',
  );
  if (firstNotice >= 0) {
    for (let i = firstNotice + 1; i < total; i++) {
      if (!labels.has(i) && (lines[i] as Line).text.length < 300)
        labels.set(i, {
          furniture: 'reprint-notice',
          reason: 'follows a reprint notice at the end of the page',
        });
    }
  }

  // A headline printed twice (or run together with itself) marks where the article starts:
  // what precedes it on the page is the site's masthead and navigation.
  for (let i = 0; i < Math.min(total, 15) && titleIndex < 0; i++) {
    const line = lines[i] as Line;
    if (labels.has(i) || !isHeadingLike(line.text) || line.text.length < 15) continue;
    for (let j = i + 1; j < Math.min(total, i + 4); j++) {
      if (isRepeatOf((lines[j] as Line).text, line.text)) {
        titleIndex = i;
        labels.set(j, {
          furniture: 'repeated-headline',
          reason: `repeats the headline on line ${line.index + 1}`,
        });
        for (let k = 0; k < i; k++) {
          if (labels.has(k)) continue;
          const s = (lines[k] as Line).text;
          if (DATE_LINE.test(s)) labels.set(k, { part: 'dateline' });
          else if (BYLINE.test(s)) labels.set(k, { part: 'byline' });
          else
            labels.set(k, {
              furniture: 'navigation',
              reason: 'site masthead or navigation above a repeated headline',
            });
        }
        break;
      }
    }
  }

  // A title or byline the metadata gives marks its line; with a title given, no other line is
  // guessed to be the title (a byline or a site name would be).
  const givenTitle = given.title ? norm(given.title) : '';
  if (givenTitle && titleIndex < 0)
    for (let i = 0; i < Math.min(total, 8); i++) {
      const l = norm((lines[i] as Line).text);
      if (!labels.has(i) && (l === givenTitle || (givenTitle.length >= 15 && isRepeatOf(l, givenTitle)))) {
        titleIndex = i;
        break;
      }
    }
  const givenByline = given.byline ? norm(given.byline) : '';
  if (givenByline.length >= 3)
    for (let i = 0; i < Math.min(total, 12); i++) {
      const l = norm((lines[i] as Line).text);
      if (labels.has(i) || i === titleIndex || l.length > 160 || !l.includes(givenByline)) continue;
      labels.set(i, { part: 'byline' });
      break;
    }

  // Byline, date line and lead label near the top.
  for (let i = 0; i < Math.min(total, 12); i++) {
    if (labels.has(i)) continue;
    const s = (lines[i] as Line).text;
    if (BYLINE.test(s) && s.length < 120) labels.set(i, { part: 'byline' });
    else if (DATE_LINE.test(s)) labels.set(i, { part: 'dateline' });
    else if (LEAD_LABEL.test(s)) labels.set(i, { part: 'lead' });
  }

  // Title: the first heading-like line that is not furniture or a byline.
  if (titleIndex < 0 && !givenTitle) {
    for (let i = 0; i < Math.min(total, 8); i++) {
      const l = labels.get(i);
      if (l) {
        if ('part' in l && l.part === 'lead') break;
        continue;
      }
      const s = (lines[i] as Line).text;
      if (isHeadingLike(s) && s.length >= 10) titleIndex = i;
      break;
    }
  }
  if (titleIndex >= 0) {
    labels.set(titleIndex, { part: 'title' });
    const title = (lines[titleIndex] as Line).text;
    for (let j = titleIndex + 1; j < total; j++) {
      if (!labels.has(j) && isRepeatOf((lines[j] as Line).text, title))
        labels.set(j, {
          furniture: 'repeated-headline',
          reason: `repeats the headline on line ${(lines[titleIndex] as Line).index + 1}`,
        });
    }
  }

  // References list: a "References:" heading and the entries below it.
  for (let i = 0; i < total; i++) {
    if (labels.has(i) || !REFERENCES_HEADING.test((lines[i] as Line).text) || i < total * 0.5) continue;
    labels.set(i, { part: 'references' });
    for (let j = i + 1; j < total && !labels.has(j); j++) labels.set(j, { part: 'references-entry' });
    break;
  }

  // An author bio in the last lines ("X is an analyst and columnist.").
  for (let i = total - 1; i >= Math.max(0, total - 4); i--) {
    const l = labels.get(i);
    if (l && 'furniture' in l) continue;
    if (!l && AUTHOR_BIO.test((lines[i] as Line).text) && (lines[i] as Line).text.length < 300)
      labels.set(i, {
        furniture: 'author-bio',
        reason: 'a one-line note about the author after the article',
      });
    break;
  }

  // A reporter's sign-off in the last lines.
  for (let i = total - 1; i >= Math.max(0, total - 3); i--) {
    if (labels.has(i)) continue;
    const line = (lines[i] as Line).text;
    if (SIGN_OFF.test(line) && line.length < 200)
      labels.set(i, { furniture: 'sign-off', reason: "a reporter's sign-off after the article" });
  }

  // A Q&A transcript: three or more lines open with a speaker label, questions and answers
  // alternating ("Q:"/"A:", or the interviewer's and the interviewee's names).
  const qa = qaLabels(lines, labels);

  // Remaining lines: headings (short, no sentence end, followed by text) or body paragraphs.
  for (let i = 0; i < total; i++) {
    if (labels.has(i)) continue;
    const s = (lines[i] as Line).text;
    const next = lines[i + 1];
    const heading = isHeadingLike(s) && next !== undefined && wordCount(s) <= 14 && !/[,;]$/.test(s);
    labels.set(i, { part: heading ? 'heading' : 'body' });
  }

  const part = (line: Line, kind: StructureKind): StructurePart => ({
    ...textSpanOf(text, lineStarts, line.trimStart, line.trimEnd),
    kind,
  });
  const qaPart = (line: Line, found: { kind: 'question' | 'answer'; label: string }): StructurePart => ({
    ...part(line, found.kind),
    label: found.label,
  });
  let title: StructurePart | null = null;
  let byline: StructurePart | null = null;
  let dateline: StructurePart | null = null;
  let lead: StructurePart | null = null;
  const headings: StructurePart[] = [];
  const body: StructurePart[] = [];
  const references: StructurePart[] = [];
  const furniture: Furniture[] = [];
  lines.forEach((line, i) => {
    const l = labels.get(i) as Label;
    if ('furniture' in l) {
      furniture.push({
        ...textSpanOf(text, lineStarts, line.trimStart, line.trimEnd),
        kind: l.furniture,
        reason: l.reason,
      });
      return;
    }
    switch (l.part) {
      case 'title':
        title ??= part(line, 'title');
        break;
      case 'byline':
        if (byline === null) byline = part(line, 'byline');
        else body.push(part(line, 'body'));
        break;
      case 'dateline':
        if (dateline === null) dateline = part(line, 'dateline');
        else body.push(part(line, 'body'));
        break;
      case 'lead':
        lead ??= part(line, 'lead');
        break;
      case 'heading':
        headings.push(part(line, 'heading'));
        break;
      case 'references':
      case 'references-entry':
        references.push(part(line, 'references'));
        break;
      default: {
        const found = qa.get(i);
        body.push(found ? qaPart(line, found) : part(line, 'body'));
      }
    }
  });
  // Without a labelled lead, the first body paragraph of some length is the lead.
  if (lead === null) {
    // A transcript's line is a turn of the transcript, never the lead.
    const first = body.findIndex((p) => p.kind === 'body' && p.text.length >= 80);
    if (first >= 0) {
      const p = body[first] as StructurePart;
      lead = { ...p, kind: 'lead' };
      body.splice(first, 1);
    }
  }
  return { title, byline, dateline, lead, headings, body, references, furniture };
}

/**
 * Offsets [start, end) of the text that is excluded from scoring: furniture, byline, date line
 * and the references list (the outlet's prose is what framing scores measure).
 */
export function unscoredRanges(structure: ArticleStructure): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  for (const f of structure.furniture) ranges.push([f.start, f.end]);
  for (const p of [structure.byline, structure.dateline]) if (p) ranges.push([p.start, p.end]);
  for (const r of structure.references) ranges.push([r.start, r.end]);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * The lines of a Q&A transcript and who speaks each: three or more body lines that open with a
 * speaker label, of at most three labels. "Q"/"Question" and "A"/"Answer" say which is which;
 * with names, the label of the first labelled line is the interviewer's (questions), the other
 * the interviewee's (answers). An unlabelled line after a question is an answer (the
 * interviewee's label being the commonest answer label), after an answer it continues it.
 */
function qaLabels(
  lines: readonly Line[],
  labels: ReadonlyMap<number, Label>,
): Map<number, { kind: 'question' | 'answer'; label: string }> {
  const found = new Map<number, string>();
  lines.forEach((line, i) => {
    if (labels.has(i)) return;
    const m = QA_LABEL.exec(line.text);
    // A label is Q/A or a name: "Related:", "Update:", "Photograph:" are words of the language.
    const label = m?.[1];
    if (label && (QUESTION_LABEL.test(label) || ANSWER_LABEL.test(label) || isNameLabel(label)))
      found.set(i, label);
  });
  const out = new Map<number, { kind: 'question' | 'answer'; label: string }>();
  const names = [...new Set(found.values())];
  if (found.size < 3 || names.length > 3) return out;
  const first = found.values().next().value as string;
  const isQuestion = (label: string) => {
    if (QUESTION_LABEL.test(label)) return true;
    if (ANSWER_LABEL.test(label)) return false;
    // Names: the one who speaks first asks.
    return label === first;
  };
  // Both kinds must be there: a list of "Name: statement" lines is no interview.
  if (!names.some(isQuestion) || names.every(isQuestion)) return out;
  // Questions and answers alternate: at least question, answer, question (or the reverse).
  let turns = 0;
  let previous: boolean | null = null;
  for (const label of found.values()) {
    const q = isQuestion(label);
    if (previous !== null && q !== previous) turns++;
    previous = q;
  }
  if (turns < 2) return out;
  // An interviewer asks: at least half of the question lines hold a question mark ("AFL: ...",
  // "NRL: ..." items of a live blog alternate too, but ask nothing).
  const questionLines = [...found].filter(([, label]) => isQuestion(label));
  if (questionLines.filter(([i]) => (lines[i] as Line).text.includes('?')).length * 2 < questionLines.length)
    return out;
  // The interviewee's label, for answers written without one after a question.
  const answerCounts = new Map<string, number>();
  for (const label of found.values())
    if (!isQuestion(label)) answerCounts.set(label, (answerCounts.get(label) ?? 0) + 1);
  const answerLabel = [...answerCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'A';
  let last: { kind: 'question' | 'answer'; label: string } | null = null;
  lines.forEach((_, i) => {
    if (labels.has(i)) return;
    const label = found.get(i);
    if (label) last = { kind: isQuestion(label) ? 'question' : 'answer', label };
    else if (last?.kind === 'question') last = { kind: 'answer', label: answerLabel };
    if (last) out.set(i, last);
  });
  return out;
}

/** A speaker label that is a name: no word of it is a word of the language model ("Lavrov", "RT"). */
function isNameLabel(label: string): boolean {
  return label.split(/\s+/).every((w) => /^\p{Lu}{2,6}$/u.test(w) || !isModelWord(w.toLowerCase()));
}

/** Words of a cookie or consent notice. */
const CONSENT =
  /\b(cookies?|consent|privacy (policy|settings|notice|centre|center)|accept all|reject all|manage (preferences|settings|options|cookies)|our partners|we and our (partners|vendors)|personal data|gdpr|legitimate interest|your choices|opt[- ]out|tracking technologies)\b/gi;

/**
 * Why a text is not an article but a cookie or consent page (a scraper that met a consent wall),
 * or null. Such a page names cookies and consent several times in few words.
 */
export function notAnArticleReason(text: string): string | null {
  const words = text.split(/\s+/).filter(Boolean).length;
  const found = new Set<string>();
  let hits = 0;
  for (const m of text.matchAll(CONSENT)) {
    found.add((m[0] as string).toLowerCase());
    hits++;
  }
  const cookies = [...found].some((f) => f.startsWith('cookie'));
  if (cookies && found.size >= 3 && (words < 400 || hits / words >= 0.02))
    return `a cookie or consent page, not an article (${hits} consent phrases in ${words} words: ${[...found].sort().slice(0, 4).join(', ')})`;
  return null;
}
