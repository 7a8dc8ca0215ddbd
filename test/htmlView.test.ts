import test from 'ava';
import fc from 'fast-check';
import { articleHtml, escapeHtml } from '../src/report/htmlView.ts';
import { lineStartsOf, textSpanOf } from '../src/text/positions.ts';
import type { ArticleResult, Attribution, Furniture, Match, Quotation, Voice } from '../src/types.ts';

const TEXT = [
  'Home | News <script>alert("x")</script>',
  'Minister Ana Vell said the "historic deal is not a stabilising force" today.',
  'Critics call it a bold & reckless bet.',
].join('\n');

function span(text: string, start: number, end: number) {
  return textSpanOf(text, lineStartsOf(text), start, end);
}
function at(text: string, phrase: string, from = 0) {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`fixture: "${phrase}" not in text`);
  return span(text, start, start + phrase.length);
}
function hit(
  text: string,
  s: { start: number; end: number },
  category: string,
  voice: Voice,
  negated = false,
): Match {
  return {
    ...span(text, s.start, s.end),
    pack: 'test-pack',
    entryId: `e-${s.start}`,
    category,
    pattern: 'p',
    weight: 1,
    sentence: 0,
    firstToken: 0,
    endToken: 1,
    voice,
    negated,
  };
}
function result(
  text: string,
  parts: {
    matches?: Match[];
    quotations?: Quotation[];
    attributions?: Attribution[];
    furniture?: Furniture[];
  },
): ArticleResult {
  return {
    article: { id: 'a<1>', text, metadata: { outlet: 'O&O' }, source: { file: 'a.txt', format: 'txt' } },
    structure: {
      title: null,
      byline: null,
      dateline: null,
      lead: null,
      headings: [],
      body: [],
      references: [],
      furniture: parts.furniture ?? [],
    },
    tokenCount: 0,
    wordCount: 0,
    sentenceCount: 0,
    dateFound: null,
    quotations: parts.quotations ?? [],
    matches: parts.matches ?? [],
    attributions: parts.attributions ?? [],
    choices: [],
    figures: {},
    issues: [],
  };
}

/** The marked-up article text, and a check that its tags nest. */
function articleBody(html: string): { text: string; nested: boolean } {
  const body = html.slice(
    html.indexOf('<div class="text">') + '<div class="text">'.length,
    html.indexOf('</div>\n', html.indexOf('<div class="text">')),
  );
  const stack: string[] = [];
  let nested = true;
  for (const m of body.matchAll(/<(\/?)(mark|span|del)\b[^>]*>/g)) {
    if (m[1] === '') stack.push(m[2]!);
    else if (stack.pop() !== m[2]) nested = false;
  }
  if (stack.length) nested = false;
  const text = body
    .replace(/<span class="kind">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return { text, nested };
}

function fixture(): ArticleResult {
  const quote = at(TEXT, '"historic deal is not a stabilising force"');
  const content = span(TEXT, quote.start + 1, quote.end - 1);
  return result(TEXT, {
    furniture: [
      { ...at(TEXT, 'Home | News <script>alert("x")</script>'), kind: 'navigation', reason: 'menu <line>' },
    ],
    quotations: [{ ...quote, content, mark: 'double', closed: true, depth: 0 }],
    attributions: [
      {
        index: 0,
        kind: 'direct',
        cue: { ...at(TEXT, 'said'), lemma: 'say', loaded: false },
        source: at(TEXT, 'Minister Ana Vell'),
        speaker: 'Ana Vell',
        resolution: 'named',
        sourceType: 'official',
        stateLabelDisclosed: null,
        content,
        sentence: 1,
      },
    ],
    matches: [
      hit(TEXT, at(TEXT, 'historic'), 'evaluative.booster', 'quoted'),
      // Overlaps the next hit: the markup must still nest.
      hit(TEXT, at(TEXT, 'stabilising force'), 'state-media.prc.slogan', 'quoted', true),
      hit(TEXT, at(TEXT, 'force" today'), 'other.test', 'attributed'),
      hit(TEXT, at(TEXT, 'reckless'), 'loaded.negative', 'authorial'),
    ],
  });
}

test('a <script> in the article stays inert text, and so do metadata and reasons', (t) => {
  const html = articleHtml(fixture());
  t.false(html.includes('<script'), 'no script element');
  t.true(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  t.true(html.includes('O&amp;O'));
  t.true(html.includes('a&lt;1&gt;'));
  t.true(html.includes('menu &lt;line&gt;'));
  t.notRegex(
    html,
    /\bsrc=|href="(?!#)|<link|@import|url\(/,
    'nothing fetched: no src, external link or url()',
  );
  t.regex(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
});

test('overlapping hits, quotation, attribution and furniture nest, and the text reads back whole', (t) => {
  const { text, nested } = articleBody(articleHtml(fixture()));
  t.true(nested);
  t.is(text, TEXT);
});

test('each hit says its entry, category, voice and negation; voices differ in class', (t) => {
  const html = articleHtml(fixture());
  t.regex(
    html,
    /class="hit c\d v-quoted neg" title="test-pack\/e-\d+ \| state-media\.prc\.slogan \| voice: quoted \| negated: yes/,
  );
  t.regex(html, /class="hit c\d v-attributed" title="[^"]*other\.test \| voice: attributed \| negated: no/);
  t.regex(html, /<mark id="hit-4" class="hit c\d v-authorial"[^>]*>reckless<\/mark>/);
  t.regex(html, /\.v-quoted \{ text-decoration-style: dotted; text-decoration-color: #0047b3; \}/);
  t.regex(html, /\.v-attributed \{ text-decoration-style: dashed; text-decoration-color: #b34700; \}/);
  // The hit split by the overlap keeps its id on its first piece only.
  t.is(html.match(/id="hit-2"/g)?.length, 1);
  // Legend: each top category once, with its hit count.
  t.regex(html, /state-media \(1 hit\)/);
});

test('furniture is struck out with its kind; quotations, content, source and cue are marked', (t) => {
  const html = articleHtml(fixture());
  t.regex(
    html,
    /<del class="furniture" title="furniture \(navigation\): menu &lt;line&gt;"><span class="kind">navigation<\/span>Home/,
  );
  t.regex(html, /<span class="quote" title="quotation">&quot;/);
  t.regex(
    html,
    /<span class="source" title="source of attribution 1: direct, official, Ana Vell \(named\)">Minister Ana Vell<\/span>/,
  );
  t.regex(html, /<span class="cue" title="cue &quot;say&quot; of attribution 1[^"]*">said<\/span>/);
  t.regex(html, /<span class="content"[^>]*>historic|<span class="content"[^>]*><mark[^>]*>historic/);
});

test('any set of spans over any text gives nested markup that reads back as the text', (t) => {
  const voices: Voice[] = ['authorial', 'quoted', 'attributed'];
  fc.assert(
    fc.property(
      fc.string({ maxLength: 60 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 2 }), fc.boolean()), { maxLength: 12 }),
      (text, raw) => {
        const spans = raw.map(([a, b, v, q]) => {
          const s = Math.min(a, b) % (text.length + 1);
          const e = Math.min(text.length, s + (Math.max(a, b) % 9));
          return { s, e, v, q };
        });
        const r = result(text, {
          matches: spans
            .filter((x) => !x.q)
            .map((x) => hit(text, { start: x.s, end: x.e }, 'c.d', voices[x.v]!)),
          quotations: spans
            .filter((x) => x.q)
            .map((x) => ({
              ...span(text, x.s, x.e),
              content: span(text, x.s, x.e),
              mark: 'double' as const,
              closed: true,
              depth: 0,
            })),
          furniture: spans
            .slice(0, 2)
            .map((x) => ({ ...span(text, x.s, x.e), kind: 'other' as const, reason: 'r' })),
        });
        const body = articleBody(articleHtml(r));
        return body.nested && body.text === text;
      },
    ),
  );
  t.pass();
});

test('escapeHtml escapes the five characters that matter', (t) => {
  t.is(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
