import { createHash } from 'node:crypto';
import type { RunOverview } from './runData.ts';

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

/** Serialises with sorted keys, so the manifest's bytes depend on its content only. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** An output file as the manifest lists it. */
export interface OutputFileInfo {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The manifest's list of output files, from files held in memory. */
export function outputFileInfos(outputs: ReadonlyMap<string, string | Uint8Array>): OutputFileInfo[] {
  return [...outputs].map(([name, content]) => ({
    file: name,
    sha256: sha256(content),
    bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
  }));
}

/**
 * `manifest.json`: what a reader needs to regenerate a run months later: tool and Node versions,
 * the run's options, every input article with the hash and size of its text, and every output
 * file with its hash. Only `started_at` and `ended_at` change between identical runs.
 */
export function buildManifest(
  run: RunOverview,
  outputs: readonly OutputFileInfo[],
  times: { readonly startedAt: Date; readonly endedAt: Date },
  extra: Readonly<Record<string, unknown>> = {},
): string {
  return stableJson({
    tool: 'framescope',
    tool_version: run.toolVersion,
    node_version: process.version,
    options: run.settings,
    lexicon_packs: run.packs.map((p) => ({
      pack: p.pack,
      version: p.version,
      file: p.file,
      sha256: p.sha256,
    })),
    inputs: run.records.map((r) => ({
      id: r.id,
      file: r.file,
      ...(r.line === undefined ? {} : { line: r.line }),
      text_sha256: r.textSha256,
      text_chars: r.textChars,
    })),
    skipped: run.skipped.map((s) => ({ id: s.id, file: s.file, code: s.code })),
    outputs: outputs.map((o) => ({ file: o.file, sha256: o.sha256, bytes: o.bytes })),
    started_at: times.startedAt.toISOString(),
    ended_at: times.endedAt.toISOString(),
    ...extra,
  });
}
