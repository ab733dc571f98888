import { defineRule, type RuleContext } from "../src/engine/define-rule.js";
import type { NixPackage } from "../src/facts/nix-shell.js";

const messages = {
  pythonPackage: "`{{text}}` is a Python package from nixpkgs; Python packages belong to uv: add it to {{pyproject}} with `{{command}}` and remove it here.",
  pythonUv: "`{{text}}` is uv built as a Python package; use the `uv` application from nixpkgs (`pkgs.uv`) instead.",
  packageManager: "`{{text}}` brings {{name}}, a Python package manager; uv is the only one in this workspace: remove it and use `uv add` / `uv sync`.",
  pythonEnv: "`{{text}}` is `{{call}} (...)` ({{where}}): a Python environment built by Nix; list the bare interpreter and declare its packages with `uv add`.",
  withPackages: "`{{call}}` bundles Python packages from nixpkgs into the interpreter; use `{{interpreter}}` and declare the packages in pyproject.toml with `uv add`.",
} as const;

type Ctx = RuleContext<typeof messages, Record<string, never>>;

export default defineRule({
  id: "nix-no-python-packages",
  severity: "error",
  fix: "sometimes-safe",
  messages,
  docs: {
    summary: "Disallow Python packages from nixpkgs in dev shells",
    why: "The flake gives system packages (Python itself, uv, native libraries); uv gives every Python package, pinned in the one uv.lock. A `python3Packages.numpy` or a `python.withPackages (ps: ...)` env in the dev shell is a second, unpinned source of the same imports: its versions differ from uv.lock, it shadows the uv environment or is shadowed by it, and nobody without Nix gets it.",
    examples: [
      {
        file: "flake.nix",
        bad: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python311\n    pkgs.uv\n    pkgs.python311Packages.numpy\n  ];\n}\n",
        good: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python311\n    pkgs.uv\n  ];\n}\n",
      },
      {
        file: "nix/flake-module.nix",
        bad: "{\n  perSystem = { pkgs, ... }:\n    let\n      pythonEnv = pkgs.python312.withPackages (ps: with ps; [ torch ]);\n    in {\n      devShells.default = pkgs.mkShell { packages = [ pythonEnv pkgs.uv ]; };\n    };\n}\n",
        good: "{\n  perSystem = { pkgs, ... }: {\n    devShells.default = pkgs.mkShell { packages = [ pkgs.python312 pkgs.uv ]; };\n  };\n}\n",
      },
    ],
    fixSafety:
      "Safe: removing an element that stands alone in a list literal (with its line and trailing comment when it has the line to itself), since the message says where the package goes instead. Unsafe: `python.withPackages (ps: [...])` becomes `python`, which drops the packages from the shell until they are added with uv. `python3Packages.uv` gets a suggestion to use `pkgs.uv`, never a removal (the shell would lose uv). An element reached through a binding (`pythonEnv`) is reported without a fix: the fix belongs to the binding. A bare name under `with pkgs; with python3Packages;` is reported without a fix too: Nix takes it from the Python set only when the set has it, which evio-lint cannot know without nixpkgs.",
  },
  on: {
    nix(facts, ctx) {
      const seen = new Set<string>();
      const check = (p: NixPackage) => {
        const key = `${p.at.range.start}:${p.at.range.end}`;
        if (!p.at.here || seen.has(key)) return;
        seen.add(key);
        report(p, ctx);
      };
      for (const shell of facts.shells) for (const p of shell.packages) if (p.via === "list") check(p);
      for (const call of facts.withPackages) {
        if (!call.at.here) continue;
        const interpreter = call.interpreter.text;
        const fix = call.replacement && { safety: "unsafe" as const, description: `Replace with \`${interpreter}\``, edits: [ctx.replace(call.replacement.range, call.replacement.text)] };
        ctx.report(call.at.range, "withPackages", { call: ctx.text(call.at.range), interpreter }, { fix });
        call.packages.forEach(check);
      }
    },
  },
});

function report(p: NixPackage, ctx: Ctx): void {
  const removal = p.removal && { fix: { safety: "safe" as const, description: `Remove \`${p.text}\``, edits: [ctx.remove(p.removal)] } };
  switch (p.meaning.kind) {
    case "python-package": {
      const { pyproject, flags } = target(ctx);
      const command = `uv add ${p.meaning.devTool ? "--dev " : ""}${flags}${p.meaning.pypi}`;
      // `with pkgs; with python3Packages; [ git ]`: maybe nixpkgs' git, so no fix.
      return ctx.report(p.at.range, "pythonPackage", { text: p.text, pyproject, command }, p.meaning.certain ? removal : undefined);
    }
    case "package-manager":
      return ctx.report(p.at.range, "packageManager", { text: p.text, name: p.meaning.name }, removal);
    case "python-uv": {
      // `pkgs.python3Packages.uv` -> `pkgs.uv`; `python3.pkgs.uv` under `with pkgs;` -> `uv`.
      const instead = /^((?:[\w'-]+\.)*?)(?:python\w*Packages|python\w*\.pkgs)\.uv$/.exec(p.text);
      const suggest = instead && p.list !== "withPackages" ? [{ description: `Replace with \`${instead[1]}uv\``, edits: [ctx.replace(p.at.range, `${instead[1]}uv`)] }] : [];
      return ctx.report(p.at.range, "pythonUv", { text: p.text }, { suggest });
    }
    case "python-env": {
      if (p.meaning.inline) return; // the withPackages call itself is reported, once
      const call = p.meaning.call;
      const where = call.here ? `line ${ctx.file.positionAt(call.range.start).line}` : call.file;
      return ctx.report(p.at.range, "pythonEnv", { text: p.text, call: call.here ? ctx.text(call.range) : "withPackages", where });
    }
  }
}

/** The member's pyproject.toml the package goes to, when it can be told, and the `--package` flag. */
function target(ctx: Ctx): { pyproject: string; flags: string } {
  const ws = ctx.workspace;
  const owning = ws.memberOwning(ctx.file.path);
  const member =
    (owning && (owning.dir !== "." || ws.members.length === 1) ? owning : undefined) ??
    (ctx.defaultMember !== undefined ? ws.memberByName(ctx.defaultMember) : undefined) ??
    (ws.members.length === 1 ? ws.members[0] : undefined);
  if (!member) return { pyproject: "the pyproject.toml of the member that imports it", flags: "--package <member> " };
  return { pyproject: member.pyprojectPath, flags: member.dir === "." && ws.members.length === 1 ? "" : `--package ${member.name} ` };
}
