import path from "node:path";
import { defineRule, type RuleContext } from "../src/engine/define-rule.js";
import type { Command, CwdChange, Word } from "../src/facts/shell/command.js";
import { knownDir, rebaseArguments, type Rebased } from "../src/facts/shell/paths.js";
import { isInterpreterProbe, isPythonTool, runsUnderUv } from "../src/facts/shell/python-tools.js";
import { PROJECT_SUBCOMMANDS, TAKES_PACKAGE, WORKSPACE_WIDE, uvInvocation, type UvInvocation, type UvOption } from "../src/facts/shell/uv-commands.js";
import { valueAt } from "../src/parse/toml.js";
import type { Member } from "../src/facts/python/workspace.js";
import { cwdDependence } from "../src/facts/shell/working-dir.js";
import { packageWord } from "../src/text/quote.js";

const messages = {
  member: "`{{command}}` runs in `{{dir}}/` ({{how}}), inside member {{member}} ({{pyproject}}); run it from the root: `{{instead}}`.",
  memberSuggestion:
    "`{{command}}` runs in `{{dir}}/` ({{how}}), inside member {{member}} ({{pyproject}}); run it from the root: `{{instead}}` (a suggestion, not applied by --fix: {{why}}).",
  notMember: "`{{command}}` runs in `{{dir}}/` ({{how}}), which is in no member's folder (the members are pyproject.toml's `[tool.uv.workspace]`); run it from the root with root-relative paths (and `--package <member>`).",
} as const;

type Ctx = RuleContext<typeof messages, Record<string, never>>;
/** How a rewrite is offered: applied by --fix, suggested with the reason it may change what the command does, or not at all. */
type Offer = "safe" | { readonly why: string } | "none";

const UNSURE_PATHS = "not every path argument can be rebased for sure (it does not exist there, or it is not written out)";

export default defineRule({
  id: "run-from-root",
  severity: "error",
  fix: "sometimes-safe",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Run Python and uv commands from the repository root, not after `cd` into a folder",
    why: "The contract runs everything from the root as `uv run --package <member> <command>`, with root-relative paths, so a command reads the same in a script, a hook, CI and the docs, and copying it into a terminal at the root works. `cd evio && uv run ...` (also `(cd ...)`, `pushd`, `uv run --directory`, `uv --project`, a workflow step's `working-directory:`, lefthook's `root:`) makes uv pick the project from that folder and resolves paths there. The working directory is followed across the lines of a script; a `cd` to the root, outside the repository or to a `$VAR` is never reported.",
    examples: [{ file: "scripts/test.sh", bad: "cd evio && uv run pytest tests", good: "uv run --package evio pytest evio/tests" }],
    fixSafety: [
      "The rewrite removes the `cd DIR &&` (or `--directory DIR`, or turns `--project DIR` into `--package M`), adds `--package M` and rebases every path argument onto the root (`tests` -> `evio/tests`). Moving a command to another directory must not change what it does, so `--fix` applies it only when all of these hold:",
      [
        "- DIR lies in one member M, and the `cd` is right before the command and affects nothing after it (it is in `( ... )`, or only comments follow it in its script, code block or string);",
        "- every path-like argument is written out and exists under DIR (or plainly is not a path): no `$VAR`, `\"$@\"` or placeholder;",
        "- the command is known not to read the working directory: uv's project subcommands `uv sync`, `uv add`, `uv remove`, `uv export`, `uv version` (their `--package M` from the root does the same) and `uv lock` (it locks the whole workspace wherever it runs); `uv run pytest PATH...` with at least one path, every argument rebased and only options that name no file (`-x`, `-q`, `-k EXPR`, `--tb=short`, ...); `uv run python -m pytest PATH...` and `uv run python -c \"import x; print(x.__version__)\"` (only imports and prints) when M is installed as a package (it has a `[build-system]`), because python puts the working directory on `sys.path`;",
        "- no `.python-version` or `uv.toml` lies in DIR or a folder between it and the root (uv reads those from where it runs).",
      ].join("\n"),
      "Anything else gets the same rewrite as a suggestion, never applied by `--fix`, and the message says why: any other console script or `python -m MODULE` (`uv run plain preflight`: frameworks find their app with `Path.cwd()`), a script (`python scripts/x.py` may open relative paths), pytest without a path (it collects the working directory) or with `--cov` (coverage reads its config and writes `.coverage` there) or an option that may name a file (`--junitxml=report.xml`), `uv build` (where it writes `dist/` depends on the folder), `uv tree` (its `--package` filters the tree instead), a bare `python`/`pytest` (the rewrite adds `uv run`), and a `cd` whose effect goes on to the next lines (said besides any other reason, since the suggestion moves those lines too). `pushd`, a `cd` on an earlier line, a host's working directory (a workflow's `working-directory:`, lefthook's `root:`) and folders that are no member get no rewrite at all.",
    ].join("\n\n"),
  },
  on: {
    command(cmd, ctx) {
      // The `uv run` that wraps a command is reported, not the command it runs.
      if (cmd.buildTime || runsUnderUv(cmd)) return;
      const uv = uvInvocation(cmd);
      const relevant = uv ? uv.sub !== null && PROJECT_SUBCOMMANDS.has(uv.sub) : isPythonTool(cmd.name) && !isInterpreterProbe(cmd);
      const dir = knownDir(cmd.cwd);
      if (!relevant || dir === null) return;
      if (dir !== ".") {
        const setBy = cmd.cwd.kind === "known" ? cmd.cwd.setBy : undefined;
        if (setBy) return fromCd(cmd, uv, dir, setBy, ctx);
        // Without a cd, only a host's chosen directory counts (workflow working-directory, lefthook root).
        if (cmd.origin.endsWith("yaml:shell")) report(cmd, dir, "the step's working directory", rewrite(cmd, uv, dir, ctx).edits, "none", ctx);
        return;
      }
      const option = uv?.directory ?? uv?.project;
      const value = option?.value;
      if (!uv || !option || !value || value.value === null || value.placeholder || value.opaque) return;
      const target = path.posix.normalize(value.value).replace(/\/$/, "");
      if (target === "." || target.startsWith("..") || path.posix.isAbsolute(target)) return;
      const isDirectory = option === uv.directory;
      // As written (`--project=evio` too), so the user finds it in the file.
      const how = `\`${ctx.text(option.range)}\``;
      const member = memberOf(target, ctx);
      if (!member) return report(cmd, target, how, [], "none", ctx);
      // --project keeps the directory (paths stay as they are); --directory moves into it.
      const moved = isDirectory ? rebaseArguments(argumentsOf(cmd, uv), target, (p) => ctx.repo.exists(p)) : { edits: [], certain: true };
      const why = moved.certain ? doubt(cmd, uv, target, member, isDirectory ? moved.edits : null, ctx) : UNSURE_PATHS;
      report(cmd, target, how, [...dropOption(cmd, uv, option, member), ...moved.edits], why === null ? "safe" : { why }, ctx);
    },
  },
});

function fromCd(cmd: Command, uv: UvInvocation | null, dir: string, setBy: CwdChange, ctx: Ctx): void {
  const how = `after \`${ctx.text(setBy.range)}\``;
  // `cd a && uv run --directory b`: two moves; no rewrite is offered.
  if (!memberOf(dir, ctx) || uv?.directory || uv?.project) return report(cmd, dir, how, [], "none", ctx);
  const member = memberOf(dir, ctx)!;
  const { edits, certain } = rewrite(cmd, uv, dir, ctx);
  // Only a `cd DIR &&` (or `;`) right before the command can go with it.
  const adjacent = setBy.verb === "cd" && /^\s*(&&|;)\s*$/.test(ctx.text({ start: setBy.range.end, end: cmd.fullRange.start }));
  if (!adjacent) return report(cmd, dir, how, edits, "none", ctx);
  const all = [{ range: { start: setBy.range.start, end: cmd.fullRange.start }, text: "" }, ...edits];
  const first = !uv ? "it adds `uv run`, so the command runs in the project's environment" : !certain ? UNSURE_PATHS : doubt(cmd, uv, dir, member, edits, ctx);
  // Said even with another reason: applying the suggestion also moves the lines after it.
  const later = scopeEnds(cmd, setBy, ctx) ? null : "the `cd` also applies to the lines after it";
  const why = first !== null && later !== null ? `${first}; ${later}` : (first ?? later);
  report(cmd, dir, how, all, why === null ? "safe" : { why }, ctx);
}

/**
 * Why the command may do something else from the root; null when it is known not to. uv's own
 * project subcommands take `--package` (or act on the whole workspace); what `uv run` runs must
 * not read the working directory (`edits`: the rebased paths; null when the rewrite keeps the
 * working directory, as for `--project`). uv reads `.python-version` and `uv.toml` from the
 * folder it runs in.
 */
function doubt(cmd: Command, uv: UvInvocation, dir: string, member: Member, edits: readonly Rebased[] | null, ctx: Ctx): string | null {
  if (uv.sub === "build") return "where `uv build` writes `dist/` depends on the folder it runs in";
  if (uv.sub === null || (!TAKES_PACKAGE.has(uv.sub) && !WORKSPACE_WIDE.has(uv.sub))) return `\`uv ${uv.sub ?? ""}\` has no exact equivalent from the root (\`--package\` filters instead)`;
  if (uv.sub === "run" && edits !== null) {
    const why = cwdDependence(programOf(cmd, uv), edits, installsItself(member), member.name);
    if (why !== null) return why;
  }
  for (let d = dir; d !== "." && d !== ""; d = path.posix.dirname(d)) {
    const local = [".python-version", "uv.toml"].find((f) => ctx.repo.exists(`${d}/${f}`));
    if (local) return `uv reads \`${d}/${local}\` only when it runs in that folder`;
  }
  return null;
}

/** The command `uv run` runs; with uv's options before `run` the command model has not split it off, and then only a plain word right after `run` is sure. */
function programOf(cmd: Command, uv: UvInvocation): readonly Word[] {
  if (cmd.inner) return cmd.inner.words;
  const next = uv.subWord ? cmd.words.indexOf(uv.subWord) + 1 : cmd.words.length;
  return cmd.words[next]?.value?.startsWith("-") === false ? cmd.words.slice(next) : [];
}

/** uv installs a project into the environment when it has a build system (or `tool.uv.package = true`). */
function installsItself(member: Member): boolean {
  const setting = valueAt(member.toml.value, ["tool", "uv", "package"]);
  return typeof setting === "boolean" ? setting : valueAt(member.toml.value, ["build-system"]) !== undefined;
}

/** The member whose folder holds `dir` (the root project never counts: it is where we want to be). */
function memberOf(dir: string, ctx: Ctx): Member | undefined {
  const m = ctx.workspace.memberOwning(dir);
  return m && m.dir !== "." ? m : undefined;
}

/** The words that are arguments, not uv's choice of subcommand and project. */
function argumentsOf(cmd: Command, uv: UvInvocation | null) {
  const own = new Set([uv?.subWord, ...[uv?.package, uv?.directory, uv?.project].flatMap((o) => (o ? [o.flag, o.value] : []))]);
  return cmd.words.slice(1).filter((w) => !own.has(w));
}

/** `--package M` where the command has none (and `uv run` before a bare tool), and every path argument rebased onto the root. */
function rewrite(cmd: Command, uv: UvInvocation | null, dir: string, ctx: Ctx): { edits: Rebased[]; certain: boolean } {
  const member = memberOf(dir, ctx);
  const moved = rebaseArguments(argumentsOf(cmd, uv), dir, (p) => ctx.repo.exists(p));
  if (!member) return moved;
  const at = (offset: number, text: string): Rebased => ({ range: { start: offset, end: offset }, text });
  if (!uv) return { ...moved, edits: [at(cmd.range.start, `uv run --package ${member.name} `), ...moved.edits] };
  const add = uv.subWord && uv.sub && TAKES_PACKAGE.has(uv.sub) && !uv.package && !uv.allPackages;
  return { certain: moved.certain, edits: add ? [at(uv.subWord!.range.end, ` --package ${member.name}`), ...moved.edits] : moved.edits };
}

/** `--directory DIR` / `--project DIR` go; `--package M` takes their place when the command has none. */
function dropOption(cmd: Command, uv: UvInvocation, option: UvOption, member: Member): Rebased[] {
  const before = cmd.words[cmd.words.indexOf(option.flag) - 1]!;
  const drop = { range: { start: before.range.end, end: option.range.end }, text: "" };
  if (uv.package || uv.allPackages || !uv.sub || !TAKES_PACKAGE.has(uv.sub) || !uv.subWord) return [drop];
  const pkg = `--package ${member.name}`;
  if (option.flag.range.start > uv.subWord.range.end) return [{ range: { start: option.flag.range.start, end: option.range.end }, text: pkg }];
  return [drop, { range: { start: uv.subWord.range.end, end: uv.subWord.range.end }, text: ` ${pkg}` }];
}

/** The cd's effect ends with this command: `(cd DIR && cmd)`, or nothing but comments follows in its script. */
function scopeEnds(cmd: Command, setBy: CwdChange, ctx: Ctx): boolean {
  const text = ctx.file.text;
  let i = cmd.fullRange.end;
  while (text[i] === " " || text[i] === "\t") i++;
  if (text[i] === ")") return /\(\s*$/.test(text.slice(Math.max(0, setBy.range.start - 20), setBy.range.start));
  // the end of the string that holds the script: `bash -c "..."`, an alias body, inline code, a JSON string
  if (text[i] === '"' || text[i] === "'" || text[i] === "`") return true;
  if (i < text.length && text[i] !== "#" && text[i] !== "\n" && text[i] !== "\r") return false;
  // Only comments and blank lines may follow before the script ends: the file, a Markdown fence, a Nix '' string.
  const rest = text.slice(i).replace(/^(\s*#[^\n]*)*\s*/, "");
  return rest === "" || /^(```|~~~|''(?![$'\\]))/.test(rest);
}

function report(cmd: Command, dir: string, how: string, changes: readonly Rebased[], offer: Offer, ctx: Ctx): void {
  const command = ctx.text(cmd.range);
  const member = memberOf(dir, ctx);
  const setBy = cmd.cwd.kind === "known" && knownDir(cmd.cwd) === dir ? cmd.cwd.setBy : undefined;
  const related = setBy ? [{ message: `\`${ctx.text(setBy.range)}\` moves the shell into \`${dir}/\``, range: setBy.range }] : [];
  if (!member) return ctx.report(cmd.range, "notMember", { command, dir, how }, { related });
  const sorted = [...changes].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let instead = "";
  let at = Math.min(cmd.range.start, ...sorted.map((c) => c.range.start));
  for (const c of sorted) {
    instead += ctx.text({ start: at, end: c.range.start }) + c.text;
    at = c.range.end;
  }
  instead = (instead + ctx.text({ start: at, end: cmd.range.end })).trim();
  const data = { command, dir, how, member: member.name, pyproject: member.pyprojectPath, instead };
  if (offer === "none" || changes.length === 0 || packageWord(member.name) === null) return ctx.report(cmd.range, "member", data, { related });
  const change = { description: `Run it from the root: \`${instead}\``, edits: sorted.map((c) => ctx.replace(c.range, c.text)) };
  if (offer === "safe") return ctx.report(cmd.range, "member", data, { fix: { safety: "safe", ...change }, related });
  ctx.report(cmd.range, "memberSuggestion", { ...data, why: offer.why }, { suggest: [change], related });
}
