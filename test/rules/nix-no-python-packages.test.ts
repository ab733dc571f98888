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
      code: `{
  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let pkgs = nixpkgs.legacyPackages.\${system}; in {
        devShells.default = pkgs.mkShell {
          packages = with pkgs; [ python3Packages.pytest uv python3 ];
        };
      });
}
`,
      errors: [{ messageId: "pythonPackage", line: 6, column: 35, endColumn: 57, message: /`uv add --dev --package <member> pytest`/ }],
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
      name: "flake-parts module imported by flake.nix: a let-bound withPackages env, at the element and at the binding",
      file: "nix/flake-module.nix",
      files: { "flake.nix": FLAKE_PARTS },
      code: MODULE,
      errors: [
        { messageId: "withPackages", line: 6, column: 19, endColumn: 38 },
        { messageId: "pythonPackage", line: 7, column: 9, endColumn: 14 },
        { messageId: "pythonPackage", line: 8, column: 9 },
        { messageId: "pythonEnv", line: 14, column: 11, message: /`python\.withPackages \(\.\.\.\)` \(line 6\)/ },
      ],
      output: MODULE.replace("        numpy # arrays\n        fastapi\n", ""),
      unsafeOutput: MODULE.replace(/python\.withPackages \(ps: with ps; \[\n.*\n.*\n {6}\]\)/, "python"),
    },
    {
      name: "plain shell.nix: the line goes with its trailing comment (UTF-16 columns after ❌ é 😀)",
      file: "shell.nix",
      code: "# ❌ é 😀\n{ pkgs ? import <nixpkgs> { } }:\npkgs.mkShell {\n  buildInputs = [\n    pkgs.python3\n    pkgs.uv\n    /* 😀 */ pkgs.python3Packages.numpy # for the notebooks\n  ];\n}\n",
      errors: [{ messageId: "pythonPackage", line: 7, column: 14, endColumn: 40 }],
      output: "# ❌ é 😀\n{ pkgs ? import <nixpkgs> { } }:\npkgs.mkShell {\n  buildInputs = [\n    pkgs.python3\n    pkgs.uv\n    /* 😀 */ # for the notebooks\n  ];\n}\n",
    },
    {
      name: "inputsFrom: a package of the shell taken in is reported once, where it is written",
      file: "flake.nix",
      code: "{ pkgs }: rec {\n  base = pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 pkgs.python3Packages.numpy ]; };\n  full = (pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }) { inputsFrom = [ base ]; packages = [ pkgs.python3Packages.scipy ]; };\n}\n",
      errors: [
        { messageId: "pythonPackage", line: 2, column: 59 },
        { messageId: "pythonPackage", line: 3, column: 103 },
      ],
      output: "{ pkgs }: rec {\n  base = pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 ]; };\n  full = (pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }) { inputsFrom = [ base ]; packages = [ ]; };\n}\n",
    },
    {
      name: "several shells in one flake, each reported",
      file: "flake.nix",
      code: `{
  outputs = { nixpkgs, ... }: let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {
    devShells.x86_64-linux.default = pkgs.mkShell { buildInputs = [ pkgs.python311 pkgs.uv pkgs.python311Packages.requests ]; };
    devShells.x86_64-linux.ci = pkgs.mkShellNoCC { nativeBuildInputs = [ pkgs.python311 pkgs.uv pkgs.python311.pkgs.pyyaml ]; };
  };
}
`,
      errors: [
        { messageId: "pythonPackage", line: 3, column: 92, message: /`uv add --package <member> requests`/ },
        { messageId: "pythonPackage", line: 4, column: 97, message: /`uv add --package <member> PyYAML`/ },
      ],
      output: `{
  outputs = { nixpkgs, ... }: let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {
    devShells.x86_64-linux.default = pkgs.mkShell { buildInputs = [ pkgs.python311 pkgs.uv ]; };
    devShells.x86_64-linux.ci = pkgs.mkShellNoCC { nativeBuildInputs = [ pkgs.python311 pkgs.uv ]; };
  };
}
`,
    },
    {
      name: "a list built with ++ and a with-scope of a Python set",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python311 ] ++ (with pkgs.python311Packages; [ numpy pandas ]);\n}\n",
      errors: [
        { messageId: "pythonPackage", line: 2, column: 76 },
        { messageId: "pythonPackage", line: 2, column: 82 },
      ],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python311 ] ++ (with pkgs.python311Packages; [ ]);\n}\n",
    },
    {
      name: "a withPackages call written in the list: reported once, unsafe fix to the interpreter",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [ (pkgs.python311.withPackages (ps: [ ps.numpy ])) pkgs.uv ];\n}\n",
      errors: [
        { messageId: "withPackages", line: 2, column: 17, endColumn: 44 },
        { messageId: "pythonPackage", line: 2, column: 52 },
      ],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = [ (pkgs.python311.withPackages (ps: [ ])) pkgs.uv ];\n}\n",
      unsafeOutput: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.uv ];\n}\n",
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
        { messageId: "packageManager", line: 5, column: 5 },
        { messageId: "packageManager", line: 6, column: 5 },
      ],
      output: "{ pkgs }: pkgs.mkShell {\n  packages = with pkgs; [\n    python3\n    uv\n  ];\n}\n",
    },
    {
      name: "with pkgs; with python3Packages;: Nix may take a bare name from either set, so no fix",
      file: "shell.nix",
      code: "{ pkgs ? import <nixpkgs> { } }:\nwith pkgs; with python3Packages; mkShell { buildInputs = [ python3 pkgs.uv numpy ]; }\n",
      errors: [{ messageId: "pythonPackage", line: 2, column: 76 }],
      output: null,
    },
    {
      name: "inherit (pkgs) and a rec set",
      file: "flake.nix",
      code: "{ pkgs }:\nlet\n  inherit (pkgs) python3Packages uv;\n  tools = rec { py = python3Packages; list = [ py.black ]; };\nin pkgs.mkShell { packages = [ uv pkgs.python3 ] ++ tools.list; }\n",
      errors: [{ messageId: "pythonPackage", line: 4, column: 48, message: /uv add --dev --package <member> black/ }],
      output: "{ pkgs }:\nlet\n  inherit (pkgs) python3Packages uv;\n  tools = rec { py = python3Packages; list = [ ]; };\nin pkgs.mkShell { packages = [ uv pkgs.python3 ] ++ tools.list; }\n",
    },
    {
      name: "a package list in its own file, imported by the flake's shell",
      file: "nix/python-packages.nix",
      files: {
        "flake.nix": "{\n  outputs = { nixpkgs, ... }: let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {\n    devShells.x86_64-linux.default = pkgs.mkShell {\n      packages = [ pkgs.uv pkgs.python3 ] ++ import ./nix/python-packages.nix { inherit pkgs; };\n    };\n  };\n}\n",
      },
      code: "{ pkgs }:\nwith pkgs.python3Packages; [\n  numpy\n]\n",
      errors: [{ messageId: "pythonPackage", line: 3, column: 3 }],
      output: "{ pkgs }:\nwith pkgs.python3Packages; [\n]\n",
    },
    {
      name: "the message names the only member's pyproject.toml",
      file: "flake.nix",
      files: { "pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n' },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python311 pkgs.uv pkgs.python311Packages.opencv4 ]; }\n",
      errors: [{ line: 1, column: 62, message: "`pkgs.python311Packages.opencv4` is a Python package from nixpkgs; Python packages belong to uv: add it to pyproject.toml with `uv add opencv-python` and remove it here." }],
      output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python311 pkgs.uv ]; }\n",
    },
    {
      name: "withPackages inside a writeShellScriptBin wrapper",
      file: "flake.nix",
      code: '{ pkgs }: {\n  check = pkgs.writeShellScriptBin "check" "${pkgs.python3.withPackages (ps: [ ps.torch ])}/bin/python --version";\n}\n',
      errors: [
        { messageId: "withPackages", line: 2, column: 47 },
        { messageId: "pythonPackage", line: 2, column: 80 },
      ],
      output: '{ pkgs }: {\n  check = pkgs.writeShellScriptBin "check" "${pkgs.python3.withPackages (ps: [ ])}/bin/python --version";\n}\n',
      unsafeOutput: '{ pkgs }: {\n  check = pkgs.writeShellScriptBin "check" "${pkgs.python3}/bin/python --version";\n}\n',
    },
    {
      name: "CRLF line endings are kept",
      file: "shell.nix",
      code: "{ pkgs }:\r\npkgs.mkShell {\r\n  packages = [\r\n    pkgs.python3\r\n    pkgs.python3Packages.numpy\r\n    pkgs.uv\r\n  ];\r\n}\r\n",
      errors: [{ messageId: "pythonPackage", line: 5, column: 5 }],
      output: "{ pkgs }:\r\npkgs.mkShell {\r\n  packages = [\r\n    pkgs.python3\r\n    pkgs.uv\r\n  ];\r\n}\r\n",
    },
    {
      name: "a ```nix block in documentation, at its line in the Markdown file",
      file: "docs/setup.md",
      code: "# Setup ❌é😀\n\n```nix\n{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python3 pkgs.uv pkgs.python3Packages.requests ];\n}\n```\n",
      errors: [{ messageId: "pythonPackage", line: 5, column: 37 }],
      output: "# Setup ❌é😀\n\n```nix\n{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python3 pkgs.uv ];\n}\n```\n",
    },
  ],
});
