// One module over 300 lines on purpose: the CLI's commands (lint, explain, baseline, --list-rules) share the Io
// and option plumbing; the heavy path past option parsing is src/cli/engine.ts, loaded on demand.
import fs from "node:fs";
import path from "node:path";
import type { DiscoveredFile } from "../discover/files.js";
import type { AnyRule } from "../engine/define-rule.js";
import type { Diagnostic } from "../engine/diagnostic.js";
import type { Input } from "./inputs.js";
import type { Collected } from "./lint-file.js";
import type { RunResult } from "../report/result.js";
import { closest, TYPO_LIMIT } from "../text/edit-distance.js";
import { escapeControl } from "../text/escape.js";
import type { CachedRun } from "./cached-run.js";
import { displayPaths } from "./display-paths.js";
import { fdWriter } from "./fd-write.js";
import { parseOptions, UsageError, USAGE, type Options } from "./options.js";
import { writeReport } from "./output-file.js";
import { progressAfterMs, startProgress } from "./progress.js";
import { discoveryStart, relativeTo, rootTargets } from "./targets.js";
import { VERSION } from "./version.js";

// Start-up is part of every commit: `--version` and `--help` load only the option parser, and the
// engine (rules, parsers' wrappers, TOML and glob libraries) is imported when a run needs it.
const engine = () => import("./engine.js");
let E: Awaited<ReturnType<typeof engine>> | undefined;

/** Whether this process ran the engine: only such a run makes a code cache worth keeping (src/cli/bundle-loader.ts). */
export const engineRan = (): boolean => E !== undefined;
const loaded = () => E!;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly isTty: boolean;
  /** stderr is a terminal: progress may show there */
  readonly stderrIsTty?: boolean;
  readonly readStdin: () => Promise<string>;
}

// Standard output and error are looked at only when needed: each first look builds a stream (src/cli/fd-write.ts).
const processIo = (): Io => ({
  stdout: fdWriter(1, () => process.stdout),
  stderr: fdWriter(2, () => process.stderr),
  cwd: process.cwd(),
  env: process.env,
  get isTty() {
    return process.stdout.isTTY === true;
  },
  get stderrIsTty() {
    return process.stderr.isTTY === true;
  },
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
    const options = parseOptions(argv, io.env, () => io.isTty);
    if (options.help) return io.stdout(USAGE), 0;
    if (options.version) return io.stdout(`${VERSION}\n`), 0;
    const { loadRules } = await import("../../rules/index.js");
    if (options.command === "lint" && !options.listRules) return await lint(options, loadRules, io);
    // Rule metadata only: the rules' modules load no parser until a file needs one.
    const rules = await loadRules();
    if (options.listRules) return io.stdout(listRules(rules, (await import("../engine/rule-docs.js")).FIX_WORDS)), 0;
    if (options.command === "explain") return explain(options.paths[0]!, rules, io, (await import("../engine/rule-docs.js")).renderRuleDoc);
    E = await engine();
    const { init } = await import("./init.js");
    for (const line of init(fs.realpathSync(loaded().findRoot(fs.realpathSync(io.cwd))))) io.stdout(`${line}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`evio-lint: ${escapeControl(e.message, "\n")}\nRun \`evio-lint --help\` for usage.\n`);
      return 2;
    }
    if (E && e instanceof E.ConfigError) {
      // Config errors quote the config file's text: a terminal must not obey it.
      io.stderr(`evio-lint: ${escapeControl(e.message, "\n")}\n`);
      return 2;
    }
    const err = e as Error;
    const what = E && e instanceof E.RuleContractError ? "rule bug" : "internal error";
    io.stderr(`evio-lint: ${what}: ${escapeControl(err.message, "\n")}\n${io.env["EVIO_LINT_DEBUG"] ? `${err.stack}\n` : "Set EVIO_LINT_DEBUG=1 for a stack trace, and please report it.\n"}`);
    return 2;
  }
}

function listRules(rules: readonly AnyRule[], words: Readonly<Record<AnyRule["fix"], string>>): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const fixWidth = Math.max(...rules.map((r) => words[r.fix].length));
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  fix: ${words[r.fix].padEnd(fixWidth)}  ${r.docs.summary}`).join("\n") + "\n";
}

/** ` (did you mean "no-pip"?)` for a near miss of a rule id, else "". */
function guessRule(id: string, rules: readonly AnyRule[]): string {
  const guess = closest(id, rules.map((r) => r.id), { limit: TYPO_LIMIT });
  return guess ? ` (did you mean "${guess}"?)` : "";
}

function explain(id: string, rules: readonly AnyRule[], io: Io, render: (rule: AnyRule, o: { banner: boolean }) => string): number {
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    io.stderr(`evio-lint: no rule "${escapeControl(id)}"${guessRule(id, rules)}. Known rules: ${rules.map((r) => r.id).join(", ")}\n`);
    return 2;
  }
  io.stdout(render(rule, { banner: false }));
  return 0;
}

async function lint(options: Options, loadRules: () => Promise<AnyRule[]>, io: Io): Promise<number> {
  const startedAt = Date.now();
  const { ruleIds } = await import("../../rules/index.js");
  for (const id of Object.keys(options.rules)) {
    if (!ruleIds.includes(id)) throw new UsageError(`--rule: unknown rule "${id}"${guessRule(id, await loadRules())}`);
  }
  const absTargets = options.paths.map((p) => path.resolve(io.cwd, p));
  for (const t of absTargets) if (!fs.existsSync(t)) throw new UsageError(`no such file or directory: ${path.relative(io.cwd, t) || t}`);
  const start = absTargets[0] ? discoveryStart(io.cwd, absTargets[0]) : io.cwd;
  const root = fs.realpathSync((await import("../discover/root.js")).findRoot(fs.realpathSync(start)));

  // With --cache, files whose results still hold are answered before the engine loads (src/cache/).
  const cacheRun = cacheApplies(options) ? await import("./cached-run.js") : undefined;
  const cached = cacheRun?.openCachedRun(root, rootTargets(root, absTargets, () => {}), options, io.cwd, io.stderr);
  let files: readonly DiscoveredFile[];
  let collected: Collected;
  let rules: readonly AnyRule[] | undefined;
  if (cached?.files && cached.misses?.length === 0) {
    files = cached.files;
    collected = cached.served;
    cached.cache.close(undefined);
  } else {
    rules = await loadRules();
    const linted = await lintWithEngine(root, absTargets, options, rules, io, cached, startedAt);
    if (linted === "printed") return 0;
    ({ files, collected } = linted);
  }
  const { diagnostics, sources, diffs } = collected;
  const fixed = collected.fixed;
  diagnostics.sort((await import("../engine/diagnostic.js")).compareDiagnostics);

  const targets = rootTargets(root, absTargets, rules ? () => {} : io.stderr);

  const baselined = await baseline(root, diagnostics, files, targets, options, io);
  const shown = options.quiet ? baselined.kept.filter((d) => d.severity === "error") : baselined.kept;
  const typed = [...options.paths.map((p, i) => ({ typed: p, target: targets[i]! })), ...(options.stdinFilename !== undefined && files[0] ? [{ typed: options.stdinFilename, target: files[0].path }] : [])];
  const result: RunResult = {
    root,
    version: VERSION,
    files: files.length,
    diagnostics: shown,
    sources,
    fixed,
    unsafeFixes: options.unsafeFixes,
    suppressed: baselined.suppressed,
    display: displayPaths(io.cwd, root, typed),
    ...(options.fix ? { fixMode: "fix" as const } : options.fixDryRun ? { fixMode: "dry-run" as const } : {}),
  };
  const report = await format(result, options, async () => rules ?? (await loadRules()));
  if (options.fixDryRun) io.stdout(diffs.join(""));
  if (options.outputFile !== undefined) {
    writeReport(path.resolve(io.cwd, options.outputFile), report, options.outputFile);
    io.stderr((await import("../report/summary.js")).summaryLine(result, options.outputFile));
  } else if (options.fixDryRun) io.stderr(report);
  else {
    io.stdout(report);
    // concise lines are for grep and quickfix lists: the count goes beside them, not among them
    if (options.format === "concise" && !options.statistics) io.stderr((await import("../report/summary.js")).summaryLine(result));
  }

  const errors = shown.filter((d) => d.severity === "error").length;
  const warnings = shown.length - errors;
  if (options.exitZero) return 0;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`evio-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** The run through the engine: config, workspace model, every file (or the cache's misses). */
async function lintWithEngine(
  root: string,
  absTargets: readonly string[],
  options: Options,
  rules: readonly AnyRule[],
  io: Io,
  cached: CachedRun | undefined,
  startedAt: number,
): Promise<{ files: readonly DiscoveredFile[]; collected: Collected } | "printed"> {
  E = await engine();
  // The workspace model parses the root pyproject.toml (from the index with --staged); a
  // repository without one loads no TOML parser unless it lints a TOML file.
  if (options.staged || fs.existsSync(path.join(root, "pyproject.toml"))) await loaded().loadTomlParser();
  const config = loaded().loadConfig(root, rules, { ...(options.config ? { configPath: path.resolve(io.cwd, options.config) } : {}), cliRules: options.rules, cwd: io.cwd, workspace: options.workspace });

  if (options.printConfig !== undefined) {
    const rel = toRootRelative(root, path.resolve(io.cwd, options.printConfig));
    io.stdout(JSON.stringify({ file: rel, config: config.source ?? "(recommended)", ...config.forFile(rel) }, null, 2) + "\n");
    return "printed";
  }

  const targets = rootTargets(root, absTargets, io.stderr);
  const common = { root, config, rules, targets };
  let input: Input;
  if (options.stdinFilename !== undefined) {
    const rel = toRootRelative(root, path.resolve(io.cwd, options.stdinFilename));
    if (rel.startsWith("../")) throw new UsageError(`--stdin-filename ${options.stdinFilename} is outside the root ${root}`);
    input = loaded().standardInput(common, rel, await io.readStdin());
  } else if (options.staged) {
    input = await loaded().stagedFiles(common);
  } else {
    input = loaded().workingTree({ ...common, stderr: io.stderr, writes: options.fix && !options.fixDryRun }, cached && { all: cached.all, ...(cached.misses ? { files: cached.misses } : {}) });
  }
  const hashes = new Map<string, string>();
  const cacheRun = cached && (await import("./cached-run.js"));
  if (cacheRun) input = cacheRun.hashingReads(input, hashes);
  const files = input.files;
  if (input.env.noWorkspace) io.stderr(loaded().noWorkspaceNote(input.env, files.length, input.chosen));

  const jobs = loaded().jobsFor(options, files.length);
  const progress = startProgress({ total: files.length, write: io.stderr, enabled: io.stderrIsTty === true && !options.quiet, afterMs: progressAfterMs(io.env), startedAt });
  const advance = (n?: number): void => progress.advance(n);
  let collected: Collected;
  try {
    if (jobs > 1 && "all" in input) {
      const [mine, ...theirs] = loaded().shares(files, jobs);
      const task = { root, cwd: io.cwd, ...(options.config ? { configPath: path.resolve(io.cwd, options.config) } : {}), cliRules: options.rules, all: input.all as string[], options, observe: cached !== undefined };
      const workers = loaded().runWorkers(
        theirs.map((share) => ({ ...task, files: share })),
        progress.active ? advance : undefined,
      );
      collected = await loaded().lintFiles(mine!, input, options, progress.stderr, advance);
      for (const w of await Promise.all(workers)) {
        collected.diagnostics.push(...w.diagnostics);
        for (const [p, s] of w.sources) collected.sources.set(p, s);
        collected.diffs.push(...w.diffs);
        collected.fixed += w.fixed;
        progress.stderr(w.stderr);
        for (const [p, h] of w.hashes) hashes.set(p, h);
        cached?.cache.absorb(w.reads);
      }
      collected.diffs.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    } else {
      loaded().preferShortRun();
      collected = await loaded().lintFiles(files, input, options, progress.stderr, advance);
    }
  } finally {
    loaded().restoreWasmTiering();
    progress.done();
  }
  if (!cached || !cacheRun) return { files, collected };
  cacheRun.storeResults(cached, files, collected, hashes);
  cached.cache.close(config.ignores);
  collected.diagnostics.push(...cached.served.diagnostics);
  for (const [p, s] of cached.served.sources) collected.sources.set(p, s);
  return { files: cached.files ?? files, collected };
}

async function format(result: RunResult, options: Options, rules: () => Promise<readonly AnyRule[]>): Promise<string> {
  if (options.statistics) {
    const stats = await import("../report/statistics.js");
    return options.format === "json" ? stats.formatStatisticsJson(result) : stats.formatStatistics(result);
  }
  switch (options.format) {
    case "concise":
      return (await import("../report/concise.js")).formatConcise(result);
    case "gitlab":
      return (await import("../report/gitlab.js")).formatGitlab(result, (E ??= await engine()).workTreePrefix(result.root));
    case "json":
      return (await import("../report/json.js")).formatJson(result);
    case "sarif":
      return (await import("../report/sarif.js")).formatSarif(result, await rules());
    case "github":
      return (await import("../report/github.js")).formatGithub(result, loaded().workTreePrefix(result.root));
    default:
      // a report file is read later, not by this terminal: no colour codes in it
      return (await import("../report/stylish.js")).formatStylish(result, { color: options.color && options.outputFile === undefined });
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
  if (!options.suppressAll && !options.pruneSuppressions && (await import("../baseline/file-name.js")).noBaseline(root)) return { kept: diagnostics, suppressed: 0 };
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

const toRootRelative = (root: string, abs: string): string => relativeTo(root, abs);

/** Only a plain lint of the working tree uses the cache: a fix rewrites what it read. */
const cacheApplies = (options: Options): boolean =>
  options.cache && !options.fix && !options.fixDryRun && !options.staged && options.stdinFilename === undefined && options.printConfig === undefined;
