import type { DiscoveredFile } from "../discover/files.js";
import type { Diagnostic } from "../engine/diagnostic.js";
import { decode, lintText } from "../engine/run.js";
import { fixText } from "../fix/apply.js";
import { displayPath, escapeControl } from "../text/escape.js";
import type { SourceFile } from "../text/source-file.js";
import type { Input } from "./inputs.js";
import type { Options } from "./options.js";
import { verifyFixedText } from "../fix/verify.js";

export interface FileOutcome {
  readonly diagnostics: Diagnostic[];
  readonly source: SourceFile | null;
  readonly fixed: number;
  /** the unified diff of the fixes, with --fix-dry-run */
  readonly diff?: string;
}

/**
 * Lint one file, and say which file when something breaks: a file nested deeper than the stack
 * allows (thousands of brackets) is reported as not analysed; any other failure names the file.
 */
export async function lintFile(file: DiscoveredFile, input: Input, options: Pick<Options, "fix" | "fixDryRun" | "unsafeFixes">, stderr: (s: string) => void): Promise<FileOutcome> {
  try {
    return await lintOneFile(file, input, options, stderr);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      const message = "File is nested too deeply for evio-lint to analyse (the stack ran out); it was not checked.";
      return { diagnostics: [{ rule: "parse-error", severity: "error", message, file: file.path, range: { start: 0, end: 0 }, origin: "text", suggestions: [] }], source: null, fixed: 0 };
    }
    if (e instanceof Error) e.message = `${file.path}: ${e.message}`;
    throw e;
  }
}

async function lintOneFile(file: DiscoveredFile, input: Input, options: Pick<Options, "fix" | "fixDryRun" | "unsafeFixes">, stderr: (s: string) => void): Promise<FileOutcome> {
  const env = input.env;
  if (file.kind === "other") {
    const report = await lintText(file.path, file.kind, null, env);
    return { diagnostics: report.diagnostics, source: null, fixed: 0 };
  }
  let bytes: Buffer | null;
  try {
    bytes = input.read(file);
  } catch (e) {
    stderr(`evio-lint: cannot read ${displayPath(file.path)}: ${escapeControl((e as Error).message)}\n`);
    return { diagnostics: [], source: null, fixed: 0 };
  }
  if (bytes === null) return { diagnostics: [], source: null, fixed: 0 };
  const decoded = decode(bytes);
  if (!("text" in decoded)) {
    const report = await lintText(file.path, file.kind, null, env, decoded.problem);
    return { diagnostics: report.diagnostics, source: null, fixed: 0 };
  }
  if (!options.fix && !options.fixDryRun) {
    const report = await lintText(file.path, file.kind, decoded.text, env);
    return { diagnostics: report.diagnostics, source: report.source, fixed: 0 };
  }
  const outcome = await fixText(file.path, file.kind, decoded.text, env, { unsafe: options.unsafeFixes, verify: verifyFixedText });
  for (const d of outcome.dropped) {
    const pos = outcome.report.source?.positionAt(d.offset);
    stderr(`evio-lint: ${displayPath(file.path)}:${pos?.line ?? 1}:${pos?.column ?? 1}: fix for ${d.rule} not applied: ${escapeControl(d.reason)}\n`);
  }
  if (outcome.fixed === 0) return { diagnostics: outcome.report.diagnostics, source: outcome.report.source, fixed: 0 };
  const source = outcome.report.source!;
  if (options.fixDryRun) {
    const { createTwoFilesPatch } = await import("diff");
    const patch = createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, decoded.text, outcome.text, "", "", { context: 3 });
    // No timestamps: drop the tab the library leaves after each file name, as git diff does.
    const diff = patch.replace(/^=+\n/, "").replace(/^(---|\+\+\+) (.*)\t$/gm, "$1 $2");
    return { diagnostics: outcome.report.diagnostics, source, fixed: outcome.fixed, diff };
  }
  const refused = input.write(file, (decoded.bom ? "\ufeff" : "") + outcome.text);
  if (refused !== null) {
    // Not written: report what the file still has, as it is.
    stderr(`evio-lint: ${displayPath(file.path)}: ${outcome.fixed} fix${outcome.fixed === 1 ? "" : "es"} not applied: ${escapeControl(refused)}\n`);
    const report = await lintText(file.path, file.kind, decoded.text, env);
    return { diagnostics: report.diagnostics, source: report.source, fixed: 0 };
  }
  return { diagnostics: outcome.report.diagnostics, source, fixed: outcome.fixed };
}

export interface Collected {
  readonly diagnostics: Diagnostic[];
  readonly sources: Map<string, SourceFile>;
  readonly diffs: string[];
  fixed: number;
}

/** Lint files one after another, collecting what the report needs; `onFile` hears of each file done (progress). */
export async function lintFiles(
  files: readonly DiscoveredFile[],
  input: Input,
  options: Pick<Options, "fix" | "fixDryRun" | "unsafeFixes">,
  stderr: (s: string) => void,
  onFile?: () => void,
): Promise<Collected> {
  const out: Collected = { diagnostics: [], sources: new Map(), diffs: [], fixed: 0 };
  for (const [i, file] of files.entries()) {
    // Native parse trees are freed by finalizers that need an event-loop turn: give them one.
    if (i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
    const r = await lintFile(file, input, options, stderr);
    out.fixed += r.fixed;
    if (r.source) out.sources.set(file.path, r.source);
    if (r.diff) out.diffs.push(r.diff);
    out.diagnostics.push(...r.diagnostics);
    onFile?.();
  }
  return out;
}
