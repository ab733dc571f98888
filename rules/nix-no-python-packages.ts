import { defineRule, type FixInput, type RuleContext } from "../src/engine/define-rule.js";
import { declarations, declaredIn, type Declarations } from "../src/facts/nix/pypi-names.js";
import type { NixPackage, WithPackagesCall } from "../src/facts/nix/facts.js";
import { interpreterInstead } from "../src/fix/nix-packages.js";

const messages = {
  pythonPackage: "`{{text}}` is a Python package from nixpkgs; Python packages belong to uv: add it to {{pyproject}} with `{{command}}`, then remove it here.",
  declaredPackage: "`{{text}}` is a Python package from nixpkgs that {{pyproject}} already declares (`{{pypi}}`), so uv provides it: remove it here.",
  buildTool: "`{{text}}` is a Python build backend from nixpkgs; uv builds with what `[build-system] requires` lists: declare `{{pypi}}` there in {{pyproject}}, then remove it here.",
  // Outside a dev shell (an app, a package build, a list shared with one), removing the package breaks that user first.
  pythonPackageShared: "`{{text}}` is a Python package from nixpkgs, also used outside the dev shell's package list (by a shellHook, an app or a build); Python packages belong to uv: add it to {{pyproject}} with `{{command}}` and run that use through `uv run` before removing it here.",
  declaredPackageShared: "`{{text}}` is a Python package from nixpkgs that {{pyproject}} already declares (`{{pypi}}`), also used outside the dev shell's package list (by a shellHook, an app or a build): run that use through `uv run` before removing it here.",
  buildToolShared: "`{{text}}` is a Python build backend from nixpkgs, also used outside the dev shell's package list (by a shellHook, an app or a build); uv builds with what `[build-system] requires` lists: declare `{{pypi}}` there in {{pyproject}} and build that use with uv before removing it here.",
  pythonUv: "`{{text}}` is uv built as a Python package; use the `uv` application from nixpkgs (`pkgs.uv`) instead.",
  packageManager: "`{{text}}` brings {{name}}, a Python package manager; uv is the only one in this workspace: remove it and use `uv add` / `uv sync`.",
  withPackages: "`{{call}}` bundles Python packages from nixpkgs into the interpreter; use `{{interpreter}}` and declare the packages in pyproject.toml with `uv add`.",
} as const;

export default defineRule({
  id: "nix-no-python-packages",
  severity: "error",
  fix: "sometimes-safe",
  needsWorkspace: true,
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
    fixSafety: [
      "Safe only when nothing is lost: removing a Python package from a dev shell's list is safe when uv already provides it, that is when a member or the root pyproject.toml declares it (PEP 503 name, in `[project] dependencies`, `optional-dependencies` or `[dependency-groups]`; nixpkgs names are mapped: `opencv4` is `opencv-python`, `pytorch` is `torch`, `scikitlearn` is `scikit-learn`), and the element stands alone in a list literal the dev shells own (its line and trailing comment go with it when it has the line to itself). A list reached through a binding (`common = [ ... ]; packages = common;`) is the shells' own only when it is a `let` binding that nothing but shell lists uses; one a package build shares is reported without a fix.",
      "Otherwise a suggestion, never applied: \"Add it with `uv add --package M NAME`, then remove it\", where M is the member whose folder holds the file, else the configured `defaultMember`, else the root project, else `<member>`. Test and lint tools (`pytest`, `pytest-*`, `ruff`, `mypy`, `black`, `types-*`, ...) get `uv add --dev`; build backends (`hatchling`, `setuptools`, `wheel`, `flit-core`, `poetry-core`, `setuptools-scm`) are to be declared in `[build-system] requires` instead, and removing one is safe once a `[build-system] requires` lists it.",
      "`python.withPackages (ps: [...])`: its packages are reported one by one (not the call, nor the list that uses it); replacing the call with `python` is unsafe, offered on the first package uv does not provide yet, and its description names every package it drops. A call with no package elements is reported once, at the call: replacing it is safe when its list is empty. All of this only when the env's every use is a dev-shell list element (written in the list, or a `let` binding that only lists use): a withPackages env in an app (`writeShellScriptBin`), a package build or a `shellHook` is reported, never fixed.",
      "`python3Packages.uv` gets a suggestion to use `pkgs.uv`, never a removal (the shell would lose uv). A bare name under `with pkgs; with python3Packages;` is reported without a fix: Nix takes it from the Python set only when the set has it, which evio-lint cannot know without nixpkgs. Package managers (`pip`, `poetry`, `conda`) are removed (safe): uv replaces them.",
    ].join("\n\n"),
  },
  on: {
    nix(facts, ctx) {
      let decl: Declarations | undefined;
      const r: Reporter = { ctx, declared: (pypi, role) => declaredIn((decl ??= declarations(ctx.workspace)), pypi, role) };
      const seen = new Set<string>();
      const once = (p: NixPackage) => {
        const key = `${p.at.range.start}:${p.at.range.end}`;
        if (!p.at.here || seen.has(key)) return false;
        seen.add(key);
        return true;
      };
      // A withPackages env in a list is reported at its call (or its packages), never at the list too.
      for (const devShell of facts.devShells) for (const p of devShell.packages) if (p.via === "list" && p.meaning.kind !== "python-env" && once(p)) report(p, r, true);
      for (const call of facts.withPackages) if (call.at.here) reportEnv(call, r, once);
    },
  },
});

type Ctx = RuleContext<typeof messages, Record<string, never>>;
interface Reporter {
  readonly ctx: Ctx;
  /** the pyproject.toml from which uv already provides the package */
  declared(pypi: string, role: "runtime" | "dev" | "build"): string | undefined;
}

const REPORTED = new Set(["python-package", "package-manager", "python-uv"]);

/** A withPackages env: its packages one by one; the call itself only when it has none to show. */
function reportEnv(call: WithPackagesCall, r: Reporter, once: (p: NixPackage) => boolean): void {
  const { ctx } = r;
  const interpreter = call.interpreter.text;
  const instead = interpreterInstead(call);
  const replace = (safety: "safe" | "unsafe", why: string): FixInput | undefined =>
    call.devShellOnly && instead ? { safety, description: `Replace with \`${interpreter}\`${why}`, edits: [ctx.replace(instead.range, instead.text)] } : undefined;
  const shown = call.packages.filter((p) => REPORTED.has(p.meaning.kind) && once(p));
  if (shown.length === 0) {
    const empty = call.complete && call.packages.length === 0;
    const fix = empty ? replace("safe", "") : replace("unsafe", ` (drops ${call.complete ? call.packages.map((p) => `\`${p.text}\``).join(", ") : "what it bundles"} from the shell)`);
    ctx.report(call.at.range, "withPackages", { call: ctx.text(call.at.range), interpreter }, { fix });
    return;
  }
  // Replacing the call drops what uv does not provide yet: unsafe, said in the fix, carried by the first such package.
  const undeclared = shown.filter((p) => p.meaning.kind === "python-package" && !r.declared(p.meaning.pypi, p.meaning.role));
  const replaceable = call.complete && call.packages.every((p) => p.meaning.kind === "package-manager" || (p.meaning.kind === "python-package" && p.meaning.certain));
  const carried = undeclared.length > 0 && replaceable ? replace("unsafe", ` (drops ${undeclared.map((p) => `\`${p.text}\``).join(", ")} from the shell until uv provides them)`) : undefined;
  for (const p of shown) report(p, r, call.devShellOnly, p === undeclared[0] ? carried : undefined);
}

/** `inDevShell`: the element belongs to dev shells only, so taking it out changes nothing else. */
function report(p: NixPackage, r: Reporter, inDevShell: boolean, unsafe?: FixInput): void {
  const { ctx } = r;
  const removal = inDevShell && p.removal ? [ctx.remove(p.removal)] : undefined;
  switch (p.meaning.kind) {
    case "python-package": {
      const { pypi, role, certain } = p.meaning;
      const { pyproject, flags } = target(ctx);
      const declaredAt = r.declared(pypi, role);
      // `with pkgs; with python3Packages; [ git ]`: maybe nixpkgs' git, so no fix.
      const edits = certain ? removal : undefined;
      if (declaredAt) {
        const fix = edits && { safety: "safe" as const, description: `Remove \`${p.text}\``, edits };
        return ctx.report(p.at.range, inDevShell ? "declaredPackage" : "declaredPackageShared", { text: p.text, pyproject: declaredAt, pypi }, { fix });
      }
      if (role === "build") {
        const suggest = edits ? [{ description: `Declare \`${pypi}\` in \`[build-system] requires\` of ${pyproject}, then remove it`, edits }] : [];
        return ctx.report(p.at.range, inDevShell ? "buildTool" : "buildToolShared", { text: p.text, pyproject, pypi }, { suggest, fix: unsafe });
      }
      const command = `uv add ${role === "dev" ? "--dev " : ""}${flags}${pypi}`;
      const suggest = edits ? [{ description: `Add it with \`${command}\`, then remove it`, edits }] : [];
      return ctx.report(p.at.range, inDevShell ? "pythonPackage" : "pythonPackageShared", { text: p.text, pyproject, command }, { suggest, fix: unsafe });
    }
    case "package-manager": {
      const fix = removal && { safety: "safe" as const, description: `Remove \`${p.text}\``, edits: removal };
      return ctx.report(p.at.range, "packageManager", { text: p.text, name: p.meaning.name }, { fix });
    }
    case "python-uv": {
      // `pkgs.python3Packages.uv` -> `pkgs.uv`; `python3.pkgs.uv` under `with pkgs;` -> `uv`.
      const instead = /^((?:[\w'-]+\.)*?)(?:python\w*Packages|python\w*\.pkgs)\.uv$/.exec(p.text);
      const suggest = instead && p.list !== "withPackages" ? [{ description: `Replace with \`${instead[1]}uv\``, edits: [ctx.replace(p.at.range, `${instead[1]}uv`)] }] : [];
      return ctx.report(p.at.range, "pythonUv", { text: p.text }, { suggest });
    }
  }
}

/** The pyproject.toml a package goes to and the `--package` flag: the member holding the file, the configured default, the root project. */
function target(ctx: Ctx): { pyproject: string; flags: string } {
  const ws = ctx.workspace;
  const owning = ws.memberOwning(ctx.file.path);
  const member =
    (owning && owning.dir !== "." ? owning : undefined) ??
    (ctx.defaultMember !== undefined ? ws.memberByName(ctx.defaultMember) : undefined) ??
    ws.memberAtDir(".") ??
    (ws.members.length === 1 ? ws.members[0] : undefined);
  if (!member) return { pyproject: "the pyproject.toml of the member that imports it", flags: "--package <member> " };
  return { pyproject: member.pyprojectPath, flags: member.dir === "." && ws.members.length === 1 ? "" : `--package ${member.name} ` };
}
