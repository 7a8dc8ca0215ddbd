/** Control characters (C0 but tab and line feed, DEL, C1) and bidirectional overrides. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a corpus made safe to print on a terminal: each control character is shown as
 * `\uXXXX`, so an article cannot clear the screen, recolour it, retitle the window or reorder what
 * is printed (escape sequences start with ESC or the C1 CSI).
 */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
