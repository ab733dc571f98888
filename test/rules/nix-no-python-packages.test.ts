import { ruleTester } from "../harness/rule-tester.js";
import { seed003Repo } from "../harness/seeds.js";

// Issue 4: Python packages in dev shells, followed through let, with, inherit, ++ and imports.
const FLAKE_PARTS = `{
  inputs.flake-parts.url = "github:hercules-ci/flake-parts";
  outputs = inputs@{ flake-parts, ... }:
    flake-parts.lib.mkFlake { inherit inputs; } {
      systems = [ "x86_64-linux" ];
      imports = [ ./nix/flake-module.nix ];
    };
}
`;

const MODULE = `{ inputs, ... }:
{
  perSystem = { pkgs, ... }:
    let
      python = pkgs.python313;
      pythonEnv = python.withPackages (ps: with ps; [
        numpy # arrays
        fastapi
      ]);
    in
    {
      devShells.default = pkgs.mkShell {
        packages = [
          pythonEnv
          pkgs.uv
        ];
      };
    };
}
`;

/** A one-project repo (the root is the only member) declaring these dependencies, and these groups. */
function project(dependencies: readonly string[], extra = ""): Record<string, string> {
  const list = dependencies.map((d) => JSON.stringify(d)).join(", ");
  return { "pyproject.toml": `[project]\nname = "app"\nversion = "0.1.0"\ndependencies = [${list}]\n${extra}` };
}

const SHELLS = `{
  outputs = { nixpkgs, ... }: let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {
    devShells.x86_64-linux.default = pkgs.mkShell { buildInputs = [ pkgs.python311 pkgs.uv pkgs.python311Packages.requests ]; };
    devShells.x86_64-linux.ci = pkgs.mkShellNoCC { nativeBuildInputs = [ pkgs.python311 pkgs.uv pkgs.python311.pkgs.pyyaml ]; };
  };
}
`;

/** A virtual root with a dev group, and two members (one with an extra). */
const WORKSPACE = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["libs/*"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n',
  "libs/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\ndependencies = ["numpy"]\n',
  "libs/viz/pyproject.toml": '[project]\nname = "viz"\nversion = "0.1.0"\n\n[project.optional-dependencies]\nplot = ["matplotlib>=3"]\n',
};

/** A shell of test tools at a virtual root, one of them declared in the root's dev group. */
const VIRTUAL_ROOT_SHELL = "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python3\n    pkgs.uv\n    pkgs.python3Packages.pytest-timeout\n    pkgs.python3Packages.mypy\n    pkgs.python3Packages.types-requests\n    pkgs.python3Packages.pytest\n  ];\n}\n";

const FLAKE_UTILS = `{
  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let pkgs = nixpkgs.legacyPackages.\${system}; in {
        devShells.default = pkgs.mkShell {
          packages = with pkgs; [ python3Packages.pytest uv python3 ];
        };
      });
}
`;

/** What the user reads for a package uv already provides, and for one still to add (the rule's two templates, filled). */
const declared = (text: string, pypi: string, pyproject = "pyproject.toml") =>
  `\`${text}\` is a Python package from nixpkgs that ${pyproject} already declares (\`${pypi}\`), so uv provides it: remove it here.`;
const toAdd = (text: string, command: string, pyproject = "the pyproject.toml of the member that imports it") =>
  `\`${text}\` is a Python package from nixpkgs; Python packages belong to uv: add it to ${pyproject} with \`${command}\`, then remove it here.`;
// A package that a shellHook, an app or a build also uses: removing it here would break that use first.
const declaredShared = (text: string, pypi: string, pyproject = "pyproject.toml") =>
  `\`${text}\` is a Python package from nixpkgs that ${pyproject} already declares (\`${pypi}\`), also used outside the dev shell's package list (by a shellHook, an app or a build): run that use through \`uv run\` before removing it here.`;
const toAddShared = (text: string, command: string, pyproject = "the pyproject.toml of the member that imports it") =>
  `\`${text}\` is a Python package from nixpkgs, also used outside the dev shell's package list (by a shellHook, an app or a build); Python packages belong to uv: add it to ${pyproject} with \`${command}\` and run that use through \`uv run\` before removing it here.`;
const withPackages = "`pkgs.python3.withPackages` bundles Python packages from nixpkgs into the interpreter; use `pkgs.python3` and declare the packages in pyproject.toml with `uv add`.";

ruleTester("nix-no-python-packages", {
  valid: [
    { name: "seed 003's flake", file: "flake.nix", code: seed003Repo()["flake.nix"]! },
    {
      name: "top-level applications written in Python are not Python packages",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python311 pkgs.uv pkgs.gdown pkgs.pre-commit ]; }\n",
    },
    {
      name: "a package build's inputs are not a dev shell's",
      file: "nix/pkg.nix",
      code: '{ pkgs }: pkgs.stdenv.mkDerivation { pname = "x"; version = "1"; buildInputs = [ pkgs.python3Packages.numpy ]; }\n',
    },
    {
      name: "with pkgs; and lib.optionals",
      file: "flake.nix",
      code: "{ pkgs }: with pkgs; mkShell { packages = [ python311 uv ] ++ lib.optionals stdenv.isLinux [ inotify-tools ]; }\n",
    },
    {
      name: "a counter-example in documentation",
      file: "docs/setup.md",
      code: "❌ Wrong:\n\n```nix\n{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3Packages.numpy ]; }\n```\n",
    },
  ],
  invalid: [
    {
      name: "flake-utils: with pkgs; [ python3Packages.pytest uv ]",
      file: "flake.nix",
      code: FLAKE_UTILS,
      errors: [
        {
          messageId: "pythonPackage",
          line: 6,
          column: 35,
          endColumn: 57,
          message: /`uv add --dev --package <member> pytest`/,
          suggestions: [{ description: "Add it with `uv add --dev --package <member> pytest`, then remove it", output: FLAKE_UTILS.replace("python3Packages.pytest ", "") }],
        },
      ],
      output: null,
    },
    {
      name: "issue 10: pytest declared in the dev group is removed (safe)",
      file: "flake.nix",
      files: project([], '\n[dependency-groups]\ndev = ["pytest>=8"]\n'),
      code: FLAKE_UTILS,
      errors: [{ messageId: "declaredPackage", line: 6, column: 35, message: "`python3Packages.pytest` is a Python package from nixpkgs that pyproject.toml already declares (`pytest`), so uv provides it: remove it here." }],
      output: `{
  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let pkgs = nixpkgs.legacyPackages.\${system}; in {
        devShells.default = pkgs.mkShell {
          packages = with pkgs; [ uv python3 ];
        };
      });
}
`,
    },
    {
      // Issue 10 item 9: the env's packages one by one; neither the call nor `pythonEnv` in the list again.
      name: "flake-parts module imported by flake.nix: a let-bound withPackages env, reported package by package",
      file: "nix/flake-module.nix",
      files: { "flake.nix": FLAKE_PARTS },
      code: MODULE,
      errors: [
        {
          messageId: "pythonPackage",
          line: 7,
          column: 9,
          endColumn: 14,
          message: /`uv add --package <member> numpy`/,
          suggestions: [{ description: "Add it with `uv add --package <member> numpy`, then remove it", output: MODULE.replace("        numpy # arrays\n", "") }],
        },
        {
          messageId: "pythonPackage",
          line: 8,
          column: 9,
          message: /`uv add --package <member> fastapi`/,
          suggestions: [{ description: "Add it with `uv add --package <member> fastapi`, then remove it", output: MODULE.replace("        fastapi\n", "") }],
        },
      ],
      output: null,
      unsafeOutput: MODULE.replace(/python\.withPackages \(ps: with ps; \[\n.*\n.*\n {6}\]\)/, "python"),
    },
    {
      name: "issue 10: every package of the env declared: the lines go, then the empty env becomes the interpreter (safe)",
      file: "nix/flake-module.nix",
      files: { "flake.nix": FLAKE_PARTS, ...project(["numpy>=2", "FastAPI"]) },
      code: MODULE,
      errors: [
        { messageId: "declaredPackage", line: 7, column: 9, message: declared("numpy", "numpy") },
        { messageId: "declaredPackage", line: 8, column: 9, message: declared("fastapi", "fastapi") },
      ],
      output: MODULE.replace(/python\.withPackages \(ps: with ps; \[\n.*\n.*\n {6}\]\)/, "python"),
    },
    {
      name: "issue 10: one of two declared: the declared one is removed, the replacement stays unsafe",
      file: "nix/flake-module.nix",
      files: { "flake.nix": FLAKE_PARTS, ...project(["fastapi"]) },
      code: MODULE,
      errors: [
        {
          messageId: "pythonPackage",
          line: 7,
          column: 9,
          message: toAdd("numpy", "uv add numpy", "pyproject.toml"),
          suggestions: [{ description: "Add it with `uv add numpy`, then remove it", output: MODULE.replace("        numpy # arrays\n", "") }],
        },
        { messageId: "declaredPackage", line: 8, column: 9, message: declared("fastapi", "fastapi") },
      ],
      output: MODULE.replace("        fastapi\n", ""),
      unsafeOutput: MODULE.replace(/python\.withPackages \(ps: with ps; \[\n.*\n.*\n {6}\]\)/, "python"),
    },
    {
      name: "issue 10: an env the shellHook also runs is not only the shell's list: reported, never fixed",
      file: "flake.nix",
      files: project(["numpy"]),
      code: "{ pkgs }:\nlet\n  env = pkgs.python3.withPackages (ps: [ ps.numpy ]);\nin pkgs.mkShell {\n  packages = [ env pkgs.uv ];\n  shellHook = \"${env}/bin/python -c 'import numpy'\";\n}\n",
      errors: [{ messageId: "declaredPackageShared", line: 3, column: 42, message: declaredShared("ps.numpy", "numpy") }],
      output: null,
    },
    {
      name: "issue 10: an env also given to an app (inherit) is not only the shell's: never fixed",
      file: "flake.nix",
      files: project(["numpy"]),
      code: "{ pkgs }:\nlet\n  env = pkgs.python3.withPackages (ps: [ ps.numpy ]);\nin {\n  devShells.default = pkgs.mkShell { packages = [ env pkgs.uv ]; };\n  packages = { inherit env; };\n}\n",
      errors: [{ messageId: "declaredPackageShared", line: 3, column: 42, message: declaredShared("ps.numpy", "numpy") }],
      output: null,
    },
    {
      name: "issue 10: a let-bound list only the shell uses is the shell's: the declared package goes",
      file: "flake.nix",
      files: project(["numpy"]),
      code: "{ pkgs }:\nlet\n  common = [ pkgs.ffmpeg pkgs.python3Packages.numpy ];\nin pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ] ++ common; }\n",
      errors: [{ messageId: "declaredPackage", line: 3, column: 26, message: declared("pkgs.python3Packages.numpy", "numpy") }],
      output: "{ pkgs }:\nlet\n  common = [ pkgs.ffmpeg ];\nin pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ] ++ common; }\n",
    },
    {
      name: "issue 10: a let-bound list a package build shares with the shell: reported, never fixed",
      file: "flake.nix",
      files: project(["numpy"]),
      code: "{ pkgs }:\nlet\n  common = [ pkgs.ffmpeg pkgs.python3Packages.numpy ];\nin {\n  devShells.default = pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ] ++ common; };\n  packages.default = pkgs.stdenv.mkDerivation { name = \"tool\"; buildInputs = common; };\n}\n",
      errors: [{ messageId: "declaredPackage", line: 3, column: 26, message: declared("pkgs.python3Packages.numpy", "numpy") }],
      output: null,
    },
    {
      name: "issue 10: an empty withPackages in the shell is one finding at the call, replaced safely",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [ (pkgs.python3.withPackages (ps: [ ])) pkgs.uv ];\n}\n",
      errors: [{ messageId: "withPackages", line: 2, column: 17, endColumn: 42, message: withPackages }],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python3 pkgs.uv ];\n}\n",
    },
    {
      name: "issue 10: a withPackages whose packages cannot be read: one finding at the call, unsafe replacement",
      file: "flake.nix",
      code: "{ pkgs, myPackages }: pkgs.mkShell {\n  packages = [ (pkgs.python3.withPackages myPackages) pkgs.uv ];\n}\n",
      errors: [{ messageId: "withPackages", line: 2, column: 17, message: withPackages }],
      output: null,
      unsafeOutput: "{ pkgs, myPackages }: pkgs.mkShell {\n  packages = [ pkgs.python3 pkgs.uv ];\n}\n",
    },
    {
      name: "plain shell.nix: the line goes with its trailing comment (UTF-16 columns after ❌ é 😀)",
      file: "shell.nix",
      files: project(["numpy"]),
      code: "# ❌ é 😀\n{ pkgs ? import <nixpkgs> { } }:\npkgs.mkShell {\n  buildInputs = [\n    pkgs.python3\n    pkgs.uv\n    /* 😀 */ pkgs.python3Packages.numpy # for the notebooks\n  ];\n}\n",
      errors: [{ messageId: "declaredPackage", line: 7, column: 14, endColumn: 40, message: declared("pkgs.python3Packages.numpy", "numpy") }],
      output: "# ❌ é 😀\n{ pkgs ? import <nixpkgs> { } }:\npkgs.mkShell {\n  buildInputs = [\n    pkgs.python3\n    pkgs.uv\n    /* 😀 */ # for the notebooks\n  ];\n}\n",
    },
    {
      name: "inputsFrom: a package of the shell taken in is reported once, where it is written",
      file: "flake.nix",
      files: project(["numpy", "scipy"]),
      code: "{ pkgs }: rec {\n  base = pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 pkgs.python3Packages.numpy ]; };\n  full = (pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }) { inputsFrom = [ base ]; packages = [ pkgs.python3Packages.scipy ]; };\n}\n",
      errors: [
        { messageId: "declaredPackage", line: 2, column: 59, message: declared("pkgs.python3Packages.numpy", "numpy") },
        { messageId: "declaredPackage", line: 3, column: 103, message: declared("pkgs.python3Packages.scipy", "scipy") },
      ],
      output: "{ pkgs }: rec {\n  base = pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 ]; };\n  full = (pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }) { inputsFrom = [ base ]; packages = [ ]; };\n}\n",
    },
    {
      name: "several shells in one flake, each reported; nothing declared, so suggestions only",
      file: "flake.nix",
      code: SHELLS,
      errors: [
        {
          messageId: "pythonPackage",
          line: 3,
          column: 92,
          message: /`uv add --package <member> requests`/,
          suggestions: [{ description: "Add it with `uv add --package <member> requests`, then remove it", output: SHELLS.replace(" pkgs.python311Packages.requests", "") }],
        },
        {
          messageId: "pythonPackage",
          line: 4,
          column: 97,
          message: /`uv add --package <member> PyYAML`/,
          suggestions: [{ description: "Add it with `uv add --package <member> PyYAML`, then remove it", output: SHELLS.replace(" pkgs.python311.pkgs.pyyaml", "") }],
        },
      ],
      output: null,
    },
    {
      name: "issue 10: several shells, declared under other spellings (PEP 503): both removed",
      file: "flake.nix",
      files: project(["Requests[socks]>=2", "pyyaml"]),
      code: SHELLS,
      errors: [
        { messageId: "declaredPackage", line: 3, column: 92, message: declared("pkgs.python311Packages.requests", "requests") },
        { messageId: "declaredPackage", line: 4, column: 97, message: /already declares \(`PyYAML`\)/ },
      ],
      output: SHELLS.replace(" pkgs.python311Packages.requests", "").replace(" pkgs.python311.pkgs.pyyaml", ""),
    },
    {
      name: "a list built with ++ and a with-scope of a Python set",
      file: "flake.nix",
      files: project(["numpy", "pandas"]),
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python311 ] ++ (with pkgs.python311Packages; [ numpy pandas ]);\n}\n",
      errors: [
        { messageId: "declaredPackage", line: 2, column: 76, message: declared("numpy", "numpy") },
        { messageId: "declaredPackage", line: 2, column: 82, message: declared("pandas", "pandas") },
      ],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python311 ] ++ (with pkgs.python311Packages; [ ]);\n}\n",
    },
    {
      name: "a withPackages call written in the list: only its package is reported, the replacement is unsafe",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [ (pkgs.python311.withPackages (ps: [ ps.numpy ])) pkgs.uv ];\n}\n",
      errors: [
        {
          messageId: "pythonPackage",
          line: 2,
          column: 52,
          message: toAdd("ps.numpy", "uv add --package <member> numpy"),
          // The emptied env is then a withPackages finding of its own, replaced safely.
          suggestions: [{ description: "Add it with `uv add --package <member> numpy`, then remove it", output: "{ pkgs }: pkgs.mkShell {\n  packages = [ (pkgs.python311.withPackages (ps: [ ])) pkgs.uv ];\n}\n" }],
        },
      ],
      output: null,
      unsafeOutput: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.uv ];\n}\n",
    },
    {
      name: "issue 10: a withPackages call in the list whose package is declared: safe all the way to the interpreter",
      file: "flake.nix",
      files: project(["numpy"]),
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [ (pkgs.python311.withPackages (ps: [ ps.numpy ])) pkgs.uv ];\n}\n",
      errors: [{ messageId: "declaredPackage", line: 2, column: 52, message: declared("ps.numpy", "numpy") }],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.uv ];\n}\n",
    },
    {
      name: "python3Packages.uv: a suggestion to use pkgs.uv, never a removal",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.python3Packages.uv ]; }\n",
      errors: [
        {
          messageId: "pythonUv",
          line: 1,
          column: 52,
          message: "`pkgs.python3Packages.uv` is uv built as a Python package; use the `uv` application from nixpkgs (`pkgs.uv`) instead.",
          suggestions: [{ description: "Replace with `pkgs.uv`", output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ]; }\n" }],
        },
      ],
      output: null,
    },
    {
      name: "package managers: poetry from nixpkgs, pip from the Python set",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  packages = with pkgs; [\n    python3\n    uv\n    poetry\n    python3Packages.pip\n  ];\n}\n",
      errors: [
        { messageId: "packageManager", line: 5, column: 5, message: "`poetry` brings poetry, a Python package manager; uv is the only one in this workspace: remove it and use `uv add` / `uv sync`." },
        { messageId: "packageManager", line: 6, column: 5, message: "`python3Packages.pip` brings pip, a Python package manager; uv is the only one in this workspace: remove it and use `uv add` / `uv sync`." },
      ],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = with pkgs; [\n    python3\n    uv\n  ];\n}\n",
    },
    {
      name: "with pkgs; with python3Packages;: Nix may take a bare name from either set, so no fix even when declared",
      file: "shell.nix",
      files: project(["numpy"]),
      code: "{ pkgs ? import <nixpkgs> { } }:\nwith pkgs; with python3Packages; mkShell { buildInputs = [ python3 pkgs.uv numpy ]; }\n",
      errors: [{ messageId: "declaredPackage", line: 2, column: 76, message: declared("numpy", "numpy") }],
      output: null,
    },
    {
      name: "inherit (pkgs) and a rec set",
      file: "flake.nix",
      files: project([], '\n[tool.uv]\ndev-dependencies = ["black"]\n'),
      code: "{ pkgs }:\nlet\n  inherit (pkgs) python3Packages uv;\n  tools = rec { py = python3Packages; list = [ py.black ]; };\nin pkgs.mkShell { packages = [ uv pkgs.python3 ] ++ tools.list; }\n",
      errors: [{ messageId: "declaredPackage", line: 4, column: 48, message: declared("py.black", "black") }],
      output: "{ pkgs }:\nlet\n  inherit (pkgs) python3Packages uv;\n  tools = rec { py = python3Packages; list = [ ]; };\nin pkgs.mkShell { packages = [ uv pkgs.python3 ] ++ tools.list; }\n",
    },
    {
      name: "a package list in its own file, imported by the flake's shell",
      file: "nix/python-packages.nix",
      files: {
        ...project(["numpy"]),
        "flake.nix": "{\n  outputs = { nixpkgs, ... }: let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {\n    devShells.x86_64-linux.default = pkgs.mkShell {\n      packages = [ pkgs.uv pkgs.python3 ] ++ import ./nix/python-packages.nix { inherit pkgs; };\n    };\n  };\n}\n",
      },
      code: "{ pkgs }:\nwith pkgs.python3Packages; [\n  numpy\n]\n",
      errors: [{ messageId: "declaredPackage", line: 3, column: 3, message: declared("numpy", "numpy") }],
      output: "{ pkgs }:\nwith pkgs.python3Packages; [\n]\n",
    },
    {
      name: "the message names the only member's pyproject.toml; not declared, so a suggestion",
      file: "flake.nix",
      files: project([]),
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python311 pkgs.uv pkgs.python311Packages.opencv4 ]; }\n",
      errors: [
        {
          line: 1,
          column: 62,
          message: "`pkgs.python311Packages.opencv4` is a Python package from nixpkgs; Python packages belong to uv: add it to pyproject.toml with `uv add opencv-python`, then remove it here.",
          suggestions: [{ description: "Add it with `uv add opencv-python`, then remove it", output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python311 pkgs.uv ]; }\n" }],
        },
      ],
      output: null,
    },
    {
      name: "issue 10: nixpkgs names mapped to PyPI names (opencv4, scikitlearn, pytorch, pillow)",
      file: "flake.nix",
      files: project(["opencv-python", "scikit-learn", "torch", "Pillow"]),
      code: "{ pkgs }: pkgs.mkShell {\n  packages = with pkgs; [\n    python3\n    uv\n    python3Packages.opencv4\n    python3Packages.scikitlearn\n    python3Packages.pytorch\n    python3Packages.pillow\n  ];\n}\n",
      errors: [
        { messageId: "declaredPackage", line: 5, column: 5, message: /already declares \(`opencv-python`\)/ },
        { messageId: "declaredPackage", line: 6, column: 5, message: /already declares \(`scikit-learn`\)/ },
        { messageId: "declaredPackage", line: 7, column: 5, message: /already declares \(`torch`\)/ },
        { messageId: "declaredPackage", line: 8, column: 5, message: /already declares \(`pillow`\)/ },
      ],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = with pkgs; [\n    python3\n    uv\n  ];\n}\n",
    },
    {
      name: "issue 10: declared in another member's optional-dependencies counts",
      file: "flake.nix",
      files: WORKSPACE,
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv pkgs.python3Packages.matplotlib ]; }\n",
      errors: [{ messageId: "declaredPackage", line: 1, column: 60, message: /libs\/viz\/pyproject\.toml already declares/ }],
      output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ]; }\n",
    },
    {
      name: "issue 10: the member whose folder holds the file is the one to add to",
      file: "libs/core/shell.nix",
      files: WORKSPACE,
      code: "{ pkgs ? import <nixpkgs> { } }:\npkgs.mkShell { packages = [ pkgs.python3 pkgs.uv pkgs.python3Packages.scipy ]; }\n",
      errors: [
        {
          messageId: "pythonPackage",
          line: 2,
          column: 50,
          message: /add it to libs\/core\/pyproject\.toml with `uv add --package core scipy`/,
          suggestions: [{ description: "Add it with `uv add --package core scipy`, then remove it", output: "{ pkgs ? import <nixpkgs> { } }:\npkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ]; }\n" }],
        },
      ],
      output: null,
    },
    {
      name: "issue 10: a virtual root: no member holds the flake, so a placeholder; its dev group counts",
      file: "flake.nix",
      files: WORKSPACE,
      code: VIRTUAL_ROOT_SHELL,
      errors: [
        {
          messageId: "pythonPackage",
          line: 5,
          column: 5,
          message: /`uv add --dev --package <member> pytest-timeout`/,
          suggestions: [{ description: "Add it with `uv add --dev --package <member> pytest-timeout`, then remove it", output: VIRTUAL_ROOT_SHELL.replace("    pkgs.python3Packages.pytest-timeout\n", "") }],
        },
        {
          messageId: "pythonPackage",
          line: 6,
          column: 5,
          message: /`uv add --dev --package <member> mypy`/,
          suggestions: [{ description: "Add it with `uv add --dev --package <member> mypy`, then remove it", output: VIRTUAL_ROOT_SHELL.replace("    pkgs.python3Packages.mypy\n", "") }],
        },
        {
          messageId: "pythonPackage",
          line: 7,
          column: 5,
          message: /`uv add --dev --package <member> types-requests`/,
          suggestions: [{ description: "Add it with `uv add --dev --package <member> types-requests`, then remove it", output: VIRTUAL_ROOT_SHELL.replace("    pkgs.python3Packages.types-requests\n", "") }],
        },
        { messageId: "declaredPackage", line: 8, column: 5, message: /^`pkgs\.python3Packages\.pytest` .* pyproject\.toml already declares/ },
      ],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python3\n    pkgs.uv\n    pkgs.python3Packages.pytest-timeout\n    pkgs.python3Packages.mypy\n    pkgs.python3Packages.types-requests\n  ];\n}\n",
    },
    {
      name: "issue 10: a root project among members is the one to add to",
      file: "flake.nix",
      files: {
        "pyproject.toml": '[project]\nname = "site"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["libs/*"]\n',
        "libs/a/pyproject.toml": '[project]\nname = "a"\nversion = "0.1.0"\n',
      },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv pkgs.python3Packages.rich ]; }\n",
      errors: [
        {
          messageId: "pythonPackage",
          line: 1,
          column: 60,
          message: /add it to pyproject\.toml with `uv add --package site rich`/,
          suggestions: [{ description: "Add it with `uv add --package site rich`, then remove it", output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ]; }\n" }],
        },
      ],
      output: null,
    },
    {
      name: "issue 10: build backends belong in [build-system] requires, not uv add",
      file: "flake.nix",
      files: project([]),
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv pkgs.python3Packages.hatchling ]; }\n",
      errors: [
        {
          messageId: "buildTool",
          line: 1,
          column: 60,
          message: "`pkgs.python3Packages.hatchling` is a Python build backend from nixpkgs; uv builds with what `[build-system] requires` lists: declare `hatchling` there in pyproject.toml, then remove it here.",
          suggestions: [{ description: "Declare `hatchling` in `[build-system] requires` of pyproject.toml, then remove it", output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ]; }\n" }],
        },
      ],
      output: null,
    },
    {
      name: "issue 10: a build backend some [build-system] requires lists is removed (safe)",
      file: "flake.nix",
      files: project([], '\n[build-system]\nrequires = ["setuptools>=68", "setuptools_scm"]\nbuild-backend = "setuptools.build_meta"\n'),
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv pkgs.python3Packages.setuptools pkgs.python3Packages.setuptools-scm ]; }\n",
      errors: [
        { messageId: "declaredPackage", line: 1, column: 60, message: declared("pkgs.python3Packages.setuptools", "setuptools") },
        { messageId: "declaredPackage", line: 1, column: 92, message: declared("pkgs.python3Packages.setuptools-scm", "setuptools-scm") },
      ],
      output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ]; }\n",
    },
    {
      name: "issue 10: withPackages inside a writeShellScriptBin app: reported, never fixed, even when declared",
      file: "flake.nix",
      files: project(["torch"]),
      code: '{ pkgs }: {\n  check = pkgs.writeShellScriptBin "check" "${pkgs.python3.withPackages (ps: [ ps.torch ])}/bin/python --version";\n}\n',
      errors: [{ messageId: "declaredPackageShared", line: 2, column: 80, message: declaredShared("ps.torch", "torch"), suggestions: [] }],
      output: null,
    },
    {
      name: "issue 10: withPackages of an app, not declared: no suggestion that would break the app",
      file: "flake.nix",
      code: '{ pkgs }: {\n  apps.default = pkgs.writeShellScriptBin "train" "${pkgs.python3.withPackages (ps: [ ps.scipy ])}/bin/python train.py";\n}\n',
      errors: [{ messageId: "pythonPackageShared", line: 2, column: 87, message: toAddShared("ps.scipy", "uv add --package <member> scipy"), suggestions: [] }],
      output: null,
    },
    {
      name: "CRLF line endings are kept",
      file: "shell.nix",
      files: project(["numpy"]),
      code: "{ pkgs }:\r\npkgs.mkShell {\r\n  packages = [\r\n    pkgs.python3\r\n    pkgs.python3Packages.numpy\r\n    pkgs.uv\r\n  ];\r\n}\r\n",
      errors: [{ messageId: "declaredPackage", line: 5, column: 5, message: declared("pkgs.python3Packages.numpy", "numpy") }],
      output: "{ pkgs }:\r\npkgs.mkShell {\r\n  packages = [\r\n    pkgs.python3\r\n    pkgs.uv\r\n  ];\r\n}\r\n",
    },
    {
      name: "a ```nix block in documentation, at its line in the Markdown file",
      file: "docs/setup.md",
      files: project(["requests"]),
      code: "# Setup ❌é😀\n\n```nix\n{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python3 pkgs.uv pkgs.python3Packages.requests ];\n}\n```\n",
      errors: [{ messageId: "declaredPackage", line: 5, column: 37, message: declared("pkgs.python3Packages.requests", "requests") }],
      output: "# Setup ❌é😀\n\n```nix\n{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python3 pkgs.uv ];\n}\n```\n",
    },
  ],
});
