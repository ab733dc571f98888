import path from "node:path";
import { defineRule } from "../src/engine/define-rule.js";
import type { PyprojectFacts } from "../src/facts/python/pyproject.js";
import { tableAt } from "../src/parse/toml.js";
import type { Range } from "../src/text/range.js";

const messages = {
  lockInMember: "`{{file}}` is a second lockfile inside workspace member `{{member}}`; the workspace has one uv.lock at the root. Delete it and run `uv lock` from the root.",
  poetryLockInMember: "`{{file}}` is a Poetry lockfile inside workspace member `{{member}}`; uv ignores it and the root uv.lock is the one that counts. Delete it.",
  venvInMember: "`{{dir}}/.venv` is a virtual environment inside workspace member `{{member}}`; the workspace uses the root .venv (`uv sync` from the root). Delete it.",
  noRootLock: "The workspace has no uv.lock at the root; run `uv lock` and commit uv.lock so every machine installs the same versions.",
} as const;

export default defineRule({
  id: "single-lockfile",
  severity: "error",
  fix: "none",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Require one uv.lock at the workspace root and no lockfile or venv inside members",
    why: "A uv workspace resolves all members together into one uv.lock at the root, installed into one .venv at the root. A uv.lock or .venv inside a member comes from running uv in the member's folder as if it were a project of its own: it pins other versions, nobody updates it, and tools that find it first use it. A missing root uv.lock means every `uv sync` resolves afresh, so two machines get different versions.",
    examples: [
      {
        file: "pyproject.toml",
        bad: "# a workspace root with no uv.lock beside it\n[project]\nname = \"evio-evlib\"\nversion = \"0.1.0\"\n\n[tool.uv.workspace]\n",
        goodFile: "uv.lock",
        good: "version = 1\nrevision = 3\nrequires-python = \">=3.11\"\n\n[[package]]\nname = \"evio-evlib\"\nversion = \"0.1.0\"\nsource = { virtual = \".\" }\n",
      },
    ],
    fixSafety: "None: deleting a lockfile or an environment, or creating uv.lock, is done by a person (`rm`, `uv lock`).",
  },
  on: {
    file(fact, ctx) {
      const base = path.posix.basename(fact.path);
      if ((base !== "uv.lock" && base !== "poetry.lock") || fact.path === base) return;
      const member = ctx.workspace.memberOwning(fact.path);
      if (!member || member.dir === ".") return;
      const firstLine = { start: 0, end: fact.source ? fact.source.lineEnd(1) : 0 };
      ctx.report(firstLine, base === "uv.lock" ? "lockInMember" : "poetryLockInMember", { file: fact.path, member: member.name });
    },
    pyproject(fact, ctx) {
      if (fact.inDocs || fact.dir === undefined) return;
      if (!fact.isRoot && fact.isMember && fact.project && ctx.repo.isDir(path.posix.join(fact.dir, ".venv"))) {
        ctx.report(where(fact, ctx.file.lineEnd(1)), "venvInMember", { dir: fact.dir, member: fact.project.name });
      }
      if (fact.isRoot && needsLock(fact) && !ctx.repo.isFile("uv.lock")) {
        ctx.report(fact.workspaceTable!.range, "noRootLock", undefined);
      }
    },
  },
});

/**
 * A workspace root (`[tool.uv.workspace]`, the contract's one workspace) with something to lock: a
 * project of its own or a member. A lone project without a workspace is not this rule's business.
 */
function needsLock(fact: PyprojectFacts): boolean {
  if (!fact.workspaceTable || tableAt(fact.toml.value, ["tool", "uv"])?.["managed"] === false) return false;
  return fact.project !== undefined || fact.workspaceTable.globs.some((g) => g.matches.length > g.missingPyproject.length + g.withoutProject.length);
}

/** The `[project]` header, else the first line. */
function where(fact: PyprojectFacts, firstLineEnd: number): Range {
  return fact.project?.tableRange ?? { start: 0, end: firstLineEnd };
}
