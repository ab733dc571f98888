import { posix } from "node:path";
import { OffsetMapBuilder, type OffsetMap } from "../text/offset-map.js";
import type { Range } from "../text/range.js";
import type { SourceFile } from "../text/source-file.js";
import { physicalLines, type Line } from "../text/lines.js";
import { makeSnippet, type Escaper, type Snippet } from "./snippet.js";

/** One logical recipe line: physical lines first..last joined by backslash-newline. */
interface RecipeLine {
  readonly from: number;
  readonly first: number;
  readonly last: number;
}

const DEFINE = /^\s*((override|export)\s+)*define(\s|$)/;
const ENDEF = /^\s*endef(\s|$)/;
const CONDITIONAL = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)(\s|$)/;
const DIRECTIVE = /^\s*(-?include|sinclude|vpath|export|unexport|override|undefine|private|-?load)(\s|$)/;

/**
 * Recipe lines of a Makefile, found by a line lexer (GNU make's own split: rule lines, tab-led
 * recipe lines, blank/comment/conditional lines inside a recipe, `define` blocks skipped).
 */
export function makefileSnippets(host: SourceFile): Snippet[] {
  const text = host.text;
  const lines = physicalLines(text);
  const lineText = (i: number) => text.slice(lines[i]!.start, lines[i]!.end);
  const recipes: RecipeLine[][] = [];
  let current: RecipeLine[] | null = null;
  let defineDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    const s = lineText(i);
    if (defineDepth > 0) {
      if (ENDEF.test(s)) defineDepth--;
      else if (DEFINE.test(s)) defineDepth++;
      continue;
    }
    const last = continuationEnd(text, lines, i);
    if (current && s.startsWith("\t")) {
      current.push({ from: lines[i]!.start + 1, first: i, last });
      i = last;
      continue;
    }
    // make ignores these among recipe lines: the recipe goes on after them.
    if (s.trim() === "" || /^\s*#/.test(s) || CONDITIONAL.test(s)) continue;
    current = null;
    if (DEFINE.test(s)) defineDepth = 1;
    const rule = defineDepth === 0 ? ruleLine(s) : null;
    if (rule) {
      current = [];
      recipes.push(current);
      if (rule.inline !== undefined) current.push({ from: lines[i]!.start + rule.inline, first: i, last });
    }
    i = last;
  }
  const oneShell = lines.some((_, i) => /^\.ONESHELL\s*:/.test(lineText(i)));
  const groups = oneShell ? recipes : recipes.flat().map((line) => [line]);
  return groups.flatMap((group) => {
    const b = new OffsetMapBuilder();
    const opaque: Range[] = [];
    group.forEach((line, k) => {
      if (k > 0) b.verbatim("\n", lines[group[k - 1]!.last]!.lf);
      emitRecipeLine(b, text, lines, line, opaque);
    });
    const { text: snippetText, map } = b.build();
    if (snippetText.trim() === "") return [];
    return [
      makeSnippet({
        host,
        text: snippetText,
        language: "shell",
        map,
        origin: "makefile:shell",
        escape: makeEscaper,
        cwd: posix.dirname(host.path),
        opaque,
      }),
    ];
  });
}

const makeEscaper: Escaper = (t) => (/[\r\n]/.test(t) ? null : t.replace(/\$/g, "$$$$"));

function continuationEnd(text: string, lines: readonly Line[], i: number): number {
  let last = i;
  while (last + 1 < lines.length && /(^|[^\\])(\\\\)*\\$/.test(text.slice(lines[last]!.start, lines[last]!.end))) last++;
  return last;
}

/** `targets: prereqs [; recipe]`; null for assignments (`=`, `:=`, `::=`, `?=`, target-specific) and directives. */
function ruleLine(s: string): { inline?: number } | null {
  if (DIRECTIVE.test(s)) return null;
  let depth = 0;
  let colon = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "$" && (s[i + 1] === "(" || s[i + 1] === "{")) {
      depth++;
      i++;
    } else if (depth > 0) {
      if (c === ")" || c === "}") depth--;
    } else if (c === "#") {
      break;
    } else if (c === "=") {
      return null;
    } else if (c === ":" && colon === -1) {
      if (/^:{1,3}=/.test(s.slice(i))) return null;
      colon = i;
      if (s[i + 1] === ":") i++;
    } else if (c === ";" && colon !== -1) {
      return { inline: i + 1 };
    }
  }
  return colon === -1 ? null : {};
}

/**
 * Make removes the `@-+` prefixes and, on a continued line, one leading tab; it keeps the
 * backslash-newline, which the shell then joins.
 */
function emitRecipeLine(b: OffsetMapBuilder, text: string, lines: readonly Line[], line: RecipeLine, opaque: Range[]): void {
  let from = line.from;
  while (from < lines[line.first]!.end && " \t@-+".includes(text[from]!)) from++;
  for (let k = line.first; k <= line.last; k++) {
    const physical = lines[k]!;
    if (k > line.first) from = physical.start + (text[physical.start] === "\t" ? 1 : 0);
    emitMakeText(b, text, from, physical.end, opaque);
    if (k < line.last) b.verbatim("\n", physical.lf);
  }
}

/** `$$` is a `$`; `$(VAR)`, `${VAR}`, `$(shell ...)`, `$@` and friends become opaque words. */
function emitMakeText(b: OffsetMapBuilder, text: string, from: number, to: number, opaque: Range[]): void {
  let run = from;
  let i = from;
  while (i < to) {
    if (text[i] !== "$" || i + 1 >= to) {
      i++;
      continue;
    }
    b.verbatim(text.slice(run, i), run);
    const next = text[i + 1]!;
    const end = next === "(" || next === "{" ? closingParen(text, i + 1, to) : i + 2;
    if (next === "$") {
      b.opaque("$", i, end);
    } else {
      opaque.push({ start: b.snippetLength, end: b.snippetLength + end - i });
      b.opaque("_".repeat(end - i), i, end);
    }
    i = run = end;
  }
  b.verbatim(text.slice(run, to), run);
}

function closingParen(text: string, open: number, to: number): number {
  const [o, c] = text[open] === "(" ? ["(", ")"] : ["{", "}"];
  let depth = 0;
  for (let j = open; j < to; j++) {
    if (text[j] === o) depth++;
    else if (text[j] === c && --depth === 0) return j + 1;
  }
  return to;
}
