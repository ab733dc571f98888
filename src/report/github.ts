import { escapeControl } from "../text/escape.js";
import { SourceFile } from "../text/source-file.js";
import type { RunResult } from "./result.js";

/**
 * GitHub Actions workflow commands, one line per finding, which the runner turns into annotations
 * on the changed lines of a pull request. Paths are relative to the git work tree (`prefix` is the
 * lint root's place in it), which is what the runner matches against the checkout.
 */
export function formatGithub(result: RunResult, prefix = ""): string {
  const empty = new SourceFile("", "");
  let out = "";
  for (const d of result.diagnostics) {
    const source = result.sources.get(d.file) ?? empty;
    const start = source.positionAt(d.range.start);
    const end = source.positionAt(d.range.end);
    const props = [
      ["file", prefix + d.file],
      ["line", start.line],
      ["col", start.column],
      ["endLine", end.line],
      ["endColumn", end.column],
      ["title", d.rule],
    ]
      .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
      .join(",");
    out += `::${d.severity} ${props}::${escapeData(d.message)}\n`;
  }
  return out;
}

/**
 * The runner's escaping for a command's message (actions/toolkit `escapeData`). Line breaks are
 * the runner's to encode; every other control character is written out, since the log shows the
 * command line itself on a terminal-like view.
 */
export function escapeData(s: string): string {
  return escapeControl(s, "\r\n").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** The runner's escaping for a property value (actions/toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
