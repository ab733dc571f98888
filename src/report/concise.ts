import { displayPath, escapeControl } from "../text/escape.js";
import type { RunResult } from "./result.js";

/**
 * `path:line:col: severity rule message`, one finding a line, for grep and an editor's quickfix
 * list (Vim's `%f:%l:%c: %m`, Emacs compilation mode). No colour, no summary (that goes to stderr);
 * control characters in paths and messages are written out so a line cannot forge another.
 */
export function formatConcise(result: RunResult): string {
  let out = "";
  for (const d of result.diagnostics) {
    const pos = result.sources.get(d.file)?.positionAt(d.range.start) ?? { line: 1, column: 1 };
    const file = displayPath(result.display?.(d.file) ?? d.file);
    out += `${file}:${pos.line}:${pos.column}: ${d.severity} ${d.rule} ${escapeControl(d.message)}\n`;
  }
  return out;
}
