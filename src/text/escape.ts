/**
 * Text from a repository (file contents, file names) shown on a terminal. A pull request from a
 * stranger can hold any byte, and a terminal obeys some of them: ESC and CSI start sequences that
 * set the window title (`\e]0;...\a`), clear the screen (`\e[2J`) or move the cursor, and the
 * bidirectional overrides reorder what is shown. Every text reporter runs such text through here.
 */

/**
 * C0 controls, DEL, C1 controls (U+0080-U+009F: U+009B is a one-character CSI), line and paragraph
 * separators, and the bidirectional embedding, override and isolate marks.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Whether `s` holds a character a terminal could act on. */
export function hasControl(s: string): boolean {
  return UNSAFE_TEST.test(s);
}

/**
 * `s` with each control character written out (`\x1b`, `\x9b`, `\n`, `\u202e`), so the terminal
 * shows it instead of obeying it. `keep` lists characters to pass through (a format that encodes
 * line breaks itself keeps `\n`).
 */
export function escapeControl(s: string, keep: string = ""): string {
  if (!hasControl(s)) return s;
  return s.replace(UNSAFE, (c) => (keep.includes(c) ? c : visible(c)));
}

/**
 * A path as a reporter prints it: as it is when it is plain; in double quotes with `\`, `"` and
 * control characters escaped when it holds a newline or another control character (git's
 * `core.quotePath` style), so a name cannot forge the next line of a report.
 */
export function displayPath(p: string): string {
  if (!hasControl(p)) return p;
  return `"${p.replace(/["\\]/g, (c) => `\\${c}`).replace(UNSAFE, visible)}"`;
}
