import path from "node:path";
import { defineRule } from "../src/engine/define-rule.js";

/** File names that declare Python dependencies outside pyproject.toml, and what each is. */
function what(file: string): "requirements" | "pipfile" | "poetryLock" | "condaEnv" | null {
  const base = path.posix.basename(file);
  if (/^requirements([-_.].*)?\.(txt|in)$/.test(base) || (/\.(txt|in)$/.test(base) && path.posix.basename(path.posix.dirname(file)) === "requirements")) return "requirements";
  if (base === "Pipfile" || base === "Pipfile.lock") return "pipfile";
  if (base === "poetry.lock") return "poetryLock";
  if (base === "environment.yml" || base === "environment.yaml") return "condaEnv";
  return null;
}

export default defineRule({
  id: "no-requirements-files",
  severity: "error",
  fix: "none",
  needsWorkspace: true,
  messages: {
    requirements: "`{{file}}` declares dependencies outside pyproject.toml; import it with `uv add --package {{member}} -r {{file}}`, then delete it.",
    pipfile: "`{{file}}` is pipenv's; declare the dependencies in {{member}}'s pyproject.toml (`uv add --package {{member}} ...`) and delete it.",
    poetryLock: "`{{file}}` is poetry's lockfile; the workspace has one lockfile, the root uv.lock (`uv lock`). Delete it.",
    condaEnv: "`{{file}}` is a conda environment; system libraries belong in the Nix dev shell and Python packages in pyproject.toml (`uv add --package {{member}} ...`).",
  },
  docs: {
    summary: "Report requirements files, Pipfiles, poetry.lock and conda environment files",
    why: "Dependencies declared in a second place drift from pyproject.toml and uv.lock: one file gets updated, the other does not, and which one an environment came from is a guess. In a uv workspace the members' pyproject.toml files declare dependencies and the root uv.lock pins them; `uv add -r requirements.txt` imports an old file once.",
    examples: [
      {
        file: "requirements-dev.txt",
        bad: "pytest>=8\nruff",
        goodFile: "workspace/libs/evio-core/pyproject.toml",
        good: '[project]\nname = "evio-core"\nversion = "0.1.0"\n\n[dependency-groups]\ndev = ["pytest>=8", "ruff"]',
      },
    ],
    fixSafety: "None: the file is reported once, at its first line, and the message gives the `uv add --package M -r FILE` command that imports it; deleting it is left to a person.",
  },
  on: {
    file(file, ctx) {
      const kind = what(file.path);
      if (kind === null) return;
      const owner = ctx.workspace.memberOwning(file.path);
      const member = owner && owner.dir !== "." ? owner.name : (ctx.defaultMember ?? "<member>");
      ctx.report({ start: 0, end: 0 }, kind, { file: file.path, member });
    },
  },
});
