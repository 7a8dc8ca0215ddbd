/**
 * Control characters that no output file should carry: C0 but tab, line feed and carriage return
 * (NUL, bell, escape, form feed...), DEL, and C1 (U+0080-U+009F, which some terminals and
 * spreadsheets read as commands). Text from a corpus may hold any of them.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** `text` without control characters (tab and line ends kept); most text has none and is returned as it is. */
export function withoutControls(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS, '') : text;
}
