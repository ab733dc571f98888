import fs from "node:fs";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import { ConfigError, loadConfig } from "../config/load.js";
import type { DiscoveredFile } from "../discover/files.js";
import { findRoot } from "../discover/root.js";
import { RuleContractError } from "../engine/context.js";
import type { AnyRule } from "../engine/define-rule.js";
import { compareDiagnostics, type Diagnostic } from "../engine/diagnostic.js";
import { loadRules } from "../engine/registry.js";
import { renderRuleDoc } from "../engine/rule-docs.js";
import { decode, lintText } from "../engine/run.js";
import { standardInput, stagedFiles, workingTree, type Input } from "./inputs.js";
import { fixText } from "../fix/apply.js";
import { formatJson } from "../report/json.js";
import type { RunResult } from "../report/result.js";
import { formatStylish } from "../report/stylish.js";
import type { SourceFile } from "../text/source-file.js";
import { verifyFixedText } from "./verify.js";
import { parseOptions, UsageError, USAGE, type Options } from "./options.js";
import { VERSION } from "./version.js";

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly isTty: boolean;
  readonly readStdin: () => Promise<string>;
}

const processIo = (): Io => ({
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
  isTty: process.stdout.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
});

/** argv -> exit code: 0 clean, 1 lint errors, 2 usage, config or internal error. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    if (argv[0] === "lsp") {
      // The language server speaks LSP over stdio until the client exits it.
      const { runLanguageServer } = await import("../lsp/server.js");
      return await runLanguageServer(argv.slice(1));
    }
    const options = parseOptions(argv, io.env, io.isTty);
    if (options.help) return io.stdout(USAGE), 0;
    if (options.version) return io.stdout(`${VERSION}\n`), 0;
    const rules = await loadRules();
    if (options.listRules) return io.stdout(listRules(rules)), 0;
    if (options.command === "explain") return explain(options.paths[0]!, rules, io);
    if (options.command === "init") {
      const { init } = await import("./init.js");
      for (const line of init(fs.realpathSync(findRoot(fs.realpathSync(io.cwd))))) io.stdout(`${line}\n`);
      return 0;
    }
    return await lint(options, rules, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`evio-lint: ${e.message}\nRun \`evio-lint --help\` for usage.\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.stderr(`evio-lint: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    const what = e instanceof RuleContractError ? "rule bug" : "internal error";
    io.stderr(`evio-lint: ${what}: ${err.message}\n${io.env["EVIO_LINT_DEBUG"] ? `${err.stack}\n` : "Set EVIO_LINT_DEBUG=1 for a stack trace, and please report it.\n"}`);
    return 2;
  }
}

function listRules(rules: readonly AnyRule[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  fix: ${r.fix.padEnd(14)}  ${r.docs.summary}`).join("\n") + "\n";
}

function explain(id: string, rules: readonly AnyRule[], io: Io): number {
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    io.stderr(`evio-lint: no rule "${id}". Known rules: ${rules.map((r) => r.id).join(", ")}\n`);
    return 2;
  }
  io.stdout(renderRuleDoc(rule));
  return 0;
}

async function lint(options: Options, rules: readonly AnyRule[], io: Io): Promise<number> {
  for (const id of Object.keys(options.rules)) {
    if (!rules.some((r) => r.id === id)) throw new UsageError(`--rule: unknown rule "${id}"`);
  }
  const absTargets = options.paths.map((p) => path.resolve(io.cwd, p));
  for (const t of absTargets) if (!fs.existsSync(t)) throw new UsageError(`no such file or directory: ${path.relative(io.cwd, t) || t}`);
  const start = absTargets[0] ? (fs.statSync(absTargets[0]).isDirectory() ? absTargets[0] : path.dirname(absTargets[0])) : io.cwd;
  const root = fs.realpathSync(findRoot(fs.realpathSync(start)));
  const config = loadConfig(root, rules, { ...(options.config ? { configPath: path.resolve(io.cwd, options.config) } : {}), cliRules: options.rules, cwd: io.cwd });

  if (options.printConfig !== undefined) {
    const rel = toRootRelative(root, path.resolve(io.cwd, options.printConfig));
    io.stdout(JSON.stringify({ file: rel, config: config.source ?? "(recommended)", ...config.forFile(rel) }, null, 2) + "\n");
    return 0;
  }

  const targets = absTargets.map((t) => toRootRelative(root, fs.realpathSync(t)));
  for (const t of targets) if (t.startsWith("../")) throw new UsageError(`${t} is outside the root ${root}`);
  const common = { root, config, rules, targets };
  let input: Input;
  if (options.stdinFilename !== undefined) {
    const rel = toRootRelative(root, path.resolve(io.cwd, options.stdinFilename));
    if (rel.startsWith("../")) throw new UsageError(`--stdin-filename ${options.stdinFilename} is outside the root ${root}`);
    input = standardInput(common, rel, await io.readStdin());
  } else if (options.staged) {
    input = stagedFiles(common);
  } else {
    input = workingTree(common);
  }
  const files = input.files;
  const env = input.env;

  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  const diffs: string[] = [];
  let fixed = 0;
  for (const [i, file] of files.entries()) {
    // Native parse trees are freed by finalizers that need an event-loop turn: give them one.
    if (i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
    const r = await lintOne(file, input, options, io, diffs);
    fixed += r.fixed;
    if (r.source) sources.set(file.path, r.source);
    diagnostics.push(...r.diagnostics);
  }
  diagnostics.sort(compareDiagnostics);

  const baselined = await baseline(root, diagnostics, files, targets, options, io);
  const shown = options.quiet ? baselined.kept.filter((d) => d.severity === "error") : baselined.kept;
  const result: RunResult = { root, version: VERSION, files: files.length, diagnostics: shown, sources, fixed, unsafeFixes: options.unsafeFixes, suppressed: baselined.suppressed };
  const report = await format(result, options, rules);
  if (options.fixDryRun) {
    io.stdout(diffs.join(""));
    io.stderr(report);
  } else io.stdout(report);

  const errors = shown.filter((d) => d.severity === "error").length;
  const warnings = shown.length - errors;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`evio-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

async function format(result: RunResult, options: Options, rules: readonly AnyRule[]): Promise<string> {
  switch (options.format) {
    case "json":
      return formatJson(result);
    case "sarif":
      return (await import("../report/sarif.js")).formatSarif(result, rules);
    case "github":
      return (await import("../report/github.js")).formatGithub(result);
    default:
      return formatStylish(result, { color: options.color });
  }
}

/**
 * The adoption baseline (evio-lint-suppressions.json): write it, prune it, or hide what it holds.
 * A run over some files (paths, --staged) only judges the entries of those files.
 */
async function baseline(
  root: string,
  diagnostics: Diagnostic[],
  files: readonly DiscoveredFile[],
  targets: readonly string[],
  options: Options,
  io: Io,
): Promise<{ kept: Diagnostic[]; suppressed: number }> {
  const b = await import("../baseline/suppressions.js");
  const linted = new Set(files.map((f) => f.path));
  // A run over some paths judges the entries under them (a deleted file there too); --staged only its files.
  const under = (file: string) => targets.some((t) => t === "." || file === t || file.startsWith(`${t.replace(/\/$/, "")}/`));
  const scope = options.staged ? { inScope: (file: string) => linted.has(file) } : targets.length > 0 ? { inScope: under } : {};
  if (options.suppressAll) {
    const written = b.writeBaseline(root, diagnostics, scope);
    const n = Object.values(written.suppressions).reduce((sum, rules) => sum + Object.values(rules).reduce((s, e) => s + e.count, 0), 0);
    io.stderr(`evio-lint: recorded ${n} error${n === 1 ? "" : "s"} in ${b.BASELINE_FILE}; commit it. Later runs report only new ones.\n`);
  } else if (options.pruneSuppressions) {
    const pruned = b.pruneBaseline(root, diagnostics, scope);
    if (!pruned) io.stderr(`evio-lint: no ${b.BASELINE_FILE} to prune\n`);
    else io.stderr(`evio-lint: pruned ${pruned.pruned.length} entr${pruned.pruned.length === 1 ? "y" : "ies"} from ${b.BASELINE_FILE}\n`);
  }
  const current = b.readBaseline(root, io.cwd);
  if (!current) return { kept: diagnostics, suppressed: 0 };
  const outcome = b.applyBaseline(diagnostics, current, scope);
  io.stderr(b.formatStale(outcome.stale));
  return { kept: outcome.kept, suppressed: outcome.suppressed };
}

function toRootRelative(root: string, abs: string): string {
  const rel = path.relative(root, abs).split(path.sep).join("/");
  return rel === "" ? "." : rel;
}

async function lintOne(
  file: DiscoveredFile,
  input: Input,
  options: Options,
  io: Io,
  diffs: string[],
): Promise<{ diagnostics: Diagnostic[]; source: SourceFile | null; fixed: number }> {
  const env = input.env;
  if (file.kind === "other") {
    const report = await lintText(file.path, file.kind, null, env);
    return { diagnostics: report.diagnostics, source: null, fixed: 0 };
  }
  let bytes: Buffer | null;
  try {
    bytes = input.read(file);
  } catch (e) {
    io.stderr(`evio-lint: cannot read ${file.path}: ${(e as Error).message}\n`);
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
    io.stderr(`evio-lint: ${file.path}:${pos?.line ?? 1}:${pos?.column ?? 1}: fix for ${d.rule} not applied: ${d.reason}\n`);
  }
  if (outcome.fixed === 0) return { diagnostics: outcome.report.diagnostics, source: outcome.report.source, fixed: 0 };
  const source = outcome.report.source!;
  if (options.fixDryRun) {
    const patch = createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, decoded.text, outcome.text, "", "", { context: 3 });
    // No timestamps: drop the tab the library leaves after each file name, as git diff does.
    diffs.push(patch.replace(/^=+\n/, "").replace(/^(---|\+\+\+) (.*)\t$/gm, "$1 $2"));
    return { diagnostics: outcome.report.diagnostics, source, fixed: outcome.fixed };
  }
  const refused = input.write(file, (decoded.bom ? "\ufeff" : "") + outcome.text);
  if (refused !== null) {
    // Not written: report what the file still has, as it is.
    io.stderr(`evio-lint: ${file.path}: ${outcome.fixed} fix${outcome.fixed === 1 ? "" : "es"} not applied: ${refused}\n`);
    const report = await lintText(file.path, file.kind, decoded.text, env);
    return { diagnostics: report.diagnostics, source: report.source, fixed: 0 };
  }
  return { diagnostics: outcome.report.diagnostics, source, fixed: outcome.fixed };
}
