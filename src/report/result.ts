import type { Diagnostic } from "../engine/diagnostic.js";
import type { SourceFile } from "../text/source-file.js";

/** What a run produced, handed to a formatter. */
export interface RunResult {
  readonly root: string;
  readonly version: string;
  /** files linted */
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  /** path -> the text the diagnostics' offsets refer to */
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly fixed: number;
  /** whether `--unsafe-fixes` was given: unsafe fixes then count as fixable */
  readonly unsafeFixes: boolean;
  /** errors hidden by the adoption baseline (evio-lint-suppressions.json) */
  readonly suppressed?: number;
  /** how human formats show a root-relative path (relative to the cwd, or as typed); default: as is */
  readonly display?: (file: string) => string;
  /** set when the run fixed (`fixed` counts written fixes) or only showed fixes (`--fix-dry-run`) */
  readonly fixMode?: "fix" | "dry-run";
}

export function isFixable(d: Diagnostic, unsafeFixes: boolean): boolean {
  return d.fix !== undefined && (d.fix.safety === "safe" || unsafeFixes);
}

export function counts(result: RunResult): { errors: number; warnings: number; fixable: number } {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const d of result.diagnostics) {
    if (d.severity === "error") errors++;
    else warnings++;
    if (isFixable(d, result.unsafeFixes)) fixable++;
  }
  return { errors, warnings, fixable };
}

export function docsPath(rule: string): string {
  return `docs/rules/${rule}.md`;
}
