import type { Diagnostic } from "../engine/diagnostic.js";
import { displayPath, escapeControl } from "../text/escape.js";
import type { SourceFile } from "../text/source-file.js";
import { counts, isFixable, type RunResult } from "./result.js";
import { fixNotes, problemCount } from "./summary.js";

export interface Style {
  readonly color: boolean;
}

const paint = (on: boolean, code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Human output: file, then each finding with line:col, severity, message, rule, and a code frame. */
export function formatStylish(result: RunResult, style: Style): string {
  const red = paint(style.color, "31");
  const yellow = paint(style.color, "33");
  const dim = paint(style.color, "2");
  const bold = paint(style.color, "1");
  const underline = paint(style.color, "4");
  const out: string[] = [];
  let current: string | undefined;
  for (const d of result.diagnostics) {
    const source = result.sources.get(d.file);
    if (d.file !== current) {
      if (current !== undefined) out.push("");
      out.push(underline(displayPath(result.display?.(d.file) ?? d.file)));
      current = d.file;
    }
    const pos = source ? source.positionAt(d.range.start) : { line: 1, column: 1 };
    const sev = d.severity === "error" ? red("error") : yellow("warning");
    const fixable = isFixable(d, result.unsafeFixes) ? dim(" [fixable]") : "";
    out.push(`  ${pos.line}:${pos.column}  ${sev}  ${escapeControl(d.message)}  ${dim(d.rule)}${fixable}`);
    if (source) out.push(...codeFrame(source, d, dim, d.severity === "error" ? red : yellow));
    for (const r of d.related ?? []) out.push(`    ${dim("↳")} ${dim(`${displayPath(result.display?.(r.file) ?? r.file)}:${r.range.start.line}:${r.range.start.column}`)}  ${escapeControl(r.message)}`);
  }
  const c = counts(result);
  if (c.errors + c.warnings > 0) {
    out.push("");
    const mark = c.errors > 0 ? red("✖") : yellow("⚠");
    out.push(bold(`${mark} ${problemCount(result)}`));
  }
  out.push(...fixNotes(result).map((note) => `  ${note}`));
  if (result.suppressed) out.push(dim(`  ${result.suppressed} older error${result.suppressed === 1 ? "" : "s"} hidden by evio-lint-suppressions.json.`));
  return out.length > 0 ? out.join("\n") + "\n" : "";
}

/** The line with a caret underline; a long line is shown as a window around the finding. */
function codeFrame(source: SourceFile, d: Diagnostic, dim: (s: string) => string, mark: (s: string) => string): string[] {
  const start = source.positionAt(d.range.start);
  const end = source.positionAt(d.range.end);
  const full = source.lineText(start.line).replace(/\t/g, " ");
  const width = Math.max(1, (end.line === start.line ? end.column : full.length + 1) - start.column);
  const WINDOW = 160;
  const from = start.column - 1 > WINDOW - 40 ? start.column - 1 - 40 : 0;
  const head = from > 0 ? "…" : "";
  const body = full.slice(from, from + WINDOW);
  const shown = head + escapeControl(body) + (from + WINDOW < full.length ? "…" : "");
  // Control characters are shown escaped (`\x1b`), wider than they are: place the carets by the shown text.
  const at = start.column - 1 - from;
  const caretAt = head.length + escapeControl(body.slice(0, at)).length;
  const caretWidth = Math.max(1, escapeControl(body.slice(at, at + width)).length + (at + width > body.length ? 1 : 0));
  const gutter = String(start.line).length;
  return [
    dim(`    ${String(start.line).padStart(gutter)} | `) + shown,
    dim(`    ${" ".repeat(gutter)} | `) + " ".repeat(caretAt) + mark("^".repeat(caretWidth)),
  ];
}
