import { defineRule } from "../src/engine/define-rule.js";
import { owningMember } from "../src/facts/python/members.js";
import { isInterpreterProbe, isPythonTool, pipInvocation, pythonModule, runsUnderUv } from "../src/facts/shell/python-tools.js";

export default defineRule({
  id: "no-bare-python",
  severity: "warning",
  fix: "unsafe",
  needsWorkspace: true,
  messages: {
    bare: "`{{tool}}` runs outside the workspace environment; run it as `{{instead}} {{tool}}`.",
  },
  docs: {
    summary: "Run Python and Python tools through `uv run`",
    why: "A bare `python`, `pytest` or `ruff` is whatever is first on PATH: the Nix interpreter without the workspace's packages, a stale activated venv, or a tool of another version than uv.lock pins. `uv run --package M` syncs the member's environment and runs in it, from the root, the same way on every machine.",
    examples: [
      { file: "scripts/test.sh", bad: "pytest -q", good: "uv run pytest -q" },
      { file: "docs/run.md", bad: "```bash\npython -m evio_core.loaders\n```", good: "```bash\nuv run --package evio-core python -m evio_core.loaders\n```" },
    ],
    fixSafety: "Unsafe (applied with `--unsafe-fixes`): prefixing `uv run --package M` (or `uv run` when the member is not certain) syncs the environment first and may run a different interpreter than before. Interpreter probes (`python --version`), commands inside Nix builds, `python -m pip` / `-m venv` (other rules) and a command word that is a Nix store path are left alone.",
  },
  on: {
    command(cmd, ctx) {
      if (!isPythonTool(cmd.name) || runsUnderUv(cmd) || cmd.buildTime) return;
      if (isInterpreterProbe(cmd) || pipInvocation(cmd)) return;
      const module = pythonModule(cmd);
      if (module === "pip" || module === "venv" || module === "virtualenv") return;
      const member = owningMember(cmd, ctx.workspace, ctx.defaultMember);
      const instead = member ? `uv run --package ${member.name}` : "uv run";
      const word = cmd.words[0]!;
      const tool = cmd.name!;
      // `${pkgs.python3}/bin/python` names an interpreter on purpose; `.venv/bin/python` is the
      // workspace's own and becomes plain `python` under uv run.
      if (word.opaque) return ctx.report(cmd.range, "bare", { tool, instead });
      const edit = word.text.includes("/") ? ctx.replace(word.range, `${instead} ${tool}`) : ctx.insert(word.range.start, `${instead} `);
      ctx.report(cmd.range, "bare", { tool, instead }, { fix: { safety: "unsafe", description: `Run it with \`${instead}\``, edits: [edit] } });
    },
  },
});
