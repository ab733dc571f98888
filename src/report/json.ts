import type { TextEdit } from "../fix/edit.js";
import type { Range } from "../text/range.js";
import { SourceFile } from "../text/source-file.js";
import { counts, docsPath, type RunResult } from "./result.js";

/** The v1 machine interface (docs/output-json.md): field names never change without a version bump. */
export function formatJson(result: RunResult): string {
  const empty = new SourceFile("", "");
  const diagnostics = result.diagnostics.map((d) => {
    const source = result.sources.get(d.file) ?? empty;
    const range = (r: Range) => ({ start: source.positionAt(r.start), end: source.positionAt(r.end) });
    const edits = (es: readonly TextEdit[]) => es.map((e) => ({ range: range(e.range), text: e.text }));
    return {
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      file: d.file,
      range: range(d.range),
      origin: d.origin,
      ...(d.fix ? { fix: { safety: d.fix.safety, description: d.fix.description, edits: edits(d.fix.edits) } } : {}),
      suggestions: d.suggestions.map((s) => ({ description: s.description, edits: edits(s.edits) })),
      // an addition to v1: present only when the rule names other places
      ...(d.related ? { related: d.related.map((r) => ({ message: r.message, file: r.file, range: r.range })) } : {}),
      docs: docsPath(d.rule),
    };
  });
  const c = counts(result);
  return (
    JSON.stringify(
      {
        version: 1,
        tool: { name: "evio-lint", version: result.version },
        root: result.root,
        diagnostics,
        summary: {
          files: result.files,
          errors: c.errors,
          warnings: c.warnings,
          fixable: c.fixable,
          fixed: result.fixed,
          // an addition to v1: present only when a baseline hid something
          ...(result.suppressed ? { suppressed: result.suppressed } : {}),
        },
      },
      null,
      2,
    ) + "\n"
  );
}
