import { parseAllDocuments, type Document, type Scalar } from "yaml";
import { OffsetMap, OffsetMapBuilder } from "../text/offset-map.js";
import type { ParseProblem } from "./problem.js";

export function parseYaml(text: string): { docs: Document.Parsed[]; problems: ParseProblem[] } {
  const docs = [...parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false })];
  const problems = docs.flatMap((doc) =>
    doc.errors.map((e) => ({ message: e.message, range: { start: e.pos[0], end: e.pos[1] } })),
  );
  return { docs, problems };
}

export type ScalarStyle = "plain" | "single-quoted" | "double-quoted" | "literal" | "folded";

/** A string scalar's value with the map that takes its offsets back to the YAML text. */
export interface ScalarSource {
  readonly text: string;
  readonly map: OffsetMap;
  readonly style: ScalarStyle;
}

/**
 * Decodes a string scalar from its source (folding, escapes, indentation) piece by piece. The
 * result is checked against the value the `yaml` package computed; when they differ (a case this
 * decoder does not model), the value is returned as one opaque run over the whole scalar.
 */
export function scalarSource(node: Scalar, text: string): ScalarSource | null {
  const token = node.srcToken;
  if (typeof node.value !== "string" || !node.range || !token) return null;
  const [start, end] = node.range;
  const b = new OffsetMapBuilder();
  let style: ScalarStyle;
  if (token.type === "block-scalar") {
    const headerToken = token.props.find((p) => p.type === "block-scalar-header");
    const header = headerToken && "source" in headerToken ? headerToken.source : "|";
    style = header.startsWith(">") ? "folded" : "literal";
    const bodyStart = end - token.source.length;
    if (text.slice(bodyStart, end) === token.source) blockScalar(b, text, bodyStart, end, header, token.indent);
  } else if (token.type === "scalar") {
    style = "plain";
    flowScalar(b, text, start, end, "plain");
  } else if (token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar") {
    const quoted = token.type === "single-quoted-scalar" ? "single-quoted" : "double-quoted";
    style = quoted;
    flowScalar(b, text, start + 1, end - 1, quoted);
  } else {
    return null;
  }
  const built = b.build();
  if (built.text === node.value) return { ...built, style };
  const fallback = new OffsetMapBuilder().opaque(node.value, start, end).build();
  return { ...fallback, style };
}

interface Line {
  readonly start: number;
  /** end of the content, before `\r\n` or `\n` */
  readonly end: number;
  /** offset of the `\n` that ends the line, or -1 at the end of the text */
  readonly lf: number;
}

function splitLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let at = start;
  while (at < end) {
    const lf = text.indexOf("\n", at);
    if (lf === -1 || lf >= end) {
      lines.push({ start: at, end, lf: -1 });
      break;
    }
    lines.push({ start: at, end: lf > at && text[lf - 1] === "\r" ? lf - 1 : lf, lf });
    at = lf + 1;
  }
  return lines;
}

function lineBreak(b: OffsetMapBuilder, line: Line, hostEnd: number): void {
  if (line.lf === -1) b.opaque("\n", hostEnd, hostEnd);
  else b.verbatim("\n", line.lf);
}

/** YAML 1.2 §8.1: literal `|` and folded `>` block scalars, with chomping and indentation. */
function blockScalar(
  b: OffsetMapBuilder,
  text: string,
  start: number,
  end: number,
  header: string,
  parentIndent: number,
): void {
  const folded = header.startsWith(">");
  const chomp = header.includes("-") ? "strip" : header.includes("+") ? "keep" : "clip";
  const lines = splitLines(text, start, end);
  const explicit = /[1-9]/.exec(header);
  const firstContent = lines.find((l) => text.slice(l.start, l.end).trim() !== "");
  const indent = explicit
    ? parentIndent + Number(explicit[0])
    : firstContent
      ? text.slice(firstContent.start, firstContent.end).search(/[^ ]/)
      : 0;
  const isContent = (l: Line) => l.end - l.start > indent || text.slice(l.start, l.end).trim() !== "";
  const spaced = (l: Line) => /[ \t]/.test(text[l.start + indent] ?? "");
  let lastContent = -1;
  lines.forEach((l, i) => {
    if (isContent(l)) lastContent = i;
  });
  let prev: Line | undefined;
  let pendingEmpty: Line[] = [];
  for (let i = 0; i <= lastContent; i++) {
    const line = lines[i]!;
    if (!isContent(line)) {
      pendingEmpty.push(line);
      continue;
    }
    if (prev) {
      const fold = folded && !spaced(prev) && !spaced(line);
      if (fold && pendingEmpty.length === 0) {
        if (prev.end === prev.lf) b.substituted(" ", prev.end);
        else b.opaque(" ", prev.end, prev.lf + 1);
      } else if (!fold) {
        lineBreak(b, prev, end);
      }
    }
    for (const empty of pendingEmpty) lineBreak(b, empty, end);
    pendingEmpty = [];
    b.verbatim(text.slice(line.start + indent, line.end), line.start + indent);
    prev = line;
  }
  if (!prev || chomp === "strip") return;
  lineBreak(b, prev, end);
  if (chomp === "keep") for (const l of lines.slice(lastContent + 1)) lineBreak(b, l, end);
}

const ESCAPES: Record<string, string> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r",
  e: "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\u0085", _: "\u00a0",
  L: "\u2028", P: "\u2029",
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * YAML 1.2 §7.3 and §6.5: plain and quoted flow scalars. Whitespace around a line break is
 * trimmed; one break folds to a space, n+1 breaks to n newlines; `\`-escapes (double) and `''`
 * (single) become opaque runs.
 */
function flowScalar(
  b: OffsetMapBuilder,
  text: string,
  start: number,
  end: number,
  style: "plain" | "single-quoted" | "double-quoted",
): void {
  let pending = -1; // start of unflushed spaces/tabs, dropped if a line break follows
  const flush = (at: number) => {
    if (pending !== -1) b.verbatim(text.slice(pending, at), pending);
    pending = -1;
  };
  /** Skips blank lines and indentation after a break; emits one newline per blank line. */
  const skipBreaks = (from: number): number => {
    let i = from;
    for (;;) {
      while (i < end && (text[i] === " " || text[i] === "\t")) i++;
      const lf = text[i] === "\r" && text[i + 1] === "\n" ? i + 1 : i;
      if (lf >= end || text[lf] !== "\n") return i;
      b.verbatim("\n", lf);
      i = lf + 1;
    }
  };
  let i = start;
  while (i < end) {
    const c = text[i]!;
    const crlf = c === "\r" && text[i + 1] === "\n";
    if (c === "\n" || crlf) {
      pending = -1;
      const breakEnd = i + (crlf ? 2 : 1);
      // The first break folds to a space only when no blank line follows it.
      if (!blankLineAt(text, breakEnd, end)) {
        if (crlf) b.opaque(" ", i, breakEnd);
        else b.substituted(" ", i);
      }
      i = skipBreaks(breakEnd);
      continue;
    }
    if (c === " " || c === "\t") {
      if (pending === -1) pending = i;
      i++;
      continue;
    }
    flush(i);
    if (style === "double-quoted" && c === "\\") {
      const e = text[i + 1] ?? "";
      const escapedCrlf = e === "\r" && text[i + 2] === "\n";
      if (e === "\n" || escapedCrlf) {
        i = skipBreaks(i + (escapedCrlf ? 3 : 2));
        continue;
      }
      const digits = HEX_ESCAPES[e];
      if (digits !== undefined) {
        const code = parseInt(text.slice(i + 2, i + 2 + digits), 16);
        b.opaque(code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "", i, i + 2 + digits);
        i += 2 + digits;
      } else {
        b.opaque(ESCAPES[e] ?? e, i, i + 2);
        i += 2;
      }
      continue;
    }
    if (style === "single-quoted" && c === "'" && text[i + 1] === "'") {
      b.opaque("'", i, i + 2);
      i += 2;
      continue;
    }
    b.verbatim(c, i);
    i++;
  }
  flush(end);
}

function blankLineAt(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && (text[i] === " " || text[i] === "\t")) i++;
  return i < end && (text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n"));
}
