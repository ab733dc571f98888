import { addPackages } from "../src/fix/nix-packages.js";
import { defineRule } from "../src/engine/define-rule.js";
import { lowestCommonSeries } from "../src/facts/python/requires-python.js";
import { tableAt } from "../src/parse/toml.js";
import type { WorkspaceModel } from "../src/facts/python/workspace.js";

const messages = {
  missingUv: "Dev shell `{{name}}` has no `uv`; add `{{uv}}` so the workspace's Python packages come from uv.",
  missingPython: "Dev shell `{{name}}` has no Python interpreter; add `{{python}}` for uv to run the workspace with.",
  missingBoth: "Dev shell `{{name}}` has neither `uv` nor a Python interpreter; add `{{uv}}` and `{{python}}`.",
} as const;

export default defineRule({
  id: "nix-dev-shell-has-uv",
  severity: "error",
  fix: "suggestion",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Require `uv` and a Python interpreter in every dev shell",
    why: "The contract splits the work: the flake's dev shell gives Python and uv, uv gives every Python package. A shell without uv sends people to pip or to a uv from elsewhere with another version; a shell without Python leaves uv to download an interpreter Nix does not pin.",
    examples: [
      {
        file: "flake.nix",
        bad: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python311\n    pkgs.git\n  ];\n}\n",
        good: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python311\n    pkgs.uv\n    pkgs.git\n  ];\n}\n",
      },
    ],
    fixSafety:
      "Suggestion only: it adds `pkgs.uv` and the interpreter (the lowest `python3XY` from 3.10 up that every `requires-python` allows, else `python3`) to the shell's package list, spelled for its scope (`uv` under `with pkgs;`). uv counts wherever it comes from: `pkgs.uv`, an overlay's or another nixpkgs input's (`pkgs.unstable.uv`, `pkgs-unstable.uv`, `inputs.nixpkgs-unstable.legacyPackages.${system}.uv`), or a Python env holding it. A repo whose root pyproject.toml sets `[tool.uv] managed = true` or `python-preference = \"managed\"` (or `\"only-managed\"`) has chosen uv's own interpreters, so a shell without a Nix Python is not reported. Not reported either: a shell whose lists cannot be read completely (an unknown function, an import that is not there), a shell that sets no package list at all (only a `shellHook`), and shells in documentation (a doc shows the part of a shell it is about).",
    options: { ignoreShells: "dev shell names (`docs` for `devShells.docs`) that need neither uv nor Python" },
  },
  options: { ignoreShells: [] as string[] },
  optionsSchema: { ignoreShells: { type: "array", items: { type: "string" } } },
  on: {
    nix(facts, ctx) {
      if (ctx.inDocs) return;
      const specs = ctx.workspace.members.flatMap((m) => (m.requiresPython ? [m.requiresPython] : []));
      const series = lowestCommonSeries(specs);
      const managed = uvManagesPython(ctx.workspace);
      const pythonAttr = series && specs.length > 0 ? `python${series.replace(".", "")}` : "python3";
      for (const devShell of facts.devShells) {
        // A shell that sets no package list at all (only a shellHook) is a fragment, not a dev environment.
        if (!devShell.at.here || !devShell.complete || devShell.lists.length === 0 || ctx.options.ignoreShells.includes(devShell.name)) continue;
        const hasUv = devShell.packages.some((p) => p.meaning.kind === "uv" || p.meaning.kind === "python-uv" || (p.meaning.kind === "python-env" && p.meaning.hasUv));
        const hasPython = managed || devShell.interpreterInEnv || devShell.packages.some((p) => p.meaning.kind === "interpreter" || p.meaning.kind === "python-env");
        if (hasUv && hasPython) continue;
        const wanted = [...(hasUv ? [] : ["uv"]), ...(hasPython ? [] : [pythonAttr])];
        const addition = devShell.insertion && addPackages(ctx.file.text, devShell.insertion, wanted);
        const suggest = addition
          ? [{ description: `Add \`${addition.spelled.join("` and `")}\` to the shell's packages`, edits: [ctx.insert(addition.at, addition.text)] }]
          : [];
        const spelled = addition?.spelled ?? wanted.map((a) => `pkgs.${a}`);
        const uv = spelled[0]!;
        const python = spelled[spelled.length - 1]!;
        const messageId = hasUv ? "missingPython" : hasPython ? "missingUv" : "missingBoth";
        ctx.report(devShell.at.range, messageId, { name: devShell.name, uv, python }, { suggest });
      }
    },
  },
});

/** `[tool.uv] managed = true` or a managed `python-preference` at the root: uv brings the interpreter, by the project's choice. */
function uvManagesPython(ws: WorkspaceModel): boolean {
  const uv = tableAt(ws.rootPyproject?.toml.value, ["tool", "uv"]);
  return uv?.["managed"] === true || uv?.["python-preference"] === "managed" || uv?.["python-preference"] === "only-managed";
}
