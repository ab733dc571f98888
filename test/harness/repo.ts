import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { main } from "../../src/cli/main.js";

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SEEDS = path.resolve(PACKAGE_ROOT, "test/fixtures/seeds");

// Tests also run inside git hooks (this repo's lefthook pre-commit), where git exports GIT_DIR,
// GIT_INDEX_FILE and friends: left set, a test's `git init`/`git add -A` in its temp repo (and
// the CLI's own git calls) would act on the committing repo's index instead.
for (const name of execFileSync("git", ["rev-parse", "--local-env-vars"], { encoding: "utf8" }).split("\n")) {
  if (name) delete process.env[name];
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export interface RepoOptions {
  /** run `git init` and stage everything (the default), or leave a plain folder */
  readonly git?: boolean;
}

/** A real folder (a git repo by default) holding the given files; removed after the test file. */
export function makeRepo(files: Record<string, string | Buffer>, options: RepoOptions = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-")));
  made.push(dir);
  writeFiles(dir, files);
  if (options.git !== false) {
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
  }
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir, encoding: "utf8" });
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Most tests drive the CLI's mechanics (discovery, formats, fixing) with a few files that declare
 * no uv workspace, using contract rules such as no-pip as probes. `cli` and `binary` run those with
 * `--workspace required` (the whole contract, whatever the root declares) unless the arguments set
 * `--workspace`; `cliAsGiven` runs the arguments exactly as given, with the default `auto`, as a
 * user in a repo that is no uv workspace would (test/e2e/non-uv-repos.test.ts).
 */
function wholeContract(args: readonly string[]): readonly string[] {
  return args[0] === "lsp" || args.some((a) => a === "--workspace" || a.startsWith("--workspace=")) ? args : [...args, "--workspace", "required"];
}

/** The CLI in-process, as bin/evio-lint.js runs it (with `--workspace required`, see above), with captured output. */
export async function cli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return cliAsGiven(cwd, wholeContract(args), env);
}

/** The CLI in-process, exactly as bin/evio-lint.js runs it, with captured output. */
export async function cliAsGiven(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd,
    env: { NO_COLOR: "1", ...env },
    isTty: false,
  });
  return { code, stdout, stderr };
}

/** The built binary as a child process (needs `npm run build`, which `npm test` does first); `--workspace required` as for `cli`. */
export function binary(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  return binaryAsGiven(cwd, wholeContract(args), env);
}

export function binaryAsGiven(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, "bin/evio-lint.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonDiagnostic {
  rule: string;
  severity: "error" | "warning";
  message: string;
  file: string;
  range: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
  origin: string;
  fix?: { safety: string; description: string; edits: { range: JsonDiagnostic["range"]; text: string }[] };
  suggestions: { description: string; edits: unknown[] }[];
  related?: { message: string; file: string; range: JsonDiagnostic["range"] }[];
  docs: string;
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  root: string;
  diagnostics: JsonDiagnostic[];
  summary: { files: number; errors: number; warnings: number; fixable: number; fixed: number };
}

export async function lintJson(cwd: string, args: readonly string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await cli(cwd, ["--format", "json", ...args]);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

/** `file:line:col rule` for each diagnostic: compact and exact. */
export function where(report: JsonReport): string[] {
  return report.diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.rule}`);
}

/** 1-based line and UTF-16 column of the n-th occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number; offset: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" #${nth} not in text`);
  }
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - (before.lastIndexOf("\n") + 1) + 1, offset: at };
}
