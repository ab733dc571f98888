import type { OffsetMapBuilder } from "../../text/offset-map.js";
import { range, type Offset, type Range } from "../../text/range.js";

// Placeholders in docs (`<member>`, `{name}`, `...`, `path/to/x`, `FILE`): made parseable and recorded,
// so that rules can tell an example's slot from a real word.

/** `<member>`, `<file>.dat`: never a redirection. */
const ANGLE_PLACEHOLDER = /<[A-Za-z][A-Za-z0-9_.-]*>/g;
/** `{name}`, but not `${name}` and not a brace range `{a..z}` */
const BRACE_PLACEHOLDER = /(?<!\$)\{[A-Za-z_][A-Za-z0-9_.-]*\}/g;
const ELLIPSIS = /\.{3,}|…/g;
/** In prose, `uv run X.py`, `pip install NAME`, `-r FILE`: an all-caps word is a metavariable. */
export const METAVARIABLE = /(?<![^\s"'=])[A-Z][A-Z0-9_]*(?:\.[a-z0-9]+)?(?=$|[\s"';|&)])/g;
const EXAMPLE_PATH = /(?<![^\s"'=(])path\/to\/[^\s"';|&()<>]*/g;

/**
 * Copies host text into the snippet. With `placeholders` (shell-like snippets), `<word>` becomes
 * `_word_` (same length) so it parses as a word, and every placeholder's range is recorded.
 */
export function appendText(builder: OffsetMapBuilder, text: string, hostStart: Offset, placeholders: Range[] | null): void {
  if (!placeholders) {
    builder.verbatim(text, hostStart);
    return;
  }
  const base = builder.snippetLength;
  let copied = 0;
  // Each pattern is run only on text that holds its first character: most text holds none.
  if (text.includes("<")) {
    ANGLE_PLACEHOLDER.lastIndex = 0;
    for (let match; (match = ANGLE_PLACEHOLDER.exec(text)) !== null; ) {
      const at = match.index;
      if (text[at - 1] === "<") continue; // `<<EOF>file` is a heredoc
      builder.verbatim(text.slice(copied, at), hostStart + copied);
      builder.substituted(`_${match[0].slice(1, -1)}_`, hostStart + at);
      placeholders.push(range(base + at, base + at + match[0].length));
      copied = at + match[0].length;
    }
  }
  builder.verbatim(text.slice(copied), hostStart + copied);
  if (text.includes("{")) recordMatches(BRACE_PLACEHOLDER, text, base, placeholders, (m) => !m.includes(".."));
  if (text.includes("..") || text.includes("…")) recordMatches(ELLIPSIS, text, base, placeholders);
  if (text.includes("path/to/")) recordMatches(EXAMPLE_PATH, text, base, placeholders);
}

/** Every match of a global pattern (none is empty) as a range from `base`. */
export function recordMatches(pattern: RegExp, text: string, base: Offset, out: Range[], keep: (match: string) => boolean = () => true): void {
  pattern.lastIndex = 0;
  for (let m; (m = pattern.exec(text)) !== null; ) {
    if (keep(m[0])) out.push(range(base + m.index, base + m.index + m[0].length));
  }
}
