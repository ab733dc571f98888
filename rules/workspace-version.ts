import { satisfies, valid } from "@renovatebot/pep440";
import { defineRule } from "../src/engine/define-rule.js";
import { effectiveSources, requirementText } from "../src/facts/python/pyproject.js";

const messages = {
  unsatisfied:
    "`{{requirement}}` asks for a version workspace member `{{member}}` does not have (it is {{version}}); uv cannot resolve the workspace. Change the specifier to match {{version}}, or bump `{{member}}`'s version.",
} as const;

export default defineRule({
  id: "workspace-version",
  severity: "error",
  fix: "none",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Require dependencies on workspace members to accept the member's own version",
    why: "In a uv workspace a dependency on a member resolves to that member, at the version its pyproject.toml declares; there is no other version to choose. A specifier the member's version does not satisfy (`evio>=0.4.0` while evio is 0.1.0) makes `uv lock` fail for the whole workspace, usually long after the line was written. Checked in pyproject.toml files and in ```toml blocks of documents that show the workspace.",
    examples: [
      {
        file: "docs/workspace.md",
        bad: "```toml\n[tool.uv.workspace]\nmembers = [\"evio\", \"apps/*\"]\n```\n\n```toml\n[project]\nname = \"evio\"\nversion = \"0.1.0\"\n```\n\n```toml\n[project]\nname = \"detector-ui\"\nversion = \"0.1.0\"\ndependencies = [\"evio>=0.4.0\"]\n\n[tool.uv.sources]\nevio = { workspace = true }\n```\n",
        good: "```toml\n[tool.uv.workspace]\nmembers = [\"evio\", \"apps/*\"]\n```\n\n```toml\n[project]\nname = \"evio\"\nversion = \"0.1.0\"\n```\n\n```toml\n[project]\nname = \"detector-ui\"\nversion = \"0.1.0\"\ndependencies = [\"evio>=0.1.0\"]\n\n[tool.uv.sources]\nevio = { workspace = true }\n```\n",
      },
    ],
    fixSafety: "None: whether the specifier or the member's version is wrong is a decision for a person.",
  },
  on: {
    pyproject(fact, ctx) {
      if (!fact.isMember || !fact.project) return;
      for (const dependency of fact.project.dependencies) {
        const { requirement } = dependency;
        if (requirement.specifier === "") continue;
        const member = fact.memberNamed(requirement.name);
        if (member?.version === undefined || valid(member.version) === null) continue;
        // A git, URL or index source (or `workspace = false`) takes the dependency from elsewhere.
        const sources = effectiveSources(fact, requirement.name);
        if (sources.length > 0 && !sources.some((s) => s.kind === "workspace" || s.kind === "path")) continue;
        if (satisfies(member.version, requirement.specifier, { prereleases: true })) continue;
        ctx.report(dependency.range, "unsatisfied", { requirement: requirementText(requirement), member: member.name, version: member.version });
      }
    },
  },
});
