import type { Node } from "web-tree-sitter";
import { OffsetMapBuilder, type OffsetMap } from "../text/offset-map.js";
import type { Range } from "../text/range.js";
import type { Escaper } from "./snippet.js";

// A Nix string literal's value as Nix computes it (escapes, `''` indentation stripping, CRs),
// with a map from each value offset back to the literal's source, and the escaper that writes
// a value back as source of the same literal kind.

/** A run of a string literal's source, in the parent snippet's offsets. */
type Piece =
  | { readonly kind: "text"; readonly start: number; readonly end: number }
  | { readonly kind: "escape"; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: "interp"; readonly start: number; readonly end: number };

/** The value of a `"..."` or `''...''` literal: its text, map to `text` offsets, `${...}` ranges, and its escaper. */
export function nixStringValue(node: Node, text: string): { text: string; map: OffsetMap; opaque: Range[]; escape: Escaper } {
  const indented = node.type === "indented_string_expression";
  const raw = stringPieces(node, text, indented);
  return { ...assemble(indented ? stripIndentation(raw, text) : raw, text), escape: indented ? escapeIndented : escapeQuoted };
}

function stringPieces(node: Node, text: string, indented: boolean): Piece[] {
  const pieces: Piece[] = [];
  const pushText = (start: number, end: number): void => {
    const prev = pieces[pieces.length - 1];
    if (prev?.kind === "text" && prev.end === start) pieces[pieces.length - 1] = { kind: "text", start: prev.start, end };
    else if (start < end) pieces.push({ kind: "text", start, end });
  };
  // Nix reads a raw CR or CRLF in a `"..."` literal as LF, but keeps it in a `''...''` one.
  const pushQuotedText = (start: number, end: number): void => {
    let from = start;
    for (let i = start; i < end; i++) {
      if (text[i] !== "\r") continue;
      pushText(from, i);
      from = i + 1 < end && text[i + 1] === "\n" ? i + 2 : i + 1;
      pieces.push({ kind: "escape", value: "\n", start: i, end: from });
      i = from - 1;
    }
    pushText(from, end);
  };
  let taken = node.startIndex;
  for (const child of node.namedChildren) {
    const start = Math.max(child.startIndex, taken);
    if (child.type === "string_fragment") {
      (indented ? pushText : pushQuotedText)(start, child.endIndex);
    } else if (child.type === "escape_sequence") {
      pieces.push({ kind: "escape", value: unescape(child.text, indented), start, end: child.endIndex });
    } else if (child.type === "dollar_escape") {
      // `''$` and `\$`: the grammar leaves the `$` to the next fragment; the escape owns it.
      taken = child.endIndex + 1;
      pieces.push({ kind: "escape", value: "$", start: child.startIndex, end: taken });
    } else if (child.type === "interpolation") {
      pieces.push({ kind: "interp", start: child.startIndex, end: child.endIndex });
    }
  }
  return pieces;
}

function unescape(source: string, indented: boolean): string {
  if (indented && source === "'''") return "''";
  const char = source.slice(indented ? 3 : 1);
  return char === "n" ? "\n" : char === "r" ? "\r" : char === "t" ? "\t" : char;
}

/**
 * Nix's indentation rule (stripIndentation in libexpr/parser.y), kept step for step because its
 * corners are observable: only spaces indent (a tab is content), lines with only spaces do not
 * count, an escape or interpolation counts as content, yet an escaped newline (`''\n`) starts a
 * line for the stripping pass, and a last line of only spaces is dropped.
 */
function stripIndentation(pieces: Piece[], text: string): Piece[] {
  const body = dropOpeningLine(pieces, text);
  const indent = minimumIndent(body, text);
  let atLineStart = true;
  let dropped = 0;
  const keep = (char: string): boolean => {
    if (!atLineStart) {
      if (char === "\n") atLineStart = true;
      return true;
    }
    if (char === " ") return dropped++ >= indent;
    if (char === "\n") dropped = 0;
    else {
      atLineStart = false;
      dropped = 0;
    }
    return true;
  };
  const kept = body.map((piece): Piece[] => {
    if (piece.kind === "interp") {
      atLineStart = false;
      dropped = 0;
      return [piece];
    }
    if (piece.kind === "escape") {
      let value = "";
      for (const char of piece.value) if (keep(char)) value += char;
      return [{ ...piece, value }];
    }
    const runs: Piece[] = [];
    let runStart = -1;
    for (let i = piece.start; i < piece.end; i++) {
      if (keep(text[i]!)) {
        if (runStart < 0) runStart = i;
      } else if (runStart >= 0) {
        runs.push({ kind: "text", start: runStart, end: i });
        runStart = -1;
      }
    }
    if (runStart >= 0) runs.push({ kind: "text", start: runStart, end: piece.end });
    return runs;
  });
  const last = body[body.length - 1];
  if (last && last.kind !== "interp") kept[kept.length - 1] = dropBlankLastLine(kept[kept.length - 1]!, text);
  return kept.flat().filter((p) => p.kind !== "escape" || p.value !== "");
}

/** The opening `''` swallows the rest of its line when that is only spaces. */
function dropOpeningLine(pieces: Piece[], text: string): Piece[] {
  const first = pieces[0];
  if (first?.kind !== "text") return pieces;
  let i = first.start;
  while (i < first.end && text[i] === " ") i++;
  if (i >= first.end || text[i] !== "\n") return pieces;
  const rest = pieces.slice(1);
  return i + 1 < first.end ? [{ kind: "text", start: i + 1, end: first.end }, ...rest] : rest;
}

function minimumIndent(pieces: Piece[], text: string): number {
  let atLineStart = true;
  let current = 0;
  let min = Infinity;
  for (const piece of pieces) {
    if (piece.kind !== "text") {
      if (atLineStart) min = Math.min(min, current);
      atLineStart = false;
      continue;
    }
    for (let i = piece.start; i < piece.end; i++) {
      const char = text[i];
      if (!atLineStart) {
        if (char === "\n") [atLineStart, current] = [true, 0];
      } else if (char === " ") current++;
      else if (char === "\n") current = 0;
      else {
        atLineStart = false;
        min = Math.min(min, current);
      }
    }
  }
  return min;
}

/** Nix drops the last line of the literal's last part when, after stripping, it is only spaces. */
function dropBlankLastLine(pieces: Piece[], text: string): Piece[] {
  const value = pieces.map((p) => (p.kind === "text" ? text.slice(p.start, p.end) : p.kind === "escape" ? p.value : ""));
  const joined = value.join("");
  const newline = joined.lastIndexOf("\n");
  if (newline < 0 || joined.slice(newline + 1).replaceAll(" ", "") !== "") return pieces;
  let budget = newline + 1;
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (budget === 0) break;
    const length = value[out.length]!.length;
    if (length <= budget) out.push(piece);
    else if (piece.kind === "text") out.push({ ...piece, end: piece.start + budget });
    else if (piece.kind === "escape") out.push({ ...piece, value: piece.value.slice(0, budget) });
    budget -= Math.min(length, budget);
  }
  return out;
}

/** Snippet text and map: literal text verbatim, escapes opaque, `${...}` as `__nix_interp_N__`. */
function assemble(pieces: Piece[], text: string): { text: string; map: OffsetMap; opaque: Range[] } {
  const builder = new OffsetMapBuilder();
  const opaque: Range[] = [];
  for (const piece of pieces) {
    if (piece.kind === "text") builder.verbatim(text.slice(piece.start, piece.end), piece.start);
    else if (piece.kind === "escape") builder.opaque(piece.value, piece.start, piece.end);
    else {
      const word = `__nix_interp_${opaque.length}__`;
      opaque.push({ start: builder.snippetLength, end: builder.snippetLength + word.length });
      builder.opaque(word, piece.start, piece.end);
    }
  }
  return { ...builder.build(), opaque };
}

/**
 * Literal text -> `''...''` source. A newline is refused: the line's indentation is unknown. The
 * edges are escaped where they could fuse with the host text beside the edit: a trailing `'`
 * (`'` + `''` would close the string) or `$` (`$` + `{`), a leading `{` (`$` + `{`). A leading
 * `'` after a host `'` has no escape that survives, so it is left to the engine's re-parse.
 */
const escapeIndented: Escaper = (literal) => {
  if (literal.includes("\n") || literal.includes("\r")) return null;
  let out = "";
  for (let i = 0; i < literal.length; i++) {
    const char = literal[i]!;
    const next = literal[i + 1];
    if (char === "'" && next === "'") {
      out += "'''";
      i++;
    } else if (char === "$" && next === "{") {
      out += "''${";
      i++;
    } else if (char === "'" && i === literal.length - 1) out += "''\\'";
    else if (char === "$" && i === literal.length - 1) out += "''$";
    else if (char === "{" && i === 0) out += "''\\{";
    else out += char;
  }
  return out;
};

/** Literal text -> `"..."` source; edges as in escapeIndented. */
const escapeQuoted: Escaper = (literal) => {
  let out = "";
  for (let i = 0; i < literal.length; i++) {
    const char = literal[i]!;
    const next = literal[i + 1];
    if (char === "\\" || char === '"') out += "\\" + char;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "$" && (next === "{" || next === undefined)) out += "\\$";
    else if (char === "{" && i === 0) out += "\\{";
    else out += char;
  }
  return out;
};
