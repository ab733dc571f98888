import { SourceFile } from "../text/source-file.js";
import { fingerprints } from "./fingerprint.js";
import type { RunResult } from "./result.js";

/**
 * GitLab Code Quality (a subset of Code Climate's issue format), for `artifacts:reports:codequality`.
 * GitLab matches `location.path` against the repository's files, so paths are relative to the git
 * work tree (`prefix` is the workspace root's place in it, "" when they are the same). Fingerprints
 * are the SARIF ones: the same finding keeps its fingerprint when lines move (src/report/fingerprint.ts).
 */
export function formatGitlab(result: RunResult, prefix = ""): string {
  const empty = new SourceFile("", "");
  const prints = fingerprints(result);
  const issues = result.diagnostics.map((d, i) => {
    const source = result.sources.get(d.file) ?? empty;
    const begin = source.positionAt(d.range.start).line;
    const end = source.positionAt(d.range.end).line;
    return {
      description: d.message,
      check_name: d.rule,
      fingerprint: prints[i]!,
      severity: d.rule === "parse-error" ? "critical" : d.severity === "error" ? "major" : "minor",
      location: { path: prefix + d.file, lines: { begin, end } },
    };
  });
  return JSON.stringify(issues, null, 2) + "\n";
}
