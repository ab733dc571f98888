import type { FileKind } from "../discover/kind.js";
import type { TextEdit } from "../text/edit.js";
import type { Range } from "../text/range.js";
import type { SourceFile } from "../text/source-file.js";
import type { Diagnostic } from "./diagnostic.js";

export type DirectiveKind = "disable-next-line" | "disable-line" | "disable" | "enable" | "disable-file";

export interface Directive {
  readonly kind: DirectiveKind;
  /** named rules; empty means every rule */
  readonly rules: readonly string[];
  /** 1-based line of the comment */
  readonly line: number;
  /** the comment, from its opener to its end */
  readonly range: Range;
  /** lines (inclusive) whose diagnostics it covers; for `disable`, up to the matching `enable` */
  readonly covers: { readonly from: number; readonly to: number };
  /** what removing the directive takes out (the whole line when the comment stands alone) */
  readonly removal: Range;
}

const DIRECTIVE = /(^|\s)(#|<!--|\/\*)\s*evio-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$|-->|\*\/)(.*)$/;

/** Comment openers each kind accepts. Markdown takes `#` too: directives inside code blocks. */
const OPENERS: Partial<Record<FileKind, readonly string[]>> = {
  markdown: ["<!--", "#"],
  nix: ["#", "/*"],
  "package-json": [],
};

/**
 * `hashLines`, for Markdown: the lines where a `#` comment is live (inside linted shell
 * snippets); a `#` line in prose or in a counter-example block is not a directive.
 */
export function findDirectives(source: SourceFile, kind: FileKind, hashLines?: (line: number) => boolean): Directive[] {
  const openers = OPENERS[kind] ?? ["#"];
  if (openers.length === 0 || !source.text.includes("evio-lint-")) return [];
  const found: Omit<Directive, "covers">[] = [];
  for (let line = 1; line <= source.lineCount; line++) {
    const text = source.lineText(line);
    const m = DIRECTIVE.exec(text);
    if (!m || !openers.includes(m[2]!)) continue;
    if (m[2] === "#" && hashLines && !hashLines(line)) continue;
    const opener = m[2]!;
    const start = source.lineStart(line) + m.index + m[1]!.length;
    let tail = m[4]!;
    let end = source.lineEnd(line);
    const closer = opener === "<!--" ? "-->" : opener === "/*" ? "*/" : undefined;
    if (closer) {
      const at = tail.indexOf(closer);
      if (at !== -1) {
        end = start + (text.slice(m.index + m[1]!.length).indexOf(closer) + closer.length);
        tail = tail.slice(0, at);
      }
    }
    const reasonAt = tail.indexOf(" -- ");
    const list = reasonAt === -1 ? tail : tail.slice(0, reasonAt);
    const rules = list.split(/[\s,]+/).filter((r) => r !== "" && r !== "--");
    const before = text.slice(0, m.index + m[1]!.length);
    const after = source.text.slice(end, source.lineEnd(line));
    const ownLine = before.trim() === "" && after.trim() === "";
    const removal = ownLine
      ? { start: source.lineStart(line), end: line < source.lineCount ? source.lineStart(line + 1) : source.lineEnd(line) }
      : { start: source.lineStart(line) + before.trimEnd().length, end };
    found.push({ kind: m[3] as DirectiveKind, rules, line, range: { start, end }, removal });
  }
  return found.map((d, i) => ({ ...d, covers: coverage(d, found.slice(i + 1), source, kind) }));
}

function coverage(d: Omit<Directive, "covers">, later: Omit<Directive, "covers">[], source: SourceFile, kind: FileKind) {
  switch (d.kind) {
    case "disable-line":
      return { from: d.line, to: d.line };
    case "disable-next-line":
      return kind === "markdown" ? markdownNext(d.line, source) : { from: d.line + 1, to: d.line + 1 };
    case "disable-file":
      return { from: 1, to: Number.MAX_SAFE_INTEGER };
    case "enable":
      return { from: d.line, to: d.line - 1 };
    case "disable": {
      const closing = later.find(
        (e) => e.kind === "enable" && (e.rules.length === 0 || d.rules.every((r) => e.rules.includes(r))),
      );
      return { from: d.line, to: closing ? closing.line : Number.MAX_SAFE_INTEGER };
    }
  }
}

/** In Markdown the "next line" is the next non-blank one, and a fenced block counts whole. */
function markdownNext(line: number, source: SourceFile): { from: number; to: number } {
  let next = line + 1;
  while (next <= source.lineCount && source.lineText(next).trim() === "") next++;
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source.lineText(next));
  if (!fence) return { from: next, to: next };
  const marker = fence[1]!;
  for (let l = next + 1; l <= source.lineCount; l++) {
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(source.lineText(l));
    if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) return { from: next, to: l };
  }
  return { from: next, to: source.lineCount };
}

export interface SuppressionResult {
  readonly kept: Diagnostic[];
  /** directives (or named rules in them) that suppressed nothing */
  readonly unused: { directive: Directive; rules: readonly string[]; fix?: TextEdit }[];
}

/**
 * Drop diagnostics that a directive covers. `isEnabled` says whether a rule runs on this file:
 * a directive for a rule that is off is not called unused, since another config may turn it on.
 */
export function applyDirectives(
  diagnostics: readonly Diagnostic[],
  directives: readonly Directive[],
  source: SourceFile,
  isEnabled: (rule: string) => boolean,
): SuppressionResult {
  const active = directives.filter((d) => d.kind !== "enable");
  const used = active.map(() => new Set<string>());
  const kept: Diagnostic[] = [];
  for (const diag of diagnostics) {
    // A file that does not parse cannot be silenced line by line: the position may be off.
    if (diag.rule === "parse-error") {
      kept.push(diag);
      continue;
    }
    const line = source.positionAt(diag.range.start).line;
    let hit = false;
    active.forEach((d, i) => {
      if (line < d.covers.from || line > d.covers.to) return;
      if (d.rules.length > 0 && !d.rules.includes(diag.rule)) return;
      used[i]!.add(diag.rule);
      hit = true;
    });
    if (!hit) kept.push(diag);
  }
  const unused: SuppressionResult["unused"] = [];
  active.forEach((d, i) => {
    const u = used[i]!;
    if (d.rules.length === 0) {
      if (u.size === 0) unused.push({ directive: d, rules: [], fix: { range: d.removal, text: "" } });
      return;
    }
    const idle = d.rules.filter((r) => !u.has(r) && isEnabled(r));
    if (idle.length === 0) return;
    const whole = idle.length === d.rules.length;
    unused.push({ directive: d, rules: idle, ...(whole ? { fix: { range: d.removal, text: "" } } : {}) });
  });
  return { kept, unused };
}
