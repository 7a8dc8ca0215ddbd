import { compareText } from '../order.ts';
import type { Issue, Severity } from '../types.ts';

/** Builds a lexicon issue; every one names its file and line and says how to fix it. */
export function lexiconIssue(
  severity: Severity,
  code: string,
  file: string,
  line: number,
  message: string,
  hint: string,
): Issue {
  return { severity, code, message, file, line, hint };
}

/** Issues in the order a reader fixes them: by file, line, then code. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

/** `file:line: code: message (fix: hint)`, the form `lexicon check` prints. */
export function formatIssue(issue: Issue): string {
  const place = issue.file ? `${issue.file}:${issue.line ?? 0}: ` : '';
  const hint = issue.hint ? ` (fix: ${issue.hint})` : '';
  return `${place}${issue.severity === 'error' ? '' : `${issue.severity}: `}${issue.code}: ${issue.message}${hint}`;
}

/** The closest of `known` to `word` within two edits, for "did you mean" hints. */
export function closest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}
