import { defineRule } from "../src/engine/define-rule.js";

const messages = {
  build: "`{{name}}` builds a Python package with Nix; uv builds and installs this workspace's packages: drop the Nix build and use `uv sync` (or `uv build` for a wheel).",
  poetry2nix: "poetry2nix builds Python packages from Poetry metadata with Nix; this workspace is managed by uv: remove the input and its builders, and use `uv sync`.",
} as const;

export default defineRule({
  id: "nix-no-python-build",
  severity: "error",
  fix: "none",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Disallow building Python packages with Nix (buildPythonPackage, poetry2nix)",
    why: "A Python package built by Nix resolves its dependencies from nixpkgs, not from uv.lock: the same import gets other versions in the Nix build than in `uv run`, and the package's dependencies are declared twice. The contract keeps Nix to system packages; uv builds, locks and installs every workspace member.",
    examples: [
      {
        file: "flake.nix",
        bad: "{ pkgs }: pkgs.python3Packages.buildPythonApplication {\n  pname = \"evio\";\n  version = \"0.1.0\";\n  pyproject = true;\n}\n",
        good: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.uv ];\n}\n",
      },
    ],
    fixSafety: "None: what replaces a Nix-built package (a workspace member, a `uv build` step, a container) is a design decision.",
  },
  on: {
    nix(facts, ctx) {
      for (const build of facts.pythonBuilds) {
        if (!build.at.here) continue;
        if (build.name === "poetry2nix") ctx.report(build.at.range, "poetry2nix", undefined);
        else ctx.report(build.at.range, "build", { name: build.name });
      }
    },
  },
});
