import { defineRule } from "../src/engine/define-rule.js";
import type { Member } from "../src/facts/python/workspace.js";
import { fromDir, knownDir, scriptSlot } from "../src/facts/shell/paths.js";
import { isPythonRequest, uvInvocation } from "../src/facts/shell/uv-commands.js";
import { packageWord } from "../src/text/quote.js";

const messages = {
  script: "`{{name}}` is a console script of member {{member}} ({{pyproject}} `[project.scripts]`); from the root `uv run` does not install it: use `uv run --package {{member}} {{name}}`.",
  path: "`{{path}}` lies in member {{member}} ({{pyproject}}); from the root `uv run` uses the root's environment: add `--package {{member}}`.",
  packageNotCommand: "`{{name}}` is a package, not a command (member {{member}}, {{pyproject}}): `uv run --package {{member}} python -m {{module}}`.",
  shortP: "`-p {{value}}` asks uv for a Python interpreter named `{{value}}` (`-p` is `--python`); to run in a member use `--package {{value}}`.",
  shortPMember: "`-p {{value}}` asks uv for a Python interpreter named `{{value}}` (`-p` is `--python`); {{value}} is a member ({{pyproject}}): use `--package {{value}}`.",
} as const;

/** `uv run` options that leave the root's default dependency groups out. */
const NO_DEFAULT_GROUPS = /^--(no-dev|only-dev|no-default-groups|only-group|no-group)(=|$)/;

export default defineRule({
  id: "uv-run-package",
  severity: "error",
  fix: "sometimes-safe",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Name the member with `--package` when `uv run` runs a member's command from the root",
    why: "From the root, `uv run` syncs and runs in the root project's environment; a member's console script (`[project.scripts]`) or a file inside a member's folder works only when that member happens to be installed, and breaks on a fresh clone or after `uv sync --package other`. `uv run --package M` installs M and its dependencies first, so the command runs the same everywhere. When the root itself installs M, `uv run` from the root already has M and nothing is reported: the root project depends on M (`[project] dependencies`), or a dependency group that `uv run` installs by default lists it (`dev`, or the groups of `[tool.uv] default-groups`; `\"all\"` means every group), with `M = { workspace = true }` in the root's `[tool.uv.sources]`; members those members depend on through workspace sources are installed too. With `--no-dev`, `--only-dev`, `--no-default-groups`, `--only-group` or `--no-group`, the root's groups are not counted. A member's name is no command (`uv run evio-core`), and `-p` is uv's short `--python`, not `--package`.",
    examples: [
      {
        file: "scripts/test.sh",
        bad: "uv run -p evio-core pytest",
        good: "uv run --package evio-core pytest",
      },
    ],
    fixSafety:
      "Safe: inserting `--package M` after `uv run` when M is certain: the console script is defined by exactly one member, or the path exists and lies in one member's folder, or `-p M` names a member (`-p` becomes `--package`). `-p NAME` where NAME is no member and no Python request gets a suggestion; `uv run NAME` for a member's package name gets a suggestion of `python -m`, since the module to run is a guess. A path that does not exist from the root is left to `run-path-exists` (one problem, one diagnostic): its fix adds `--package M` and M's folder together. Commands that already pass `--package`, `--all-packages`, `--project` or `--directory`, or that do not run from the root, are left alone.",
  },
  on: {
    command(cmd, ctx) {
      const uv = uvInvocation(cmd);
      if (!uv || uv.sub !== "run" || !uv.subWord || cmd.buildTime) return;
      const after = uv.subWord.range.end;
      // A member name that is no valid PEP 508 name is never written into the command.
      const addPackage = (member: string) =>
        packageWord(member) === null ? {} : { fix: { safety: "safe" as const, description: `Add \`--package ${member}\``, edits: [ctx.insert(after, ` --package ${member}`)] } };
      const p = uv.pythonShort;
      if (p && !uv.package && p.value.value !== null && !p.value.placeholder && !p.value.opaque && !isPythonRequest(p.value.value)) {
        const value = p.value.value;
        const member = ctx.workspace.memberByName(value);
        const change = { description: "Replace `-p` with `--package`", edits: [ctx.replace(p.flag.range, "--package")] };
        if (member) return ctx.report(p.range, "shortPMember", { value, pyproject: member.pyprojectPath }, { fix: { safety: "safe", ...change } });
        return ctx.report(p.range, "shortP", { value }, { suggest: [change] });
      }
      if (uv.package || uv.allPackages || uv.project || uv.directory || knownDir(cmd.cwd) !== ".") return;
      const inner = cmd.inner;
      const name = inner?.words[0];
      if (!inner || !name || name.value === null || name.placeholder || name.opaque) return;

      // What the root installs is there for `uv run` from the root (issue 10: a framework monorepo's dev group).
      const groups = !cmd.words.slice(1, uv.runsFrom).some((w) => w.value !== null && NO_DEFAULT_GROUPS.test(w.value));
      const installed = ctx.workspace.rootInstalls({ groups });
      const nonRoot = (m: Member | undefined) => (m && m.dir !== "." && !installed.has(m.normalizedName) ? m : undefined);
      const owners = ctx.workspace.scriptOwner(name.value);
      if (owners.length > 0) {
        const owner = owners.length === 1 ? nonRoot(owners[0]) : undefined;
        if (!owner) return; // the root's own script, or ambiguous
        const data = { name: name.value, member: owner.name, pyproject: owner.pyprojectPath };
        return ctx.report(cmd.range, "script", data, addPackage(owner.name));
      }
      const slot = scriptSlot(inner);
      const target = slot && slot.word.value !== null && !slot.word.placeholder ? fromDir(".", slot.word.value) : null;
      // A path that does not exist from the root is run-path-exists's finding (one diagnostic, one fix).
      const inMember = target === null || !ctx.repo.exists(target) ? undefined : nonRoot(ctx.workspace.memberOwning(target));
      if (slot && inMember) {
        const data = { path: slot.word.text, member: inMember.name, pyproject: inMember.pyprojectPath };
        return ctx.report(cmd.range, "path", data, addPackage(inMember.name));
      }
      const pkgMember = ctx.workspace.memberByName(name.value);
      const pkg = pkgMember && pkgMember.dir !== "." ? pkgMember : undefined;
      if (slot === null && pkg && packageWord(pkg.name) !== null && !name.value.includes("/")) {
        const module = pkg.normalizedName.replace(/-/g, "_");
        const instead = `--package ${pkg.name} python -m ${module}`;
        return ctx.report(cmd.range, "packageNotCommand", { name: name.value, member: pkg.name, pyproject: pkg.pyprojectPath, module }, {
          suggest: [{ description: `Replace with \`uv run ${instead}\``, edits: [ctx.replace(name.range, instead)] }],
        });
      }
    },
  },
});
