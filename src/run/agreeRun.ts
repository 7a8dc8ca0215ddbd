import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AgreementLevel, agreementMarkdown, agreementRows, agreementTable } from '../agree/agreement.ts';
import {
  CodedFileError,
  framescopeColumnFor,
  readCodedSheet,
  readFramescopeArticles,
} from '../agree/coded.ts';
import { toCsv } from '../report/csv.ts';
import type { Issue } from '../types.ts';

/** What `framescope agree` is asked: a coded sheet, a run's output folder, where to write. */
export interface AgreementPlan {
  readonly codedFile: string;
  /** The --out folder of a framescope run (its articles.csv). */
  readonly resultsDir: string;
  /** Where agreement.csv and agreement.md go. */
  readonly out: string;
  /** The articles.csv column of a category, where its name does not say it. */
  readonly map: ReadonlyMap<string, string>;
  readonly level: AgreementLevel;
}

/** An input that cannot be read: said to the user as it is, and nothing is written. */
export class AgreementInputError extends Error {}
/** A --map that names a category the coded sheet does not have: a usage problem. */
export class AgreementMapError extends Error {}

/** Writes beside the target then renames, so a reader never sees a half-written file. */
async function writeFileAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/**
 * Reads the coded sheet and the run's articles.csv, works out the agreement per category and
 * writes agreement.csv and agreement.md. Returns the problems of the data (listed in agreement.md)
 * and what was compared.
 */
export async function runAgreement(plan: AgreementPlan): Promise<{
  readonly issues: readonly Issue[];
  readonly categories: number;
  readonly articles: number;
  readonly coders: number;
}> {
  const { codedFile, resultsDir, map, level } = plan;
  const articlesFile = join(resultsDir, 'articles.csv');
  for (const [path, what] of [
    [codedFile, 'the coded sheet'],
    [articlesFile, 'articles.csv of a framescope run (is <results-dir> an --out folder?)'],
  ] as const)
    if (!existsSync(path)) throw new AgreementInputError(`${path} not found: expected ${what}`);

  let coded: ReturnType<typeof readCodedSheet>;
  let framescope: ReturnType<typeof readFramescopeArticles>;
  try {
    coded = readCodedSheet(await readFile(codedFile, 'utf8'), codedFile);
    framescope = readFramescopeArticles(await readFile(articlesFile, 'utf8'), articlesFile);
  } catch (e) {
    if (e instanceof CodedFileError) throw new AgreementInputError(e.message);
    throw e;
  }
  for (const category of map.keys())
    if (!coded.categories.includes(category))
      throw new AgreementMapError(
        `agree: --map names category "${category}", which is not a column of ${codedFile} (${coded.categories.join(', ')})`,
      );
  const columns = new Map(
    coded.categories.map((c) => [c, framescopeColumnFor(c, framescope.header, map)] as const),
  );
  const { rows, issues } = agreementRows({ coded, framescope, columns, level, framescopeFile: articlesFile });
  const allIssues = [...coded.issues, ...framescope.issues, ...issues];

  await mkdir(plan.out, { recursive: true });
  const table = agreementTable(rows);
  await writeFileAtomically(join(plan.out, 'agreement.csv'), toCsv(table.header, table.rows));
  await writeFileAtomically(
    join(plan.out, 'agreement.md'),
    agreementMarkdown(rows, allIssues, { codedFile, resultsDir, level }),
  );
  return {
    issues: allIssues,
    categories: coded.categories.length,
    articles: coded.articles.length,
    coders: coded.coders.length,
  };
}
