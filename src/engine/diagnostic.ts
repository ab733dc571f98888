import type { Origin } from "../embed/snippet.js";
import type { Fix, Suggestion } from "../text/edit.js";
import type { Range } from "../text/range.js";
import type { Severity } from "./define-rule.js";

/** A finding in host-file offsets; reporters turn ranges into lines and columns. */
export interface Diagnostic {
  readonly rule: string;
  /** the rule's message id, for tests and editors; not part of the JSON contract */
  readonly messageId?: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  readonly origin: Origin;
  readonly fix?: Fix;
  readonly suggestions: readonly Suggestion[];
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start - b.range.start ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    a.range.end - b.range.end
  );
}
