import { defineRule } from "../src/engine/define-rule.js";
import { pipInvocation, USER_SITE_VARIABLES } from "../src/facts/python-tools.js";

export default defineRule({
  id: "no-pip",
  severity: "error",
  fix: "none",
  messages: {
    install: "`{{pip}} install` bypasses uv.lock and the workspace; declare the dependency with `uv add --package <member> ...` instead.",
    userInstall: "`{{pip}} install --user` writes to ~/.local, outside the uv environment; use `uv add --package <member> ...`.",
    inspect: "`{{pip}} {{sub}}` inspects an environment uv does not manage; use `uv tree` (or `uv pip list` to see the venv).",
    other: "`{{pip}}` manages packages outside uv; use uv (`uv add`, `uv remove`, `uv sync`) instead.",
    easyInstall: "`easy_install` installs packages outside uv; use `uv add --package <member> ...`.",
    userSite: "`{{name}}` sends pip installs to the user site (~/.local), outside the uv environment; remove it and use `uv sync`.",
  },
  docs: {
    summary: "Disallow pip, easy_install and user-site installs",
    why: "In a uv workspace every Python dependency is declared in a member's pyproject.toml and pinned in the one uv.lock. `pip install` changes an environment without touching either, so the next `uv sync` undoes it and nobody else gets the package. `--user`, `PIP_USER` and `PYTHONUSERBASE` install into ~/.local, shared by every project on the machine.",
    examples: [
      { file: "scripts/setup.sh", bad: "pip install requests", good: "uv add --package evio-core requests" },
      { file: "flake.nix", bad: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    export PIP_USER=1\n    pip install -r requirements-dev.txt\n  '';\n}", good: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv sync\n  '';\n}" },
    ],
    fixSafety: "No automatic fix yet: which member should own a dependency is known only when the command's directory or the config names one.",
  },
  on: {
    command(cmd, ctx) {
      for (const a of cmd.assignments) {
        if (USER_SITE_VARIABLES.has(a.name)) ctx.report(a.range, "userSite", { name: a.name });
      }
      const pip = pipInvocation(cmd);
      if (!pip) return;
      if (cmd.name?.startsWith("easy_install")) return ctx.report(cmd.range, "easyInstall", undefined);
      if (pip.sub === "install") {
        // In prose, "`pip install` bypasses ..." names the command; with nothing to install it cannot run.
        if (ctx.doc && cmd.words.length <= pip.argsFrom) return;
        const user = cmd.words.slice(pip.argsFrom).some((w) => w.value === "--user");
        return ctx.report(cmd.range, user ? "userInstall" : "install", { pip: pip.spelled });
      }
      if (pip.sub === "list" || pip.sub === "freeze" || pip.sub === "show") {
        return ctx.report(cmd.range, "inspect", { pip: pip.spelled, sub: pip.sub });
      }
      // `pip --version` and `pip help` change nothing.
      if (pip.sub === null || pip.sub === "--version" || pip.sub === "-V" || pip.sub === "help") return;
      ctx.report(cmd.range, "other", { pip: `${pip.spelled} ${pip.sub}` });
    },
  },
});
