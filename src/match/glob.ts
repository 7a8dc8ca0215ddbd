/**
 * Whether `text` matches `glob` (`*` any run of characters, `?` one character), whole. Greedy
 * with one backtrack point (the last `*`): at most len(text) x len(glob) steps, never the
 * exponential or high-degree polynomial time a backtracking regex takes on `a*a*a*...b`.
 */
export function globMatches(glob: string, text: string): boolean {
  // `?` is one character, not one UTF-16 unit: compare code points when the glob has one.
  const byCodePoint = glob.includes('?');
  const p: string | string[] = byCodePoint ? Array.from(glob) : glob;
  const s: string | string[] = byCodePoint ? Array.from(text) : text;
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (i < s.length) {
    if (j < p.length && (p[j] === '?' || p[j] === s[i])) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = j++;
      resume = i;
    } else if (star >= 0) {
      // Let the last star take one more character and try the rest again.
      j = star + 1;
      i = ++resume;
    } else return false;
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}
