import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { CorpusItem } from './items.ts';
import { isArticleFile } from './readers.ts';
import { readTextFile } from './textFile.ts';

/** Files that describe a corpus folder rather than belong to it. */
const DOCUMENTATION = /^(readme|license|licence|changelog|contributing|notice|source)(\.[a-z]+)?$/i;

/**
 * Every file below `root`, recursively, in a stable (sorted) order, and the folders that could not
 * be listed (permissions, vanished) with the reason: those are reported, and the run goes on.
 */
async function listFiles(root: string): Promise<{ files: string[]; unreadable: [string, string][] }> {
  const out: string[] = [];
  const unreadable: [string, string][] = [];
  const walk = async (dir: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (dir === root) throw e;
      unreadable.push([dir, (e as Error).message]);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(p);
    }
  };
  await walk(root);
  return { files: out, unreadable };
}

/**
 * Reads a folder of .txt, .md and .html files recursively. An article's id is its path relative
 * to the folder (with forward slashes), which is also what a metadata sidecar joins on. Other
 * files are listed as not read, never dropped silently.
 */
export async function* readFolder(
  root: string,
  maxBytes: number,
  ignore: ReadonlySet<string>,
): AsyncGenerator<CorpusItem> {
  const { files, unreadable } = await listFiles(root);
  for (const [path, reason] of unreadable)
    yield {
      kind: 'issue',
      issue: {
        severity: 'error',
        code: 'input/unreadable',
        message: `the folder could not be read, so none of its files were: ${reason}`,
        file: path,
        hint: 'check that the folder exists and that you may read it',
      },
    };
  for (const path of files) {
    const id = relative(root, path).split(sep).join('/');
    if (ignore.has(resolve(path))) continue;
    if (DOCUMENTATION.test(basename(path))) {
      yield {
        kind: 'issue',
        issue: {
          severity: 'info',
          code: 'input/documentation-file',
          message: 'not read: a README, LICENSE or similar file describes the corpus and is not an article',
          file: path,
          hint: 'rename the file if it is an article',
        },
      };
      continue;
    }
    if (!isArticleFile(path)) {
      yield {
        kind: 'issue',
        issue: {
          severity: 'info',
          code: 'input/not-an-article-file',
          message: 'not read: only .txt, .md and .html files in a folder are articles',
          file: path,
          hint: 'a CSV or JSONL corpus is read when given as the input itself',
        },
      };
      continue;
    }
    yield* await readTextFile(path, id, maxBytes);
  }
}
