import type { FileKind } from "../discover/kind.js";
import type { Diagnostic } from "../engine/diagnostic.js";
import { lintText, PARSE_ERROR, type FileReport, type LintEnv } from "../engine/run.js";
import { overlaps } from "../text/range.js";
import { applyEdits, sortEdits, type Fix, type TextEdit } from "../text/edit.js";

export const MAX_PASSES = 10;

export interface DroppedFix {
  readonly rule: string;
  readonly message: string;
  readonly offset: number;
  readonly reason: string;
}

export interface FixOutcome {
  /** the text after every applied fix (the input when nothing applied) */
  readonly text: string;
  readonly fixed: number;
  /** what remains, linted on the final text */
  readonly report: FileReport;
  readonly dropped: DroppedFix[];
}

export interface FixOptions {
  readonly unsafe: boolean;
  /** an extra check of the final text (a second TOML parser); returns why it is rejected */
  readonly verify?: (text: string, kind: FileKind) => Promise<string | null>;
}

/**
 * Apply fixes in passes until nothing changes (at most MAX_PASSES). A file that already has a
 * syntax error gets none: each is reported as dropped. Each pass takes the non-overlapping fixes,
 * applies them to the text the rules saw, and re-lints; a pass whose result has a syntax error is
 * retried fix by fix, and a fix that breaks the parse on its own is dropped and reported.
 */
export async function fixText(path: string, kind: FileKind, original: string, env: LintEnv, options: FixOptions): Promise<FixOutcome> {
  let text = original;
  let report = await lintText(path, kind, text, env);
  const baseline = parseErrors(report);
  const dropped: DroppedFix[] = [];
  if (baseline > 0) {
    // What the parser recovered is a guess at the file: no edit is made on a guess.
    const why = `the file does not parse (${firstParseError(report)}); fix the syntax first`;
    for (const d of choose(report.diagnostics, options.unsafe, new Set())) dropped.push({ rule: d.rule, message: d.message, offset: d.range.start, reason: why });
    return { text, fixed: 0, report, dropped };
  }
  const refused = new Set<string>();
  let fixed = 0;

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = choose(report.diagnostics, options.unsafe, refused);
    if (chosen.length === 0) break;
    let next = applyAll(text, chosen);
    let nextReport = await lintText(path, kind, next, env);
    let applied = chosen.length;
    const rejected = async (candidate: string, r: FileReport) =>
      parseErrors(r) > baseline ? `the result does not parse (${firstParseError(r)})` : ((await options.verify?.(candidate, kind)) ?? null);
    const why = await rejected(next, nextReport);
    if (why !== null) {
      // Find the culprits by halving: a few bad fixes among thousands cost a few re-lints each,
      // not one re-lint per fix. Every kept set is applied to `text` at once and checked whole.
      const kept: Diagnostic[] = [];
      next = text;
      nextReport = report;
      const split = async (group: readonly Diagnostic[], why: string): Promise<void> => {
        if (group.length === 1) {
          const d = group[0]!;
          refused.add(key(d));
          dropped.push({ rule: d.rule, message: d.message, offset: d.range.start, reason: why });
          return;
        }
        const half = Math.ceil(group.length / 2);
        await tryAdd(group.slice(0, half));
        await tryAdd(group.slice(half));
      };
      const tryAdd = async (group: readonly Diagnostic[]): Promise<void> => {
        const candidate = applyAll(text, [...kept, ...group]);
        const r = await lintText(path, kind, candidate, env);
        const why = await rejected(candidate, r);
        if (why !== null) return split(group, why);
        kept.push(...group);
        next = candidate;
        nextReport = r;
      };
      await split(chosen, why);
      applied = kept.length;
    }
    if (applied === 0) continue;
    text = next;
    report = nextReport;
    fixed += applied;
  }
  return { text, fixed, report, dropped };
}

/** Syntax errors, and documentation's Nix blocks that no longer parse (a fix there must keep them parsing). */
function parseErrors(r: FileReport): number {
  return r.diagnostics.filter((d) => d.rule === PARSE_ERROR).length + (r.unparsedFragments ?? 0);
}

function firstParseError(r: FileReport): string {
  const d = r.diagnostics.find((x) => x.rule === PARSE_ERROR);
  if (!d && (r.unparsedFragments ?? 0) > 0) return "a ```nix block of the document no longer parses";
  if (!d || !r.source) return "syntax error";
  const p = r.source.positionAt(d.range.start);
  return `${p.line}:${p.column} ${d.message}`;
}

function key(d: Diagnostic): string {
  return `${d.rule}@${d.range.start}-${d.range.end}:${d.fix?.edits.map((e) => e.text).join("|")}`;
}

/** Fixes to apply this pass: allowed by safety, not refused before, not overlapping each other. */
function choose(diagnostics: readonly Diagnostic[], unsafe: boolean, refused: ReadonlySet<string>): Diagnostic[] {
  const candidates = diagnostics
    .filter((d): d is Diagnostic & { fix: Fix } => d.fix !== undefined && (d.fix.safety === "safe" || unsafe) && !refused.has(key(d)))
    .sort((a, b) => a.fix.edits[0]!.range.start - b.fix.edits[0]!.range.start);
  const taken: TextEdit[] = [];
  const chosen: Diagnostic[] = [];
  for (const d of candidates) {
    if (d.fix.edits.some((e) => taken.some((t) => overlaps(t.range, e.range) || sameInsertion(t, e)))) continue;
    taken.push(...d.fix.edits);
    chosen.push(d);
  }
  return chosen;
}

function sameInsertion(a: TextEdit, b: TextEdit): boolean {
  return a.range.start === b.range.start && (a.range.start === a.range.end || b.range.start === b.range.end);
}

function applyAll(text: string, chosen: readonly Diagnostic[]): string {
  return applyEdits(text, sortEdits(chosen.flatMap((d) => d.fix!.edits)));
}
