import { isFixable, type RunResult } from "./result.js";
import { fixNotes, problemCount } from "./summary.js";

export interface RuleCount {
  readonly rule: string;
  readonly count: number;
  readonly fixable: number;
}

/** Findings per rule, most first (ties by id), with how many `--fix` would fix: Ruff's `--statistics`. */
export function ruleCounts(result: RunResult): RuleCount[] {
  const by = new Map<string, { count: number; fixable: number }>();
  for (const d of result.diagnostics) {
    const c = by.get(d.rule) ?? { count: 0, fixable: 0 };
    c.count++;
    if (isFixable(d, result.unsafeFixes)) c.fixable++;
    by.set(d.rule, c);
  }
  return [...by].map(([rule, c]) => ({ rule, ...c })).sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
}

/** A table: count, rule id, `[*] N fixable`; then the totals and what `--fix` would do. */
export function formatStatistics(result: RunResult): string {
  const rows = ruleCounts(result);
  if (rows.length === 0) return "";
  const countWidth = Math.max(...rows.map((r) => String(r.count).length));
  const ruleWidth = Math.max(...rows.map((r) => r.rule.length));
  const lines = rows.map((r) => `${String(r.count).padStart(countWidth)}  ${r.rule.padEnd(ruleWidth)}${r.fixable > 0 ? `  [*] ${r.fixable} fixable` : ""}`.trimEnd());
  return [...lines, "", problemCount(result), ...fixNotes(result)].join("\n") + "\n";
}

/** The same counts for scripts: `[{ "rule", "count", "fixable" }]`. */
export function formatStatisticsJson(result: RunResult): string {
  return JSON.stringify(ruleCounts(result), null, 2) + "\n";
}
