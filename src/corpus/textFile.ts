import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Article, Metadata } from '../types.ts';
import { decodeBytes, readLimited } from './decode.ts';
import { htmlToText } from './html.ts';
import { type CorpusItem, notUtf8Item, skippedItem } from './items.ts';

/** The format of a one-article file by its extension. */
export function textFormatOf(path: string): 'txt' | 'md' | 'html' {
  const ext = extname(path).toLowerCase();
  return ext === '.html' || ext === '.htm' ? 'html' : ext === '.md' ? 'md' : 'txt';
}

/** Reads one .txt, .md or .html file as one article, or says why it was skipped. */
export async function readTextFile(
  path: string,
  id: string,
  maxBytes: number,
  format: 'txt' | 'md' | 'html' = textFormatOf(path),
): Promise<CorpusItem[]> {
  try {
    return await readReadableTextFile(path, id, maxBytes, format);
  } catch (e) {
    // A file that vanished, a dangling link or a permission problem must not end the whole run.
    const err = e as NodeJS.ErrnoException;
    return [
      skippedItem(
        id,
        path,
        'input/unreadable',
        `the file could not be read: ${err.message}`,
        'check that the file exists and that you may read it',
      ),
    ];
  }
}

async function readReadableTextFile(
  path: string,
  id: string,
  maxBytes: number,
  format: 'txt' | 'md' | 'html',
): Promise<CorpusItem[]> {
  const info = await stat(path);
  // A pipe, a FIFO or a device has no size: it is read once, up to the limit.
  if (!info.isFile()) {
    const { bytes, over } = await readLimited(createReadStream(path), maxBytes);
    if (over) return [tooLarge(id, path, `over the limit of ${maxBytes} bytes; it was read no further`)];
    return bytes.length === 0 ? [emptyFile(id, path)] : fromBytes(path, id, bytes, format);
  }
  if (info.size > maxBytes) {
    return [tooLarge(id, path, `${info.size} bytes, over the limit of ${maxBytes}`)];
  }
  if (info.size === 0) return [emptyFile(id, path)];
  return fromBytes(path, id, await readFile(path), format);
}

const tooLarge = (id: string, path: string, size: string): CorpusItem =>
  skippedItem(
    id,
    path,
    'input/too-large',
    `the file is ${size}`,
    'raise the limit with --max-bytes, or split the file',
  );

const emptyFile = (id: string, path: string): CorpusItem =>
  skippedItem(
    id,
    path,
    'input/empty-file',
    'the file is empty',
    'remove it or fill it with the article text',
  );

function fromBytes(path: string, id: string, bytes: Buffer, format: 'txt' | 'md' | 'html'): CorpusItem[] {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    return [
      skippedItem(
        id,
        path,
        decoded.code,
        decoded.reason,
        'remove the file from the corpus or convert it to text',
      ),
    ];
  }
  const items: CorpusItem[] = [];
  if (decoded.encoding === 'windows-1252') {
    items.push(
      notUtf8Item(path, {
        articleId: id,
        hint: 'check a few characters in the HTML view, or convert the file to UTF-8',
      }),
    );
  }
  const metadata: Metadata = {};
  let article: Article;
  if (format === 'html') {
    const { text, sourceMap, title, layout } = htmlToText(decoded.text);
    article = {
      id,
      text,
      metadata: title ? { html_title: title } : metadata,
      source: { file: path, format: 'html' },
      sourceMap,
      layout,
    };
  } else {
    article = {
      id,
      text: decoded.text,
      metadata,
      source: { file: path, format },
    };
  }
  if (article.text.trim() === '') {
    return [
      ...items,
      skippedItem(
        id,
        path,
        'input/no-text',
        'the file holds no readable text',
        'check that it is an article',
      ),
    ];
  }
  items.push({ kind: 'article', article });
  return items;
}
