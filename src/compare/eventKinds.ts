import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The event-kinds pack (`lexicons/event-kinds.yaml`, `kind: facts`): alternative descriptions of
 * an exchange between leaders. The framing engine skips packs of kind `facts`; the comparison reads
 * this one to say how each article describes the event. `parseEventKinds` is pure; `loadEventKinds`
 * is the one loader that touches the disk.
 */

export interface EventKindEntry {
  readonly id: string;
  /** e.g. `event-kind.remote.video`: the channel, so a report can say whether two descriptions differ in kind. */
  readonly category: string;
  /** Each pattern as lower-case words (hyphens split like spaces). */
  readonly patterns: readonly (readonly string[])[];
  readonly pos: string | null;
  /** A description that names no channel ("talks"): never reported as an alternative. */
  readonly generic: boolean;
}

export interface EventKindLexicon {
  readonly pack: string;
  readonly entries: readonly EventKindEntry[];
}

export function parseEventKinds(yamlText: string, file = 'event-kinds.yaml'): EventKindLexicon {
  const doc = parse(yamlText) as { pack?: unknown; kind?: unknown; entries?: unknown };
  if (doc === null || typeof doc !== 'object' || !Array.isArray(doc.entries))
    throw new Error(`${file}: expected a pack with an entries list, found ${typeof doc}`);
  if (doc.kind !== 'facts') throw new Error(`${file}: expected kind: facts, found ${String(doc.kind)}`);
  const entries = (doc.entries as Record<string, unknown>[]).map((e, i) => {
    if (typeof e.id !== 'string' || typeof e.category !== 'string' || !Array.isArray(e.patterns))
      throw new Error(`${file}: entry ${i + 1} needs id, category and patterns`);
    return {
      id: e.id,
      category: e.category,
      patterns: (e.patterns as unknown[]).map((p) =>
        String(p)
          .toLowerCase()
          .split(/[\s\-–—]+/)
          .filter(Boolean),
      ),
      pos: typeof e.pos === 'string' ? e.pos : null,
      generic: e.generic === true,
    };
  });
  return { pack: String(doc.pack ?? 'event-kinds'), entries };
}

export function loadEventKinds(path: string): EventKindLexicon {
  return parseEventKinds(readFileSync(path, 'utf8'), path);
}
