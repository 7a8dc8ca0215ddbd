import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvPacks, parseLiwcDic, parseQuantedaYaml } from './import.ts';
import { parsePack } from './parse.ts';
import { type Pack, isMatchedKind } from './types.ts';

/** The repository's `lexicons/` folder, found from this file so it works from any working directory. */
export const BUILTIN_LEXICON_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons');

/**
 * Built-in packs are named `lexicons/<file>` in outputs, wherever the package is installed, so that
 * the same input gives the same bytes on every machine.
 */
export function displayPackPath(file: string): string {
  return file.startsWith(`${BUILTIN_LEXICON_DIR}/`)
    ? `lexicons/${file.slice(BUILTIN_LEXICON_DIR.length + 1)}`
    : file;
}

const PACK_EXTENSIONS = new Set(['.yaml', '.yml', '.dic', '.csv']);

/**
 * Reads one file by its extension: `.dic` LIWC, `.csv` the spreadsheet form, `.yaml`/`.yml` a
 * framescope pack when it has a top-level `pack:` key, else a quanteda dictionary.
 */
export function readPackFile(path: string): Pack[] {
  const text = readFileSync(path, 'utf8');
  const ext = extname(path).toLowerCase();
  if (ext === '.dic') return [parseLiwcDic(text, path)];
  if (ext === '.csv') return parseCsvPacks(text, path);
  if (/^pack\s*:/m.test(text)) return [parsePack(text, path)];
  return [parseQuantedaYaml(text, path)];
}

function packFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => PACK_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads packs from files and folders (a folder gives its pack files, not its subfolders, sorted by
 * name), in the order given. Throws only when a path does not exist; bad content becomes issues.
 */
export function loadPacks(paths: readonly string[]): Pack[] {
  return packFilesOf(paths).flatMap(readPackFile);
}

/**
 * The files `loadPacks` reads for these paths, in its order. Throws when a path does not exist.
 */
export function packFilesOf(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new Error(`no lexicon file or folder at ${path}`);
    }
    files.push(...(isDir ? packFilesIn(path) : [path]));
  }
  return files;
}

/** The files of the built-in packs (`lexicons/*.yaml`, sorted by file name). */
export function builtinPackFiles(dir: string = BUILTIN_LEXICON_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** The built-in framing and choices packs (`lexicons/*.yaml`, sorted by file name). */
export function loadBuiltinPacks(dir: string = BUILTIN_LEXICON_DIR): Pack[] {
  return builtinPackFiles(dir)
    .map((f) => parsePack(readFileSync(f, 'utf8'), f))
    .filter((p) => isMatchedKind(p.kind));
}
