import type { Metadata } from '../types.ts';

/**
 * A choice of articles by a metadata column: `column=value` or `column=v1,v2` (any of the values).
 * Values are compared as written after trimming, so `state=true` picks the JSONL field `"state":
 * true` (read as the string "true") and a CSV cell `true`.
 */
export interface Selector {
  readonly column: string;
  readonly values: ReadonlySet<string>;
  /** As given, for messages. */
  readonly text: string;
}

/** Parses `column=v1,v2`; throws an Error naming the option and what it found. */
export function parseSelector(option: string, text: string): Selector {
  const eq = text.indexOf('=');
  const column = eq < 0 ? '' : text.slice(0, eq).trim();
  const values =
    eq < 0
      ? []
      : text
          .slice(eq + 1)
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
  if (column === '' || values.length === 0)
    throw new Error(`${option} expects column=value or column=value1,value2, found "${text}"`);
  return { column, values: new Set(values), text };
}

export function selects(selector: Selector, metadata: Metadata): boolean {
  const v = metadata[selector.column];
  return v !== undefined && selector.values.has(v.trim());
}
