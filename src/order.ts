/**
 * Text order for every sorted output: by UTF-16 code unit, the same on every machine. localeCompare
 * and Intl.Collator follow the machine's locale, which would make the same input sort differently
 * on two computers.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
