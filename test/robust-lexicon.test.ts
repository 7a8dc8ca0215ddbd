import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { main } from '../src/cli/main.ts';
import { repoRoot } from './helpers/shared.ts';

/**
 * Issue 8: a lexicon file with bad syntax, an unknown field, an empty pattern or a pattern that
 * could run away is reported with its file and line, the pack is left out, and the run goes on.
 */
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'lexicons', name);
const io = () => ({ stdout: () => {}, stderr: () => {}, stderrIsTTY: false });

for (const [file, code] of [
  ['bad-syntax.yaml', 'lexicon/bad-syntax'],
  ['unknown-field.yaml', 'lexicon/unknown-field'],
  ['empty-pattern.yaml', 'lexicon/empty-pattern'],
  ['unsafe-regex.yaml', 'lexicon/unsafe-regex'],
] as const) {
  test(`analyze --lexicon ${file}: reported as ${code} with its line, the run goes on`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'framescope-badlex-'));
    // Text that would make the catastrophic pattern (a+)+b backtrack for ages, were it ever run.
    writeFileSync(
      join(dir, 'a.txt'),
      `A widget story.\n\nThe widget said ${'a'.repeat(40)}c loudly. It works.`,
    );
    const out = join(dir, 'out');
    // No timed assertion (machines are shared): a runaway regex would hit ava's timeout instead.
    const exit = await main(
      ['analyze', join(dir, 'a.txt'), '--lexicon', fixture(file), '--out', out, '--quiet'],
      io(),
    );
    t.is(exit, 1, 'a lexicon error is a data problem');
    const issues = Papa.parse<Record<string, string>>(readFileSync(join(out, 'issues.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const found = issues.find((i) => i['code'] === code);
    t.truthy(found, `${code} listed: ${issues.map((i) => i['code']).join(', ')}`);
    t.is(issues.filter((i) => i['code'] === code).length, 1, 'the problem is listed once');
    // Named as every input is, relative to the working directory it lies in (issue 16, case 22).
    t.is(found?.['file'], relative(process.cwd(), fixture(file)).split(sep).join('/'));
    t.regex(found?.['line'] ?? '', /^\d+$/);
    t.true((found?.['hint'] ?? '').length > 0);
    const articles = readFileSync(join(out, 'articles.csv'), 'utf8');
    t.regex(articles, /a\.txt,analysed/);
    // The broken pack is left out: none of its entries produced a hit.
    t.notRegex(readFileSync(join(out, 'matches.csv'), 'utf8'), /tech\.gadget/);
  });
}
