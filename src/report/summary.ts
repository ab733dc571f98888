import { counts, type RunResult } from "./result.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 problems (2 errors, 1 warning) in 12 files" */
export function problemCount(result: RunResult): string {
  const c = counts(result);
  return `${plural(c.errors + c.warnings, "problem")} (${plural(c.errors, "error")}, ${plural(c.warnings, "warning")}) in ${plural(result.files, "file")}`;
}

/**
 * What the run did or could do about fixes, one sentence each. A plain run offers `--fix` for what
 * it would fix; `--fix` says what it wrote and never offers itself again for what it could not
 * write; `--fix-dry-run` says what `--fix` would do, never that anything was applied.
 */
export function fixNotes(result: RunResult): string[] {
  const { fixable } = counts(result);
  const notes: string[] = [];
  if (result.fixMode === undefined) {
    if (fixable > 0) notes.push(`${fixable} ${fixable === 1 ? "is" : "are"} fixable with \`--fix\`${result.unsafeFixes ? " --unsafe-fixes" : ""}.`);
    return notes;
  }
  if (result.fixMode === "dry-run") {
    if (result.fixed > 0) notes.push(`${plural(result.fixed, "fix", "fixes")} would be applied by \`--fix\`${result.unsafeFixes ? " --unsafe-fixes" : ""} (dry run: nothing written).`);
  } else if (result.fixed > 0) notes.push(`${plural(result.fixed, "fix", "fixes")} applied.`);
  // What is still fixable after fixing was refused or undone: saying "fixable with --fix" would send the user round in a circle.
  if (fixable > 0) notes.push(`${fixable} ${fixable === 1 ? "has a fix that was" : "have fixes that were"} not applied (see the notes above).`);
  return notes;
}

/** One line for stderr when the report itself went elsewhere (a file, or `--format concise`'s pure lines). */
export function summaryLine(result: RunResult, wrote?: string): string {
  const c = counts(result);
  const found = c.errors + c.warnings === 0 ? `no problems in ${plural(result.files, "file")}` : problemCount(result);
  const notes = fixNotes(result);
  return `evio-lint: ${found}${wrote ? `; report written to ${wrote}` : ""}.${notes.length > 0 ? ` ${notes.join(" ")}` : ""}\n`;
}
