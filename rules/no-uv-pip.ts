import { defineRule } from "../src/engine/define-rule.js";
import { owningMember } from "../src/facts/python/members.js";
import { rewriteStart, uvPipInvocation } from "../src/facts/shell/python-tools.js";

/** `uv pip` subcommands that change an environment or pin outside uv.lock; list/show/freeze/tree/check only read it. */
const WRITES = new Set(["install", "sync", "compile", "uninstall"]);

export default defineRule({
  id: "no-uv-pip",
  severity: "error",
  fix: "suggestion",
  needsWorkspace: true,
  messages: {
    uvPip: "`uv pip {{sub}}` changes the environment without pyproject.toml or uv.lock; use `{{instead}}`.",
    // compile installs nothing: saying it "changes the environment" would be false.
    uvPipCompile: "`uv pip compile` writes pins to a requirements file that `uv sync` never reads; the workspace's pins live in uv.lock: use `{{instead}}`.",
  },
  docs: {
    summary: "Disallow `uv pip install`, `sync`, `compile` and `uninstall`",
    why: "`uv pip` is uv's pip-compatible interface: it installs into the venv without recording anything in a member's pyproject.toml or in uv.lock, so the next `uv sync` removes what it installed and nobody else gets it. In a workspace, dependencies are declared with `uv add --package`, and environments are made with `uv sync`.",
    examples: [
      { file: "scripts/setup.sh", bad: "uv pip install -r requirements.txt", good: "uv sync" },
      { file: "docs/setup.md", bad: "```bash\nuv pip compile pyproject.toml -o requirements.txt\n```", good: "```bash\nuv lock\n```" },
    ],
    fixSafety: "Suggestion only: `uv add` edits a member's pyproject.toml, and which member should own a dependency, or whether a requirements file should be imported at all, is a person's decision.",
  },
  on: {
    command(cmd, ctx) {
      const u = uvPipInvocation(cmd);
      if (!u || u.sub === null || !WRITES.has(u.sub)) return;
      const member = owningMember(cmd, ctx.workspace, ctx.defaultMember)?.name ?? "<member>";
      const args = cmd.words.slice(u.argsFrom).map((w) => w.text);
      const editable = args.includes("-e") || args.includes("--editable");
      const instead =
        u.sub === "install" && !editable && args.length > 0
          ? ["uv add --package", member, ...args.filter((a) => a !== "--system" && a !== "--user")].join(" ")
          : u.sub === "uninstall"
            ? ["uv remove --package", member, ...args.filter((a) => a !== "-y" && a !== "--yes")].join(" ")
            : u.sub === "compile"
              ? "uv lock"
              : "uv sync";
      ctx.report(cmd.range, u.sub === "compile" ? "uvPipCompile" : "uvPip", { sub: u.sub, instead }, {
        suggest: [{ description: `Replace with \`${instead}\``, edits: [ctx.replace({ start: rewriteStart(cmd), end: cmd.range.end }, instead)] }],
      });
    },
  },
});
