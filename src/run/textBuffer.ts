import type { ArticleFiles, RenderedArticle } from './renderArticle.ts';

/**
 * A rendered article with every text UTF-8 encoded into one buffer of its own, which a worker
 * transfers (moves) to the main thread with the fingerprints' own buffer: the main thread then
 * only writes bytes, with no string to copy across or encode. Each text becomes a view into that
 * buffer.
 */
export function encodeTexts(rendered: RenderedArticle<string>): {
  readonly rendered: RenderedArticle<Uint8Array>;
  readonly transfer: ArrayBuffer[];
} {
  const { files, stored } = rendered;
  const texts = [
    ...stored.segments,
    rendered.runData,
    files.matches,
    files.structure,
    files.attributions,
    files.scores,
    files.results,
    files.json ?? '',
    files.html ?? '',
  ];
  let total = 0;
  const sizes = texts.map((t) => {
    const n = Buffer.byteLength(t, 'utf8');
    total += n;
    return n;
  });
  // Not from Node's shared pool: this buffer is moved to another thread whole.
  const buffer = Buffer.allocUnsafeSlow(total);
  let at = 0;
  const views = texts.map((t, i) => {
    const view = new Uint8Array(buffer.buffer, buffer.byteOffset + at, sizes[i] as number);
    at += buffer.write(t, at, 'utf8');
    return view;
  });
  const parts = stored.segments.length;
  const v = (i: number) => views[parts + i] as Uint8Array;
  const encodedFiles: ArticleFiles<Uint8Array> = {
    matches: v(1),
    structure: v(2),
    attributions: v(3),
    scores: v(4),
    results: v(5),
    json: files.json === null ? null : v(6),
    html: files.html === null ? null : v(7),
  };
  return {
    rendered: {
      ...rendered,
      stored: { index: stored.index, segments: views.slice(0, parts) },
      runData: v(0),
      files: encodedFiles,
    },
    transfer: [buffer.buffer as ArrayBuffer, ...ownBuffer(rendered.fingerprints)],
  };
}

/** The buffer of a view that spans all of it, which can be moved; none for a view into a larger one. */
function ownBuffer(view: Uint8Array): ArrayBuffer[] {
  const buffer = view.buffer;
  return buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}
