import path from "node:path";
import { defineRule, type RuleContext } from "../src/engine/define-rule.js";
import { effectiveSources, requirementText, sourceKey, type PyprojectFacts } from "../src/facts/python/pyproject.js";
import { tableAt } from "../src/parse/toml.js";

/** Keys a `path` source may have that a `workspace` source keeps meaning for. */
const KEPT_BY_WORKSPACE = new Set(["path", "editable", "marker", "extra", "group"]);

const messages = {
  missing:
    "`{{requirement}}` names workspace member `{{member}}`, but no `[tool.uv.sources]` entry says so; uv would fetch `{{member}}` from the package index. Add `{{name}} = { workspace = true }` to `[tool.uv.sources]`.",
  pathToMember:
    "The `path` source of `{{name}}` points at workspace member `{{member}}` ({{dir}}); declare it as `{{name}} = { workspace = true }` so uv locks the member itself.",
  notMember: "`{{name}} = { workspace = true }` names no workspace member; uv fails with \"not a workspace member\". Fix the name or add the member to `[tool.uv.workspace] members`.",
} as const;

type Ctx = RuleContext<typeof messages, Record<string, never>>;

export default defineRule({
  id: "workspace-sources",
  severity: "error",
  fix: "safe",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Require `{ workspace = true }` sources for dependencies on workspace members",
    why: "A dependency on another member is only a dependency on the member's name until `[tool.uv.sources] name = { workspace = true }` tells uv where it lives; without it uv looks the name up on the package index and locks whatever it finds there (or fails). A `path = \"../member\"` source works by accident: the member is then locked as a path dependency, outside the workspace's own editable install. Sources in the root pyproject.toml apply to every member (uv's rule), so a member needs no entry of its own when the root declares one. Checked in pyproject.toml files and in ```toml blocks of documents that show the workspace.",
    examples: [
      {
        file: "docs/workspace.md",
        bad: "# Workspace\n\n```toml\n[tool.uv.workspace]\nmembers = [\"libs/*\", \"apps/*\"]\n```\n\n```toml\n[project]\nname = \"evio-core\"\nversion = \"0.1.0\"\n```\n\n```toml\n[project]\nname = \"detector-ui\"\nversion = \"0.1.0\"\ndependencies = [\"evio-core\"]\n```\n",
        good: "# Workspace\n\n```toml\n[tool.uv.workspace]\nmembers = [\"libs/*\", \"apps/*\"]\n```\n\n```toml\n[project]\nname = \"evio-core\"\nversion = \"0.1.0\"\n```\n\n```toml\n[project]\nname = \"detector-ui\"\nversion = \"0.1.0\"\ndependencies = [\"evio-core\"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }\n```\n",
      },
    ],
    fixSafety:
      "Safe: the fix adds `name = { workspace = true }` at the end of the existing `[tool.uv.sources]` table (or inline table), or appends a `[tool.uv.sources]` table at the end of the file, and replaces `path = \"...\"` with `workspace = true` in a path source that points at a member; nothing else in the file changes. No fix when the sources are spread over dotted keys or `[tool.uv.sources.name]` tables, or when the path source has keys a workspace source does not take. In documentation the change is a suggestion.",
  },
  on: {
    pyproject(fact, ctx) {
      if (fact.isMember && fact.project) missingSources(fact, ctx);
      // Paths and membership need the file tree: documentation blocks have none.
      if (fact.dir === undefined) return;
      for (const source of fact.sources) {
        if (source.kind === "workspace" && !ctx.workspace.memberByName(source.name) && source.keyRange) {
          ctx.report(source.keyRange, "notMember", { name: source.name });
        }
        if (source.kind !== "path" || source.path === undefined || path.posix.isAbsolute(source.path)) continue;
        const member = fact.memberAtDir(path.posix.normalize(path.posix.join(fact.dir, source.path)));
        if (member) pathToMember(fact, ctx, source.tomlPath, source.name, member.name, member.dir ?? "");
      }
    },
  },
});

function missingSources(fact: PyprojectFacts, ctx: Ctx): void {
  for (const dependency of fact.project!.dependencies) {
    const { requirement } = dependency;
    const member = fact.memberNamed(requirement.name);
    // `name @ url` and any source of the file's or the root's own are a choice someone made.
    if (!member || requirement.url !== undefined || effectiveSources(fact, requirement.name).length > 0) continue;
    const insertion = fact.sourceInsertion(requirement.name);
    // The entry as the fix writes it, so that one copied from the message parses as the same source.
    const key = sourceKey(requirement.name);
    const change = insertion && {
      description: `Add \`${key} = { workspace = true }\` to [tool.uv.sources]`,
      edits: [ctx.insert(insertion.at, insertion.text)],
    };
    const data = { requirement: requirementText(requirement), member: member.name, name: key };
    ctx.report(dependency.range, "missing", data, change && (fact.inDocs ? { suggest: [change] } : { fix: { safety: "safe", ...change } }));
  }
}

function pathToMember(fact: PyprojectFacts, ctx: Ctx, at: readonly (string | number)[], name: string, member: string, dir: string): void {
  const keyRange = fact.toml.keyRange([...at, "path"]);
  const valueRange = fact.toml.valueRange([...at, "path"]);
  if (!keyRange || !valueRange) return;
  const keys = Object.keys(tableAt(fact.toml.value, at) ?? {});
  const fixable = keys.every((key) => KEPT_BY_WORKSPACE.has(key));
  const fix = fixable
    ? { fix: { safety: "safe" as const, description: `Replace the path with \`workspace = true\``, edits: [ctx.replace({ start: keyRange.start, end: valueRange.end }, "workspace = true")] } }
    : undefined;
  ctx.report(valueRange, "pathToMember", { name, member, dir }, fix);
}
