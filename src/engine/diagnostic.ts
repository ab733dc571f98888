import type { Origin } from "../embed/snippet.js";
import type { Fix, Suggestion } from "../fix/edit.js";
import type { Position, Range } from "../text/range.js";
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
  /** other places that explain the finding; absent when there are none */
  readonly related?: readonly RelatedLocation[];
}

/**
 * A place that explains a finding: the `cd` behind it, the pyproject line it disagrees with. It
 * may lie in another file, whose text a reporter does not hold, so it carries line and column
 * besides the offsets (the JSON contract's range shape). It is never part of a fingerprint.
 */
export interface RelatedLocation {
  readonly message: string;
  /** posix path relative to the root */
  readonly file: string;
  readonly range: { readonly start: Position; readonly end: Position };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start - b.range.start ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    a.range.end - b.range.end
  );
}
