import { defineRule } from "../src/engine/define-rule.js";
import { effectiveSources, isDirect, requirementText } from "../src/facts/python/pyproject.js";
import { declaredKey, declaredNames, lockedGroup, lockedGroupKey, type LockedPackage, type LockedRequirement } from "../src/facts/python/uv-lock.js";
import type { Dependency } from "../src/facts/python/dependencies.js";

const messages = {
  memberNotLocked: "Workspace member `{{member}}` is not in uv.lock; run `uv lock` and commit uv.lock.",
  dependencyNotLocked: "`{{requirement}}` ({{group}}) is not in uv.lock as declared{{locked}}; run `uv lock` and commit uv.lock.",
  staleMember: "uv.lock still locks `{{member}}`, which is no longer a workspace member; run `uv lock` and commit uv.lock.",
  staleDependency: "uv.lock locks `{{requirement}}` for `{{member}}` ({{group}}), which its pyproject.toml no longer declares; run `uv lock` and commit uv.lock.",
} as const;

export default defineRule({
  id: "lockfile-fresh",
  severity: "error",
  fix: "none",
  needsWorkspace: false,
  messages,
  docs: {
    summary: "Require the root uv.lock to match the workspace's members and declared dependencies",
    why: "uv.lock records, besides the resolution, what it was resolved for: `[manifest] members` and each member's `requires-dist` (dependencies and extras) and `requires-dev` (dependency groups). When a pyproject.toml changes and nobody runs `uv lock`, `uv sync --locked` and CI fail, and a plain `uv sync` silently re-resolves. This is an offline approximation of `uv lock --check`: it compares names, extras, version specifiers and the extra or group each requirement belongs to; other environment markers, indexes and `requires-python` are not compared. Declared-but-unlocked requirements are reported in the pyproject.toml that declares them; locked-but-gone entries in uv.lock.",
    examples: [
      {
        file: "uv.lock",
        bad: "version = 1\nrevision = 3\nrequires-python = \">=3.11\"\n\n[manifest]\nmembers = [\"legacy-tools\"]\n\n[[package]]\nname = \"legacy-tools\"\nversion = \"0.1.0\"\nsource = { virtual = \"tools\" }\n",
        good: "version = 1\nrevision = 3\nrequires-python = \">=3.11\"\n",
      },
    ],
    fixSafety: "None: the fix is to run `uv lock`, which resolves against the package index.",
  },
  on: {
    pyproject(fact, ctx) {
      if (fact.inDocs || !fact.isMember || !fact.project) return;
      const lock = ctx.workspace.lockfile();
      if (!lock) return;
      const { project } = fact;
      const pkg = lock.packageNamed(project.name);
      const listed = lock.manifestMembers?.some((m) => m.normalizedName === project.normalizedName) ?? true;
      if (!pkg || !listed) {
        if (project.nameRange) ctx.report(project.nameRange, "memberNotLocked", { member: project.name });
        return;
      }
      for (const dep of project.dependencies) {
        const { requirement, group } = dep;
        // A member (this one too, for `self[extra]`) is locked from the workspace; a missing source is workspace-sources' finding.
        const direct = ctx.workspace.memberByName(requirement.name) !== undefined || isDirect(effectiveSources(fact, requirement.name));
        const key = declaredKey(requirement, direct, group.kind === "optional" ? (group.name ?? "") : "");
        const locked = lockedGroup(pkg, group);
        if (locked.some((r) => r.key === key)) continue;
        const same = locked.find((r) => r.name === requirement.normalizedName);
        ctx.report(dep.range, "dependencyNotLocked", { requirement: requirementText(requirement), group: groupName(group), locked: same ? lockedAs(same, direct || requirement.url !== undefined) : "" });
      }
    },
    lockfile(fact, ctx) {
      if (!fact.isRoot) return;
      const { lock } = fact;
      const ws = ctx.workspace;
      for (const m of lock.manifestMembers ?? []) {
        if (!ws.memberByName(m.name) && m.range) ctx.report(m.range, "staleMember", { member: m.name });
      }
      for (const pkg of lock.packages) {
        const member = ws.memberByName(pkg.name);
        const listed = lock.manifestMembers?.some((m) => m.normalizedName === pkg.normalizedName) ?? true;
        if (!member || !listed) continue;
        const declared = declaredNames(member.toml.value);
        for (const [requirement, devGroup] of lockedEntries(pkg)) {
          if (declared.get(lockedGroupKey(requirement, devGroup))?.has(requirement.name) || !requirement.range) continue;
          const group = devGroup !== undefined ? { kind: "group" as const, name: devGroup } : requirement.extra ? { kind: "optional" as const, name: requirement.extra } : { kind: "project" as const };
          ctx.report(requirement.range, "staleDependency", { requirement: requirement.display, member: member.name, group: groupName(group) });
        }
      }
    },
  },
});

function lockedEntries(pkg: LockedPackage) {
  return [
    ...pkg.requiresDist.map((r) => [r, undefined] as const),
    ...[...pkg.requiresDev].flatMap(([group, list]) => list.map((r) => [r, group] as const)),
  ];
}

/** What uv.lock has instead; a changed source alone leaves the same text, so the source is named then. */
function lockedAs(locked: LockedRequirement, declaredDirect: boolean): string {
  if (locked.direct === declaredDirect) return ` (uv.lock has \`${locked.display}\`)`;
  return locked.direct ? ` (uv.lock has \`${locked.display}\` from a git, path or URL source)` : ` (uv.lock has \`${locked.display}\` from a package index, not the declared source)`;
}

function groupName(group: Dependency["group"]): string {
  if (group.kind === "optional") return `extra \`${group.name}\``;
  if (group.kind === "group") return `group \`${group.name}\``;
  return "dependencies";
}
