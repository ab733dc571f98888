import { defineRule, type RuleContext } from "../src/engine/define-rule.js";
import type { Command, Word } from "../src/facts/shell/command.js";
import { owningMember } from "../src/facts/python/members.js";
import { pipInvocation, rewriteStart, USER_SITE_VARIABLES, type PipInvocation } from "../src/facts/shell/python-tools.js";
import type { TextEdit } from "../src/text/edit.js";

/** pip flags that say nothing about which packages: dropped by the rewrite to `uv add`. */
const DROPPED = new Set(["--user", "-q", "--quiet", "--no-input", "--disable-pip-version-check"]);

const messages = {
  install: "`{{pip}} install` bypasses uv.lock and the workspace; use `{{instead}}`.",
  installOptions: "`{{pip}} install` bypasses uv.lock and the workspace; declare the packages with `{{head}} NAME...`: its options ({{options}}) have no 1:1 uv spelling (see `uv add --help` and `[tool.uv]`).",
  userInstall: "`{{pip}} install --user` writes to ~/.local, outside the uv environment; use `{{instead}}`.",
  editable: "`{{pip}} install -e` bypasses the workspace; members are installed editable by `{{instead}}`.",
  upgradePip: "Upgrading pip is not needed: uv does not use it; run `uv sync`.",
  docker: "`{{pip}} install -r` in an image bypasses uv.lock; copy the lockfile and run `uv sync --locked`.",
  inspect: "`{{pip}} {{sub}}` inspects an environment uv does not manage; use `uv tree` (or `uv pip list` to see the venv).",
  freeze: "`{{pip}} freeze` pins an environment uv does not manage; the workspace's pins are uv.lock: use `uv export --format requirements-txt` (or `uv pip freeze` to see the venv).",
  other: "`{{pip}}` manages packages outside uv; use uv (`uv add`, `uv remove`, `uv sync`) instead.",
  easyInstall: "`easy_install` installs packages outside uv; use `uv add --package <member> ...`.",
  userSite: "`{{name}}` sends pip installs to the user site (~/.local), outside the uv environment; remove it and use `uv sync`.",
} as const;

type Ctx = RuleContext<typeof messages, Record<string, never>>;

export default defineRule({
  id: "no-pip",
  severity: "error",
  fix: "sometimes-safe",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Disallow pip, easy_install and user-site installs",
    why: "In a uv workspace every Python dependency is declared in a member's pyproject.toml and pinned in the one uv.lock. `pip install` changes an environment without touching either, so the next `uv sync` undoes it and nobody else gets the package. `--user`, `PIP_USER` and `PYTHONUSERBASE` install into ~/.local, shared by every project on the machine.",
    examples: [
      { file: "workspace/libs/evio-core/setup.sh", bad: "pip install requests", good: "uv add --package evio-core requests" },
      { file: "flake.nix", bad: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    export PIP_USER=1\n    pip install -r requirements-dev.txt\n  '';\n}", good: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv sync\n  '';\n}" },
    ],
    fixSafety:
      "`pip install NAME...` and `pip install -r FILE` become `uv add --package M ...` (dropping `--user` and `-q`). The fix is safe only when the member M is certain: the command runs in M's folder, the file lies in M, or the config names a `defaultMember`; otherwise it is a suggestion. `pip install -e .`, `--upgrade pip`, index and cache options, and Dockerfile installs get a suggestion or a message, never a rewrite.",
  },
  on: {
    command(cmd, ctx) {
      for (const a of cmd.assignments) {
        if (USER_SITE_VARIABLES.has(a.name)) ctx.report(a.range, "userSite", { name: a.name });
      }
      const pip = pipInvocation(cmd);
      if (!pip) return;
      if (cmd.name?.startsWith("easy_install")) return ctx.report(cmd.range, "easyInstall", undefined);
      if (pip.sub === "install") return install(cmd, pip, ctx);
      if (pip.sub === "freeze") return ctx.report(cmd.range, "freeze", { pip: pip.spelled });
      if (pip.sub === "list" || pip.sub === "show") {
        return ctx.report(cmd.range, "inspect", { pip: pip.spelled, sub: pip.sub });
      }
      // `pip --version` and `pip help` change nothing.
      if (pip.sub === null || pip.sub === "--version" || pip.sub === "-V" || pip.sub === "help") return;
      ctx.report(cmd.range, "other", { pip: `${pip.spelled} ${pip.sub}` });
    },
  },
});

function install(cmd: Command, pip: PipInvocation, ctx: Ctx): void {
  const args = cmd.words.slice(pip.argsFrom);
  // In prose, "`pip install` bypasses ..." names the command; with nothing to install it cannot run.
  if (ctx.inDocs && args.length === 0) return;
  const member = owningMember(cmd, ctx.workspace, ctx.defaultMember);
  const m = member?.name ?? "<member>";
  const start = rewriteStart(cmd);
  const replaceAll = (text: string) => [ctx.replace({ start, end: cmd.range.end }, text)];
  const values = args.map((w) => w.value);

  if (ctx.origin === "dockerfile:shell" || ctx.origin === "markdown:dockerfile") {
    return ctx.report(cmd.range, "docker", { pip: pip.spelled }, { suggest: [{ description: "Replace with `uv sync --locked`", edits: replaceAll("uv sync --locked") }] });
  }
  if (values.includes("-e") || values.includes("--editable")) {
    const instead = member ? `uv sync --package ${m}` : "uv sync";
    return ctx.report(cmd.range, "editable", { pip: pip.spelled, instead }, { suggest: [{ description: `Replace with \`${instead}\``, edits: replaceAll(instead) }] });
  }
  if (values.includes("pip") && (values.includes("-U") || values.includes("--upgrade"))) {
    return ctx.report(cmd.range, "upgradePip", undefined, { suggest: [{ description: "Replace with `uv sync`", edits: replaceAll("uv sync") }] });
  }

  const plan = rewrite(args);
  const head = `uv add --package ${m}`;
  const packages = (plan?.kept ?? args).map((w) => w.text);
  // `xargs pip install < reqs` names its packages elsewhere (xargs' input): a bare `uv add --package M` would fail, so `...` keeps their place.
  const instead = [head, ...(packages.length > 0 ? packages : ["..."])].join(" ");
  const messageId = values.includes("--user") ? "userInstall" : "install";
  if (!plan) {
    // `--index-url`, `--no-cache-dir`, ...: copying pip's options into `uv add` could advise one uv lacks.
    const options = args.filter((w) => w.value?.startsWith("-") && !DROPPED.has(w.value)).map((w) => `\`${w.text}\``);
    return ctx.report(cmd.range, "installOptions", { pip: pip.spelled, head, options: options.join(", ") });
  }
  if (plan.kept.length === 0) return ctx.report(cmd.range, messageId, { pip: pip.spelled, instead });
  const edits: (TextEdit | null)[] = [ctx.replace({ start, end: pip.head.end }, head), ...plan.dropped.map((r) => ctx.remove(r))];
  const change = { description: `Replace with \`${instead}\``, edits };
  ctx.report(cmd.range, messageId, { pip: pip.spelled, instead }, member ? { fix: { safety: "safe", ...change } } : { suggest: [change] });
}

/** Package names and `-r FILE` are kept; the flags in DROPPED go; anything else has no rewrite. */
function rewrite(args: readonly Word[]): { kept: Word[]; dropped: { start: number; end: number }[] } | null {
  const kept: Word[] = [];
  const gone: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === "-r" || v === "--requirement") {
      if (!args[i + 1]) return null;
      kept.push(args[i]!, args[++i]!);
    } else if (v !== null && DROPPED.has(v)) gone.push(i);
    else if (v !== null && v.startsWith("-")) return null;
    else kept.push(args[i]!);
  }
  // Each run of dropped flags goes with the blank after it (or, at the end, the blank before it).
  const dropped: { start: number; end: number }[] = [];
  for (let k = 0; k < gone.length; ) {
    let last = k;
    while (last + 1 < gone.length && gone[last + 1] === gone[last]! + 1) last++;
    const from = gone[k]!;
    const to = gone[last]!;
    const next = args[to + 1];
    dropped.push(next ? { start: args[from]!.range.start, end: next.range.start } : { start: args[from - 1]?.range.end ?? args[from]!.range.start, end: args[to]!.range.end });
    k = last + 1;
  }
  return { kept, dropped };
}
