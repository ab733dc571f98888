import type { Offset } from "../../text/range.js";

// Inline code: which spans are command lines, and which of those the prose only talks about.

/** `PIP_USER=1 pip install x`: assignments before the command word. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * A command line: two or more words, the command word (after `VAR=value` assignments; the last
 * segment of a `.venv/bin/python`) one of the catalogue's. A lone `pip` or `uv` names a tool.
 */
export function looksLikeCommand(value: string, isCommandName: (name: string) => boolean): boolean {
  const words = value.trim().split(/\s+/);
  if (words.length < 2) return false;
  let first = words.find((w) => !ASSIGNMENT.test(w));
  if (first === undefined) return false;
  if (first.includes("/bin/")) first = first.slice(first.lastIndexOf("/") + 1);
  return isCommandName(first);
}

/** Where a clause of prose ends: a sentence's end, a semicolon, a table cell's edge. */
const CLAUSE_END = /(?:[.!?;](?=\s)|\|)/g;
/** Words that, in the span's clause before it, say it is what not to do ("never run `x`", "instead of `x`"). */
const NEGATED_BEFORE = /(?<![A-Za-z0-9_])(?:not|never|don['’]t|doesn['’]t|avoid|avoiding|instead\s+of|rather\s+than|disallows?|forbids?|forbidden|bans?|banned|without|replaces?|replacing|unlike|vs\.?|versus|deprecated|no\s+more|no\s+longer)(?![A-Za-z0-9_])/iu;
/** Right before the span, a word that makes it a thing talked about ("seen as `x`", "the output of `x`"). */
const NAMED_BEFORE = /(?<![A-Za-z0-9_])(?:as|like|of)\s*$/iu;
/** What may follow a span that names the wrong way: an arrow to the right one, or a verdict on it. */
const NEGATED_AFTER = /^\s*(?:->|→|=>|⟶|(?:is|are|was|were|becomes?|bypasses|breaks|won['’]t|doesn['’]t|does\s+not|can['’]t|cannot|never)(?![A-Za-z0-9_]))/iu;
/** Words after a span that go on with the instruction ("`uv sync` first", "`x` from this directory"). */
const CONNECTIVE = /^(?:to|then|first|once|again|now|in|from|on|inside|before|after|whenever|and|or|with|at|for|if|when|instead|here|there|only|too|also|yourself|manually)$/i;
/** What may lead a clause before its first span: bullets, task boxes, emphasis, ✅, list separators. */
const CLAUSE_LEAD = /^(?:\s|§|,|\/|>|[-*+](?=\s)|\d{1,9}[.)](?=\s)|\[[ xX]\]|[*_]+|✅|✔|✓|☑|(?:and|or)(?![A-Za-z0-9_]))+/iu;

/** For the test that compares them with their `\p{L}` forms. */
export const PROSE_PATTERNS = { negatedBefore: NEGATED_BEFORE, namedBefore: NAMED_BEFORE, negatedAfter: NEGATED_AFTER, clauseLead: CLAUSE_LEAD } as const;

/**
 * An inline command line is an instruction unless its clause says it is talked about, not
 * given to run (the clause runs from the last sentence end, or table cell edge, before the span
 * within its paragraph):
 * - a negation before it ("Never run `pip install x`", "instead of `pip install x`");
 * - `as`/`like`/`of` right before it ("is seen as `x`", "a suggestion of `python -m`");
 * - an arrow or a verdict after it ("`poetry install` -> `uv sync`", "`x` bypasses uv.lock");
 * - it is the subject: it (or a list of spans) opens the clause and a verb follows
 *   ("`pip install -e .`, `--upgrade pip` and friends get a suggestion"), where an instruction
 *   is followed by nothing, punctuation or a connective ("`uv sync` first").
 */
export function mentioned(text: string, paragraphStart: Offset, start: Offset, end: Offset): boolean {
  const [clause, after] = proseAround(text, paragraphStart, start, end);
  const words = asciiWords(clause);
  if (NEGATED_BEFORE.test(words) || NAMED_BEFORE.test(words)) return true;
  if (NEGATED_AFTER.test(asciiWords(after))) return true;
  if (words.replace(CLAUSE_LEAD, "") !== "") return false;
  let rest = after;
  for (let m; (m = /^\s*(?:(?:,|\/|and|or)\s*)?§|^\s*\([^()]*\)/.exec(rest)); ) rest = rest.slice(m[0].length);
  const word = /^\s*,?\s*([\p{L}][\p{L}'’-]*)/u.exec(rest)?.[1];
  return word !== undefined && !CONNECTIVE.test(word);
}

/** The span's clause before it, and the rest of its line after it; other spans in them are `§`. */
function proseAround(text: string, paragraphStart: Offset, start: Offset, end: Offset): [clause: string, after: string] {
  const before = maskCode(text.slice(paragraphStart, start));
  let clauseStart = 0;
  CLAUSE_END.lastIndex = 0;
  for (let m; (m = CLAUSE_END.exec(before)) !== null; ) clauseStart = m.index + m[0].length;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd === -1) lineEnd = text.length;
  return [before.slice(clauseStart), maskCode(text.slice(end, lineEnd)).replace(/^[*_]+/, "")];
}

/**
 * The patterns above bound their words with `[A-Za-z0-9_]` and run on prose whose other letters
 * and digits are first made `q` (a letter no pattern spells): the same matches as bounding with
 * `[\p{L}\p{N}_]` under /iu, without the automaton V8 builds for that class under /iu (about
 * 10 ms of each run that reads a document). Under /iu, `ſ` and the Kelvin sign are `s` and `k`,
 * and U+0345 is a letter (test/unit/inline-commands.test.ts checks every code point, and the
 * patterns against their old forms).
 */
export function asciiWords(prose: string): string {
  return prose.replace(OTHER_WORD_CHARS, "q");
}

const OTHER_WORD_CHARS = /(?![\x00-\x7F\u017F\u212A])[\p{L}\p{N}\u0345]/gu;

/** Other code spans in the prose around a span stand for one word, `§`. */
function maskCode(prose: string): string {
  return prose.includes("`") ? prose.replace(/`[^`]*`/g, "§") : prose;
}
