import fs from "node:fs";
import path from "node:path";
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { ConfigError } from "../config/load.js";
import type { Diagnostic } from "../engine/diagnostic.js";
import { writeAtomic } from "../fix/write.js";
import { SourceFile } from "../text/source-file.js";
import { BASELINE_FILE } from "./file-name.js";

/**
 * A baseline for adopting evio-lint on an old repository (ESLint's bulk suppressions): per file
 * and rule, how many errors existed when it was written. Those stay hidden; anything beyond them
 * fails the run, and entries shrink as findings are fixed.
 */
export { BASELINE_FILE };

export interface BaselineEntry {
  readonly count: number;
}

export interface Baseline {
  readonly version: 1;
  /** file (posix, relative to the root) -> rule id -> entry */
  readonly suppressions: Readonly<Record<string, Readonly<Record<string, BaselineEntry>>>>;
}

/** An entry that records more findings than the run found: the baseline can shrink. */
export interface StaleEntry {
  readonly file: string;
  readonly rule: string;
  /** the count in the baseline */
  readonly expected: number;
  /** what this run found */
  readonly actual: number;
}

export interface BaselineOutcome {
  /** what to report: everything not hidden by the baseline, in the input order */
  readonly kept: Diagnostic[];
  /** how many diagnostics the baseline hid */
  readonly suppressed: number;
  readonly stale: StaleEntry[];
}

export interface BaselineScope {
  /**
   * Whether this run linted the file (all files by default). Entries for files outside the scope
   * are neither stale nor pruned nor rewritten: `evio-lint docs/` must not forget `scripts/`.
   */
  readonly inScope?: (file: string) => boolean;
}

/**
 * Whether a diagnostic can be baselined. Errors only, as in ESLint: warnings never fail a run, so
 * they need no baseline and stay visible. `parse-error` is never baselined: nothing in a file that
 * does not parse is checked, so hiding it would hide the whole file.
 */
export function isBaselined(d: Diagnostic): boolean {
  return d.severity === "error" && d.rule !== "parse-error";
}

export function baselinePath(root: string): string {
  return path.join(root, BASELINE_FILE);
}

/** The baseline at the root, or null when there is none. A malformed file is a ConfigError at its line and column. */
export function readBaseline(root: string, cwd: string = root): Baseline | null {
  const file = baselinePath(root);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ConfigError(`${display(file, cwd)}: cannot read the baseline: ${(e as Error).message}`);
  }
  return parseBaseline(display(file, cwd), text);
}

export function parseBaseline(name: string, text: string): Baseline {
  const source = new SourceFile(name, text);
  const at = (node: JsonNode | undefined): string => {
    const p = source.positionAt(node?.offset ?? 0);
    return `${name}:${p.line}:${p.column}`;
  };
  const errors: ParseError[] = [];
  const tree = parseTree(source.text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    const p = source.positionAt(e?.offset ?? 0);
    throw new ConfigError(`${name}:${p.line}:${p.column}: invalid JSON (${e ? printParseErrorCode(e.error) : "empty file"})`);
  }
  const fail = (node: JsonNode | undefined, what: string): never => {
    throw new ConfigError(`${at(node)}: ${what}. Delete the file and run \`evio-lint --suppress-all\` to write a fresh one.`);
  };
  if (tree.type !== "object") fail(tree, "the baseline must be an object with `version` and `suppressions`");
  for (const key of keys(tree)) {
    if (key.value !== "version" && key.value !== "suppressions") fail(key.node, `unknown key "${key.value}"`);
  }
  const version = findNodeAtLocation(tree, ["version"]);
  if (!version) fail(tree, "missing `version`");
  if (version!.value !== 1) fail(version, `unsupported version ${JSON.stringify(version!.value)} (this evio-lint reads version 1)`);
  const files = findNodeAtLocation(tree, ["suppressions"]);
  if (!files) fail(tree, "missing `suppressions`");
  if (files!.type !== "object") fail(files, "`suppressions` must be an object: file -> rule -> { \"count\": N }");

  const suppressions: Record<string, Record<string, BaselineEntry>> = {};
  for (const file of keys(files!)) {
    if (file.valueNode.type !== "object") fail(file.valueNode, `"${file.value}" must map rule ids to { "count": N }`);
    const rules: Record<string, BaselineEntry> = {};
    for (const rule of keys(file.valueNode)) {
      const entry = rule.valueNode;
      if (entry.type !== "object") fail(entry, `"${file.value}" > "${rule.value}" must be { "count": N }`);
      for (const k of keys(entry)) if (k.value !== "count") fail(k.node, `unknown key "${k.value}" in "${file.value}" > "${rule.value}"`);
      const count = findNodeAtLocation(entry, ["count"]);
      if (!count) fail(entry, `"${file.value}" > "${rule.value}" has no "count"`);
      if (!Number.isInteger(count!.value) || (count!.value as number) < 1) {
        fail(count, `"${file.value}" > "${rule.value}": count must be a whole number >= 1 (got ${JSON.stringify(count!.value)})`);
      }
      rules[rule.value] = { count: count!.value as number };
    }
    suppressions[file.value] = rules;
  }
  return { version: 1, suppressions };
}

/**
 * Hide what the baseline allows. Per file and rule, when the errors found are no more than the
 * recorded count, all are hidden; when there are more, all of them are shown, since which one is
 * new cannot be known. Entries with fewer findings than recorded are stale.
 */
export function applyBaseline(diagnostics: readonly Diagnostic[], baseline: Baseline, scope: BaselineScope = {}): BaselineOutcome {
  const found = countByFileAndRule(diagnostics);
  const hidden = new Set<string>();
  const stale: StaleEntry[] = [];
  for (const [file, rules] of sortedEntries(baseline.suppressions)) {
    if (scope.inScope && !scope.inScope(file)) continue;
    for (const [rule, entry] of sortedEntries(rules)) {
      const actual = found.get(key(file, rule)) ?? 0;
      if (actual <= entry.count) hidden.add(key(file, rule));
      if (actual < entry.count) stale.push({ file, rule, expected: entry.count, actual });
    }
  }
  const kept = diagnostics.filter((d) => !(isBaselined(d) && hidden.has(key(d.file, d.rule))));
  return { kept, suppressed: diagnostics.length - kept.length, stale };
}

/**
 * Record the current errors (see `isBaselined`) as the baseline and write it. Entries for files
 * outside the scope are kept from the existing file. Returns what was written.
 */
export function writeBaseline(root: string, diagnostics: readonly Diagnostic[], scope: BaselineScope = {}): Baseline {
  const counts: Record<string, Record<string, BaselineEntry>> = {};
  const previous = scope.inScope ? readBaseline(root) : null;
  for (const [file, rules] of Object.entries(previous?.suppressions ?? {})) {
    if (!scope.inScope!(file)) counts[file] = { ...rules };
  }
  for (const [k, count] of countByFileAndRule(diagnostics)) {
    const [file, rule] = splitKey(k);
    (counts[file] ??= {})[rule] = { count };
  }
  const baseline: Baseline = { version: 1, suppressions: counts };
  save(root, baseline);
  return baseline;
}

/**
 * Drop entries that no longer occur and lower counts that are too high; never raise one (that is
 * `--suppress-all`'s job, so that new findings are seen first). Returns null when there is no
 * baseline, otherwise the baseline written and what changed.
 */
export function pruneBaseline(
  root: string,
  diagnostics: readonly Diagnostic[],
  scope: BaselineScope = {},
): { baseline: Baseline; pruned: StaleEntry[] } | null {
  const current = readBaseline(root);
  if (!current) return null;
  const found = countByFileAndRule(diagnostics);
  const pruned: StaleEntry[] = [];
  const next: Record<string, Record<string, BaselineEntry>> = {};
  for (const [file, rules] of sortedEntries(current.suppressions)) {
    for (const [rule, entry] of sortedEntries(rules)) {
      let count = entry.count;
      if (!scope.inScope || scope.inScope(file)) {
        const actual = found.get(key(file, rule)) ?? 0;
        if (actual < count) {
          pruned.push({ file, rule, expected: count, actual });
          count = actual;
        }
      }
      if (count > 0) (next[file] ??= {})[rule] = { count };
    }
  }
  const baseline: Baseline = { version: 1, suppressions: next };
  save(root, baseline);
  return { baseline, pruned };
}

/** The stderr note for stale entries ("" when there are none), so the baseline shrinks over time. */
export function formatStale(stale: readonly StaleEntry[]): string {
  if (stale.length === 0) return "";
  const n = stale.length;
  const lines = [
    `evio-lint: warning: ${BASELINE_FILE} has ${n} stale entr${n === 1 ? "y" : "ies"} (fewer findings than recorded); run \`evio-lint --prune-suppressions\` to shrink it:`,
    ...stale.map((s) => `  ${s.file}: ${s.rule}: ${s.expected} recorded, ${s.actual} found`),
  ];
  return lines.join("\n") + "\n";
}

/** The file's text: keys sorted at every level, two-space indent, final newline, for stable diffs. */
export function serializeBaseline(baseline: Baseline): string {
  const suppressions: Record<string, Record<string, BaselineEntry>> = {};
  for (const [file, rules] of sortedEntries(baseline.suppressions)) {
    const sorted: Record<string, BaselineEntry> = {};
    for (const [rule, entry] of sortedEntries(rules)) sorted[rule] = { count: entry.count };
    suppressions[file] = sorted;
  }
  return JSON.stringify({ version: 1, suppressions }, null, 2) + "\n";
}

function save(root: string, baseline: Baseline): void {
  const file = baselinePath(root);
  const text = serializeBaseline(baseline);
  if (fs.existsSync(file)) writeAtomic(file, text);
  else fs.writeFileSync(file, text);
}

function countByFileAndRule(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if (!isBaselined(d)) continue;
    const k = key(d.file, d.rule);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

// Neither a path nor a rule id holds a NUL.
function key(file: string, rule: string): string {
  return `${file}\u0000${rule}`;
}

function splitKey(k: string): [string, string] {
  const i = k.indexOf("\u0000");
  return [k.slice(0, i), k.slice(i + 1)];
}

/** UTF-16 code-unit order, not locale order: the same bytes on every machine. */
function sortedEntries<V>(record: Readonly<Record<string, V>>): [string, V][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function keys(object: JsonNode): { value: string; node: JsonNode; valueNode: JsonNode }[] {
  return (object.children ?? []).map((property) => ({
    value: property.children![0]!.value as string,
    node: property.children![0]!,
    valueNode: property.children![1]!,
  }));
}

function display(file: string, cwd: string): string {
  return path.relative(cwd, file) || file;
}
