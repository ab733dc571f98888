import { parseTree, type ParseError } from "jsonc-parser";
import { OffsetMapBuilder, type OffsetMap } from "../text/offset-map.js";
import { physicalLines, type Line } from "../text/lines.js";
import { jsonEscaper, jsonStringSource } from "./package-json.js";
import { childSnippet, noNewlineEscaper, type Escaper, type Snippet } from "./snippet.js";

/** One physical line's share of an instruction; `escapeAt` is set when the line continues. */
interface Part {
  readonly start: number;
  readonly end: number;
  readonly escapeAt?: number;
  readonly lf: number;
}

interface Heredoc {
  readonly word: string;
  readonly stripTabs: boolean;
}

type Piece = { text: string; map: OffsetMap; escape: Escaper };

/**
 * Shell from `RUN` instructions: shell form (continuations kept as backslash-newline, comment
 * lines inside them dropped as Docker does), heredoc scripts, and `["sh", "-c", "..."]`.
 */
export function dockerfileSnippets(parent: Snippet): Snippet[] {
  if (parent.language !== "dockerfile") return [];
  const text = parent.text;
  const lines = physicalLines(text);
  const lineText = (i: number) => text.slice(lines[i]!.start, lines[i]!.end);
  const escape = escapeDirective(lines.map((_, i) => lineText(i)));
  const snippets: Snippet[] = [];
  let posixShell = true;
  for (let i = 0; i < lines.length; ) {
    if (isCommentOrBlank(lineText(i))) {
      i++;
      continue;
    }
    const { parts, next } = instruction(text, lines, i, escape);
    i = next;
    const head = /^\s*(ONBUILD\s+)?(\w+)\s*/i.exec(text.slice(parts[0]!.start, parts[0]!.end));
    if (!head) continue;
    const keyword = head[2]!.toUpperCase();
    const args = skipFlags(text, [{ ...parts[0]!, start: parts[0]!.start + head[0].length }, ...parts.slice(1)]);
    if (keyword === "FROM") posixShell = true;
    if (keyword === "SHELL") posixShell = isPosixShell(execForm(text, args)?.args[0]?.value ?? "sh");
    if (keyword !== "RUN" || args.length === 0) continue;
    const exec = execForm(text, args);
    let piece: Piece | null;
    if (exec) {
      piece = shellCommandString(exec);
    } else {
      const heredocs = findHeredocs(args.map((p) => text.slice(p.start, p.end)).join(" "));
      const bodies = heredocBodies(lines, lineText, i, heredocs);
      i = bodies.next;
      piece = !posixShell
        ? null
        : heredocs.length === 1 && /^<<-?\s*["']?\w+["']?\s*$/.test(text.slice(args[0]!.start, args[0]!.end)) && args.length === 1
          ? heredocScript(text, lines, bodies.ranges[0]!, heredocs[0]!.stripTabs)
          : shellForm(text, lines, args, escape, bodies.ranges);
    }
    if (!piece || piece.text.trim() === "") continue;
    snippets.push(
      childSnippet(parent, {
        ...piece,
        language: "shell",
        origin: parent.origin === "markdown:dockerfile" ? "markdown:dockerfile" : "dockerfile:shell",
        cwd: null,
      }),
    );
  }
  return snippets;
}


/** `# escape=`` ` directive: only in the comment lines at the very top of the file. */
function escapeDirective(lineTexts: string[]): string {
  let escape = "\\";
  for (const s of lineTexts) {
    const m = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(s);
    if (!m) break;
    if (m[1]!.toLowerCase() === "escape" && (m[2] === "`" || m[2] === "\\")) escape = m[2];
  }
  return escape;
}

function isCommentOrBlank(s: string): boolean {
  return s.trim() === "" || s.trimStart().startsWith("#");
}

function instruction(text: string, lines: readonly Line[], first: number, escape: string): { parts: Part[]; next: number } {
  const parts: Part[] = [];
  let k = first;
  while (k < lines.length) {
    const line = lines[k]!;
    const trimmed = text.slice(line.start, line.end).replace(/[ \t]+$/, "");
    if (!trimmed.endsWith(escape) || k + 1 >= lines.length) {
      parts.push({ start: line.start, end: line.end, lf: line.lf });
      return { parts, next: k + 1 };
    }
    const escapeAt = line.start + trimmed.length - 1;
    parts.push({ start: line.start, end: escapeAt, escapeAt, lf: line.lf });
    k++;
    while (k < lines.length && isCommentOrBlank(text.slice(lines[k]!.start, lines[k]!.end))) k++;
  }
  return { parts, next: k };
}

/** Drops `--mount=...`, `--network=...` and the like before the command. */
function skipFlags(text: string, parts: Part[]): Part[] {
  const out = [...parts];
  while (out.length > 0) {
    const part = out[0]!;
    let at = part.start;
    while (at < part.end && /[ \t]/.test(text[at]!)) at++;
    if (at < part.end && text.startsWith("--", at)) {
      while (at < part.end && !/[ \t]/.test(text[at]!)) at++;
      out[0] = { ...part, start: at };
    } else if (at >= part.end) {
      out.shift();
    } else {
      out[0] = { ...part, start: at };
      return out;
    }
  }
  return out;
}

interface ExecForm {
  /** the instruction's arguments without continuations, mapped to the Dockerfile text */
  readonly logical: { readonly text: string; readonly map: OffsetMap };
  readonly args: readonly { readonly value: string; readonly offset: number; readonly length: number }[];
}

/** The JSON array of an exec-form instruction; null for shell form. */
function execForm(text: string, parts: Part[]): ExecForm | null {
  if (parts.length === 0 || text[parts[0]!.start] !== "[") return null;
  const b = new OffsetMapBuilder();
  for (const p of parts) b.verbatim(text.slice(p.start, p.end), p.start);
  const logical = b.build();
  const errors: ParseError[] = [];
  const tree = parseTree(logical.text, errors);
  // Docker runs an instruction whose JSON does not parse in shell form.
  if (errors.length > 0 || tree?.type !== "array") return null;
  const nodes = tree.children ?? [];
  if (nodes.some((n) => n.type !== "string")) return null;
  return { logical, args: nodes.map((n) => ({ value: String(n.value), offset: n.offset, length: n.length })) };
}

/** `["sh", "-c", "..."]` (also `bash -euxc`, `-o pipefail -c`): the `-c` string. */
function shellCommandString(exec: ExecForm): Piece | null {
  const args = exec.args;
  if (!isPosixShell(args[0]?.value ?? "")) return null;
  const flag = args.findIndex((a, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(a.value));
  const script = flag === -1 ? undefined : args[flag + 1];
  if (!script) return null;
  const { text, map } = jsonStringSource(exec.logical.text, script.offset, script.offset + script.length);
  return { text, map: map.compose(exec.logical.map), escape: jsonEscaper };
}

function findHeredocs(s: string): Heredoc[] {
  const out: Heredoc[] = [];
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === "\\") {
      i++;
    } else if (s.startsWith("<<<", i)) {
      i += 2;
    } else if (s.startsWith("<<", i)) {
      const m = /^<<(-?)\s*(["']?)(\w[\w.-]*)\2/.exec(s.slice(i));
      if (m) out.push({ word: m[3]!, stripTabs: m[1] === "-" });
      i += m ? m[0].length - 1 : 1;
    }
  }
  return out;
}

/** Each heredoc's body lines [first, terminator); bodies follow the instruction in order. */
function heredocBodies(
  lines: readonly Line[],
  lineText: (i: number) => string,
  from: number,
  heredocs: Heredoc[],
): { ranges: [number, number][]; next: number } {
  const ranges: [number, number][] = [];
  let k = from;
  for (const h of heredocs) {
    let end = k;
    while (end < lines.length && (h.stripTabs ? lineText(end).replace(/^\t+/, "") : lineText(end)) !== h.word) end++;
    ranges.push([k, end]);
    k = Math.min(end + 1, lines.length);
  }
  return { ranges, next: k };
}

/** `RUN <<EOF` alone: the body is the script (skipped when its shebang names another interpreter). */
function heredocScript(text: string, lines: readonly Line[], [first, end]: [number, number], stripTabs: boolean): Piece | null {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text.slice(lines[first]?.start ?? 0, lines[first]?.end ?? 0));
  if (shebang && !isPosixShell(shebang[1]!.endsWith("/env") ? (shebang[2] ?? "") : shebang[1]!)) return null;
  const b = new OffsetMapBuilder();
  for (let k = first; k < end; k++) {
    const line = lines[k]!;
    let start = line.start;
    while (stripTabs && text[start] === "\t") start++;
    b.verbatim(text.slice(start, line.end), start);
    if (k + 1 < end) b.verbatim("\n", line.lf);
  }
  return { ...b.build(), escape: noNewlineEscaper };
}

/** Continuations become backslash-newline (the escape char substituted when it is a backtick). */
function shellForm(text: string, lines: readonly Line[], parts: Part[], escape: string, bodies: [number, number][]): Piece {
  const b = new OffsetMapBuilder();
  for (const p of parts) {
    b.verbatim(text.slice(p.start, p.end), p.start);
    if (p.escapeAt === undefined) continue;
    if (escape === "\\") b.verbatim("\\", p.escapeAt);
    else b.substituted("\\", p.escapeAt);
    if (p.lf !== -1) b.verbatim("\n", p.lf);
  }
  // Heredoc bodies follow verbatim, terminator lines included, so the shell reads them as heredocs.
  let lf = parts[parts.length - 1]!.lf;
  for (const [first, end] of bodies) {
    for (let k = first; k <= Math.min(end, lines.length - 1); k++) {
      if (lf !== -1) b.verbatim("\n", lf);
      b.verbatim(text.slice(lines[k]!.start, lines[k]!.end), lines[k]!.start);
      lf = lines[k]!.lf;
    }
  }
  return { ...b.build(), escape: noNewlineEscaper };
}

function isPosixShell(program: string): boolean {
  return ["sh", "bash", "dash", "ash"].includes(program.slice(program.lastIndexOf("/") + 1));
}
