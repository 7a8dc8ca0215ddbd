import type { Issue } from '../types.ts';
import { compileLexicon } from './compile.ts';
import { lexiconIssue, sortIssues } from './issues.ts';
import { type Pack, isMatchedKind } from './types.ts';

/**
 * Every problem of a set of packs: what reading found, plus duplicate pack and entry ids,
 * patterns that cannot compile, duplicate patterns within a pack, and entries that can never win
 * under the default overlap policy because earlier entries have all their patterns.
 */
export function checkPacks(packs: readonly Pack[]): Issue[] {
  const issues: Issue[] = packs.flatMap((p) => p.issues);

  const packIds = new Map<string, Pack>();
  for (const pack of packs) {
    if (!pack.pack) continue;
    const earlier = packIds.get(pack.pack);
    if (earlier)
      issues.push(
        lexiconIssue(
          'error',
          'lexicon/duplicate-pack',
          pack.file,
          1,
          `pack id \`${pack.pack}\` is also used by ${earlier.file}`,
          'give each pack its own id',
        ),
      );
    else packIds.set(pack.pack, pack);
    const entryIds = new Map<string, number>();
    for (const entry of pack.entries) {
      if (!entry.id) continue;
      const line = entryIds.get(entry.id);
      if (line !== undefined)
        issues.push(
          lexiconIssue(
            'error',
            'lexicon/duplicate-id',
            pack.file,
            entry.line,
            `entry id \`${entry.id}\` is already used at line ${line}`,
            'give each entry of a pack its own id, or merge the two entries',
          ),
        );
      else entryIds.set(entry.id, entry.line);
    }
  }

  const compiled = compileLexicon(packs, { includeSources: true });
  issues.push(...compiled.issues);

  // Duplicates within a pack: the same compared forms twice.
  const seenInPack = new Map<string, { line: number; entry: string; text: string; order: number }>();
  // Shadowing within a group (packs of one kind are matched together): first entry with a key wins.
  const firstOwner = new Map<string, number>();
  const patternsByEntry = new Map<number, (typeof compiled.patterns)[number][]>();
  for (const p of compiled.patterns) {
    const list = patternsByEntry.get(p.entry.order);
    if (list) list.push(p);
    else patternsByEntry.set(p.entry.order, [p]);
  }
  for (const ce of compiled.entries) {
    const list = patternsByEntry.get(ce.order) ?? [];
    let shadowedBy: string | null = null;
    let allShadowed = list.length > 0;
    for (const p of list) {
      const packKey = `${ce.pack.file}\u0000${ce.pack.pack}\u0000${p.key}`;
      const dup = seenInPack.get(packKey);
      if (dup && (dup.order === ce.order || isMatchedKind(ce.kind))) {
        // Twice in one entry is only redundant; in two entries of a framing pack one of them never wins.
        const sameEntry = dup.order === ce.order;
        const multiCategoryDictionary = ce.pack.format === 'liwc' || ce.pack.format === 'quanteda';
        issues.push(
          lexiconIssue(
            sameEntry || multiCategoryDictionary ? 'warning' : 'error',
            'lexicon/duplicate-pattern',
            ce.pack.file,
            p.line,
            `entry \`${ce.entry.id}\`: pattern \`${p.text}\` matches the same words as \`${dup.text}\` (line ${dup.line}${sameEntry ? '' : `, entry \`${dup.entry}\``})`,
            sameEntry
              ? 'remove one of them: spelling, hyphen and apostrophe variants are matched by one pattern'
              : multiCategoryDictionary
                ? 'a word in several categories of a dictionary is counted in all of them only with the `all` overlap policy'
                : 'keep the pattern in one entry only, so that its hits have one category',
          ),
        );
      } else if (!dup)
        seenInPack.set(packKey, { line: p.line, entry: ce.entry.id, text: p.text, order: ce.order });
      const groupKey = `${ce.kind}\u0000${p.key}`;
      const owner = firstOwner.get(groupKey);
      if (owner === undefined || owner === ce.order) {
        firstOwner.set(groupKey, ce.order);
        allShadowed = false;
      } else {
        const o = compiled.entries[owner];
        shadowedBy ??= o ? `\`${o.entry.id}\` (${o.pack.file}:${o.entry.line})` : 'an earlier entry';
      }
    }
    if (allShadowed && isMatchedKind(ce.kind))
      issues.push(
        lexiconIssue(
          'warning',
          'lexicon/shadowed-entry',
          ce.pack.file,
          ce.entry.line,
          `entry \`${ce.entry.id}\` never wins: every pattern of it belongs to an earlier entry, e.g. ${shadowedBy}`,
          'remove the entry, or give it the longer phrases that make it different',
        ),
      );
  }
  return sortIssues(issues);
}
