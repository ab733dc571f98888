import path from "node:path";
import { defineRule, type RuleContext } from "../src/engine/define-rule.js";
import type { PyprojectFacts, WorkspaceTable } from "../src/facts/python/pyproject.js";
import { tableAt, valueAt } from "../src/parse/toml.js";
import { isExcludedDir } from "../src/facts/python/member-globs.js";
import type { Member, WorkspaceModel } from "../src/facts/python/workspace.js";
import type { Range } from "../src/text/range.js";
import { declaresWorkspace } from "../src/discover/root.js";

const messages = {
  noWorkspace:
    "{{first}}{{more}} below the root belong to no workspace: the root pyproject.toml has no `[tool.uv.workspace]`. Add `[tool.uv.workspace] members = [...]` listing their folders.",
  noRootWorkspace:
    "`{{file}}` is a uv project, and {{others}} other pyproject.toml file{{s}} lie below the root, but the root has no pyproject.toml: each is locked on its own. Add a root pyproject.toml with `[tool.uv.workspace] members = [...]` listing their folders, so that one uv.lock covers them.",
  globMatchesNothing: "`{{pattern}}` matches no folder; fix the glob or remove it from `members`.",
  noPyproject: "`{{pattern}}` matches {{dirs}}, with no pyproject.toml; uv refuses such a member. Add a pyproject.toml, narrow the glob, or list the folder in `exclude`.",
  noProject: "`{{pattern}}` matches {{dirs}}, whose pyproject.toml has no `[project]` name; uv refuses such a member. Add `[project]` with a name, or list the folder in `exclude`.",
  notMember: "`{{file}}` is neither a workspace member nor excluded; {{advice}}",
  nestedWorkspace: "`[tool.uv.workspace]` belongs in the root pyproject.toml only; uv does not support nested workspaces. Move its members to the root's `[tool.uv.workspace]` and remove this table.",
  duplicateName: "`{{name}}` is also the name of the member in `{{other}}` (names compare as `{{normalized}}`); uv requires unique member names. Rename one of them.",
} as const;

type Ctx = RuleContext<typeof messages, Record<string, never>>;

export default defineRule({
  id: "workspace-members",
  severity: "error",
  fix: "none",
  needsWorkspace: false,
  messages,
  docs: {
    summary: "Require a root workspace whose members globs match real projects, and nothing outside it",
    why: "The contract is one uv workspace declared at the repository root. A `members` glob that matches nothing, or a folder without a pyproject.toml, is a typo or a leftover that uv rejects or silently ignores; a pyproject.toml that is neither a member nor excluded is a project that `uv sync` never installs and `uv lock` never locks; two members whose names normalize alike (`evio_core`, `Evio-Core`) cannot both exist in one lockfile; and uv refuses a `[tool.uv.workspace]` anywhere but the root.",
    examples: [
      {
        file: "workspace/libs/evio-core/pyproject.toml",
        bad: "[project]\nname = \"evio-core\"\nversion = \"0.1.0\"\n\n[tool.uv.workspace]\nmembers = [\"plugins/*\"]\n",
        good: "[project]\nname = \"evio-core\"\nversion = \"0.1.0\"\n",
      },
    ],
    fixSafety: "None: which folders are members is a decision for a person.",
  },
  on: {
    pyproject(fact, ctx) {
      if (fact.inDocs || fact.dir === undefined) return;
      const firstLine = { start: 0, end: ctx.file.lineEnd(1) };
      if (fact.isRoot) {
        if (fact.workspaceTable) return globs(fact.workspaceTable, ctx);
        // A project that another tool manages has chosen it: telling it to become a uv workspace is no finding.
        if (ANOTHER_MANAGER.some((t) => tableAt(fact.toml.value, ["tool", t])) || ANOTHER_LOCK.some((f) => ctx.repo.isFile(f))) return;
        const nested = fact.nestedPyprojects();
        if (nested.length === 0) return;
        const more = nested.length > 1 ? ` and ${nested.length - 1} more pyproject.toml file${nested.length > 2 ? "s" : ""}` : "";
        return ctx.report(fact.project?.tableRange ?? firstLine, "noWorkspace", { first: `\`${nested[0]}\``, more });
      }
      // Values first: a member without the table needs no range parse of its file.
      const nested = valueAt(fact.toml.value, ["tool", "uv", "workspace"]) !== undefined;
      const nestedTable = nested ? (fact.toml.tableRange(["tool", "uv", "workspace"]) ?? fact.toml.keyRange(["tool", "uv", "workspace"])) : undefined;
      if (nestedTable) ctx.report(nestedTable, "nestedWorkspace", undefined);
      if (!ctx.workspace.isWorkspace && !ctx.repo.isFile("pyproject.toml")) return nestedTable ? undefined : separateProjects(fact, ctx, firstLine);
      if (ctx.workspace.isWorkspace && !isPartOfWorkspace(fact.dir, ctx)) ctx.report(fact.project?.nameRange ?? firstLine, "notMember", { file: fact.path, advice: fact.project ? NOT_MEMBER.project : NOT_MEMBER.noProject });
      if (fact.isMember && fact.project) duplicateNames(fact, ctx);
    },
  },
});

// Without a `[project]` name the folder cannot become a member (uv refuses it, as noProject says): only `exclude` fits.
const NOT_MEMBER = {
  project: "uv treats it as a project of its own, outside the workspace and its uv.lock. Add its folder to `[tool.uv.workspace] members` in the root pyproject.toml, or to `exclude`.",
  noProject: "it has no `[project]` name, so it cannot be a member. Add its folder to `[tool.uv.workspace] exclude` in the root pyproject.toml, or give it a `[project]` with a name and add its folder to `members`.",
};

const ANOTHER_MANAGER = ["poetry", "pdm"];
const ANOTHER_LOCK = ["poetry.lock", "pdm.lock", "Pipfile", "Pipfile.lock"];

/**
 * No root pyproject.toml: projects in folders are reported only when this one shows it uses uv
 * (a `[tool.uv]` table, a uv.lock beside it) and it is not alone, since one Python tool in a Nix
 * or Rust repo is not a workspace to be.
 */
function separateProjects(fact: PyprojectFacts, ctx: Ctx, firstLine: Range): void {
  const usesUv = tableAt(fact.toml.value, ["tool", "uv"]) !== undefined || ctx.repo.isFile(path.posix.join(fact.dir!, "uv.lock"));
  if (!usesUv) return;
  const others = fact.nestedPyprojects();
  if (others.length === 0 || holdsWorkspace(ctx.workspace, [fact.path, ...others])) return;
  ctx.report(fact.project?.tableRange ?? firstLine, "noRootWorkspace", { file: fact.path, others: others.length, s: others.length > 1 ? "s" : "" });
}

/** A workspace in a folder (lint run from above it) is a root of its own, not separate projects. Once per run. */
const subfolderWorkspace = new WeakMap<WorkspaceModel, boolean>();
function holdsWorkspace(ws: WorkspaceModel, pyprojects: readonly string[]): boolean {
  let found = subfolderWorkspace.get(ws);
  if (found === undefined) {
    found = pyprojects.some((p) => declaresWorkspace(path.join(ws.root, p)));
    subfolderWorkspace.set(ws, found);
  }
  return found;
}

function globs(table: WorkspaceTable, ctx: Ctx): void {
  const list = (dirs: readonly string[]) => dirs.map((d) => `\`${d}\``).join(", ");
  for (const glob of table.globs) {
    if (glob.matches.length === 0) ctx.report(glob.range, "globMatchesNothing", { pattern: glob.pattern });
    if (glob.missingPyproject.length > 0) ctx.report(glob.range, "noPyproject", { pattern: glob.pattern, dirs: list(glob.missingPyproject) });
    if (glob.withoutProject.length > 0) ctx.report(glob.range, "noProject", { pattern: glob.pattern, dirs: list(glob.withoutProject) });
  }
}

/** Matched by a members glob (whatever uv then makes of it), or in or under an excluded folder. */
function isPartOfWorkspace(dir: string, ctx: Ctx): boolean {
  const ws = ctx.workspace;
  if (ws.memberAtDir(dir)?.dir === dir || indexOf(ws).globbed.has(dir)) return true;
  for (let d = dir; d !== "."; d = path.posix.dirname(d)) if (isExcludedDir(d, ws.excludes)) return true;
  return false;
}

function duplicateNames(fact: PyprojectFacts, ctx: Ctx): void {
  const project = fact.project!;
  const twin = indexOf(ctx.workspace).named.get(project.normalizedName)?.find((m) => m.dir !== fact.dir);
  if (twin && project.nameRange) {
    ctx.report(project.nameRange, "duplicateName", { name: project.name, other: twin.pyprojectPath, normalized: project.normalizedName });
  }
}

/** Built once per run: scanning every glob's matches and every member for each pyproject is quadratic. */
const indexes = new WeakMap<WorkspaceModel, { globbed: Set<string>; named: Map<string, Member[]> }>();
function indexOf(ws: WorkspaceModel): { globbed: Set<string>; named: Map<string, Member[]> } {
  let index = indexes.get(ws);
  if (!index) {
    const named = new Map<string, Member[]>();
    for (const m of ws.members) named.set(m.normalizedName, [...(named.get(m.normalizedName) ?? []), m]);
    index = { globbed: new Set(ws.memberGlobs.flatMap((g) => g.matches)), named };
    indexes.set(ws, index);
  }
  return index;
}
