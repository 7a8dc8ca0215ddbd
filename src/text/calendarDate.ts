/**
 * Calendar dates written in a text, as ISO dates (YYYY-MM-DD). Only a day of a month of a year is
 * a calendar date: "1968", "next year" or "eight weeks ago" are not. A date without a year
 * ("Feb. 4") or a relative one ("Monday", "yesterday") is resolved against a reference date (the
 * publication date) when one is known, else it is no date.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Forms tried in order; the first match in the text wins. */
const DATE = new RegExp(
  [
    '\\b(\\d{4})-(\\d{2})-(\\d{2})\\b',
    `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
    `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`,
    '\\b(yesterday|today|tomorrow)\\b',
    `\\b(?:on\\s+|last\\s+)?(${WEEKDAYS.join('|')})\\b`,
  ].join('|'),
  'i',
);

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const monthOf = (word: string) => MONTHS.indexOf(word.toLowerCase().slice(0, 3)) + 1;

/**
 * A reference date from a value a corpus gives ("2026-02-04", "February 4, 2026",
 * "2020-08-21 07:20", "8/21/20" read as month/day/year): the calendar date, else null.
 */
export function parseGivenDate(value: string): Date | null {
  const text = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(text);
  if (us) {
    const y = Number(us[3]) < 100 ? 2000 + Number(us[3]) : Number(us[3]);
    return valid(y, Number(us[1]), Number(us[2]))
      ? new Date(Date.UTC(y, Number(us[1]) - 1, Number(us[2])))
      : null;
  }
  const found = calendarDateIn(text, null);
  return found ? new Date(`${found}T00:00:00Z`) : null;
}

/** The first calendar date of `text` as YYYY-MM-DD, resolving partial and relative dates against `reference`. */
export function calendarDateIn(text: string, reference: Date | null): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ref = reference
    ? { y: reference.getUTCFullYear(), m: reference.getUTCMonth() + 1, d: reference.getUTCDate() }
    : null;
  let y: number | null;
  let mo: number;
  let d: number;
  if (m[1]) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else if (m[4]) {
    mo = monthOf(m[4]);
    d = Number(m[5]);
    y = m[6] ? Number(m[6]) : null;
  } else if (m[8]) {
    mo = monthOf(m[8]);
    d = Number(m[7]);
    y = m[9] ? Number(m[9]) : null;
  } else if (reference && (m[10] || m[11])) {
    const shift = m[10]
      ? { yesterday: -1, today: 0, tomorrow: 1 }[m[10].toLowerCase() as 'today']
      : // The last such weekday on or before the reference ("said on Monday" in a Wednesday paper).
        -((reference.getUTCDay() - WEEKDAYS.indexOf((m[11] as string).toLowerCase()) + 7) % 7);
    const t = new Date(reference.getTime() + shift * 86_400_000);
    return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  } else return null;
  if (y === null) {
    if (!ref) return null;
    // A month after the reference month is last year's ("Dec. 30" in a January paper).
    y = mo > ref.m + 1 ? ref.y - 1 : ref.y;
  }
  return valid(y, mo, d) ? iso(y, mo, d) : null;
}
