import { defineRule } from "../src/engine/define-rule.js";
import type { Command } from "../src/facts/shell/command.js";
import { owningMember } from "../src/facts/python/members.js";
import { FOREIGN_PACKAGE_MANAGERS as MANAGERS, pythonModule, rewriteStart } from "../src/facts/shell/python-tools.js";

/** Subcommands with a one-to-one uv equivalent; `{m}` is the owning member, `{args}` the rest. */
const EQUIVALENT: Record<string, Record<string, string>> = {
  poetry: { install: "uv sync", lock: "uv lock", add: "uv add --package {m} {args}", remove: "uv remove --package {m} {args}", run: "uv run {args}" },
  pipenv: { install: "uv sync", sync: "uv sync", lock: "uv lock", run: "uv run {args}" },
  pdm: { install: "uv sync", sync: "uv sync", lock: "uv lock", add: "uv add --package {m} {args}", remove: "uv remove --package {m} {args}", run: "uv run {args}" },
  pipx: { install: "uv tool install {args}" },
};

export default defineRule({
  id: "no-foreign-package-manager",
  severity: "error",
  fix: "suggestion",
  needsWorkspace: true,
  messages: {
    manager: "`{{tool}}` manages Python packages outside the uv workspace; {{advice}}",
    venv: "`{{spelled}}` makes an environment uv does not manage; `uv sync` creates and fills `.venv` from uv.lock.",
    activate: "Activating a virtualenv (`{{spelled}}`) hides which environment runs; prefix commands with `uv run` instead.",
  },
  docs: {
    summary: "Disallow poetry, conda, pipenv, pdm, pipx install, virtualenv and activated venvs",
    why: "The contract has one tool for Python packages: uv, with one workspace and one uv.lock. Poetry, pipenv and pdm keep their own lockfiles; conda, mamba and micromamba their own environments (system libraries come from the Nix dev shell instead); `python -m venv`, `virtualenv` and `source .venv/bin/activate` make or select environments behind uv's back.",
    examples: [
      { file: "scripts/setup.sh", bad: "poetry install\nsource .venv/bin/activate\npoetry run pytest", good: "uv sync\nuv run pytest" },
      { file: "docs/setup.md", bad: "```bash\nconda env create -f environment.yml\n```", good: "```bash\nnix develop\nuv sync\n```" },
    ],
    fixSafety: "Suggestions only, where uv has a one-to-one command (`poetry install` -> `uv sync`, `poetry run X` -> `uv run X`, `pipx install X` -> `uv tool install X`); switching tools is a decision about the whole project.",
  },
  on: {
    command(cmd, ctx) {
      const name = cmd.name;
      if (name === null) return;
      const module = pythonModule(cmd);
      // `virtualenv` has no subcommands: it is `python -m virtualenv` under another name, not a package manager.
      if (module === "venv" || module === "virtualenv" || name === "virtualenv") {
        return ctx.report(cmd.range, "venv", { spelled: module ? `${name} -m ${module}` : name }, { suggest: [suggest(cmd, "uv sync", ctx)] });
      }
      if ((name === "source" || name === ".") && /(^|\/)bin\/activate(\.\w+)?$/.test(cmd.arg(0) ?? "")) {
        return ctx.report(cmd.range, "activate", { spelled: ctx.text(cmd.range) });
      }
      if (!MANAGERS.has(name) && !(name === "pipx" && cmd.arg(0) === "install")) return;
      const sub = cmd.arg(0) ?? "";
      const template = EQUIVALENT[name]?.[sub];
      const advice = name === "conda" || name === "mamba" || name === "micromamba"
        ? "system libraries come from the Nix dev shell and Python packages from `uv add --package <member> ...`."
        : template ? `use \`${expand(template, cmd, ctx)}\`.` : "use uv (`uv add`, `uv sync`, `uv run`).";
      ctx.report(cmd.range, "manager", { tool: sub ? `${name} ${sub}` : name, advice }, template ? { suggest: [suggest(cmd, expand(template, cmd, ctx), ctx)] } : undefined);
    },
  },
});

type Ctx = Parameters<NonNullable<Parameters<typeof defineRule>[0]["on"]["command"]>>[1];

function expand(template: string, cmd: Command, ctx: Ctx): string {
  const m = owningMember(cmd, ctx.workspace, ctx.defaultMember)?.name ?? "<member>";
  const args = cmd.words.slice(2).map((w) => w.text).join(" ");
  return template.replace("{m}", m).replace("{args}", args).trimEnd();
}

function suggest(cmd: Command, text: string, ctx: Ctx) {
  return { description: `Replace with \`${text}\``, edits: [ctx.replace({ start: rewriteStart(cmd), end: cmd.range.end }, text)] };
}
