import { ruleTester } from "../harness/rule-tester.js";
import { seed003Repo } from "../harness/seeds.js";

// Issue 4: every dev shell gives uv and a Python interpreter.
const MEMBERS = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
  "libs/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
  "libs/ui/pyproject.toml": '[project]\nname = "ui"\nversion = "0.1.0"\nrequires-python = ">=3.12,<3.14"\n',
};

ruleTester("nix-dev-shell-has-uv", {
  valid: [
    { name: "seed 003's flake", file: "flake.nix", code: seed003Repo()["flake.nix"]! },
    { name: "with pkgs; [ python3 uv ]", file: "shell.nix", code: "{ pkgs ? import <nixpkgs> { } }:\nwith pkgs; mkShell { packages = [ python3 uv ]; }\n" },
    {
      name: "a withPackages env is an interpreter (nix-no-python-packages reports it)",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell { packages = [ (pkgs.python3.withPackages (ps: [ ])) pkgs.uv ]; }\n",
    },
    {
      name: "uv and Python from the shells in inputsFrom",
      file: "flake.nix",
      code: "{ pkgs }: rec {\n  base = pkgs.mkShell { packages = [ pkgs.uv pkgs.python312 ]; };\n  full = pkgs.mkShell { inputsFrom = [ base ]; packages = [ pkgs.ffmpeg ]; };\n}\n",
    },
    {
      name: "a list that cannot be read completely proves nothing",
      file: "flake.nix",
      code: "{ pkgs, extraTools }: pkgs.mkShell { packages = [ pkgs.git ] ++ extraTools; }\n",
    },
    {
      name: "the interpreter given to uv through UV_PYTHON (flake-parts)",
      file: "flake.nix",
      code: "{\n  outputs = inputs@{ flake-parts, ... }:\n    flake-parts.lib.mkFlake { inherit inputs; } {\n      perSystem = { pkgs, lib, ... }: {\n        devShells.default = pkgs.mkShell {\n          packages = with pkgs; [ uv ];\n          UV_PYTHON = lib.getExe pkgs.python311;\n        };\n      };\n    };\n}\n",
    },
    {
      name: "uv inside the withPackages env (nix-no-python-packages reports it)",
      file: "flake.nix",
      code: "{ pkgs }: with pkgs; mkShell { packages = [ (python313.withPackages (ps: with ps; [ uv ])) ]; }\n",
    },
    { name: "a shell with only a shellHook is a fragment", file: "flake.nix", code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv sync\n  '';\n}\n" },
    { name: "documentation shows part of a shell", file: "docs/nix.md", code: "```nix\n{ pkgs }: pkgs.mkShell { packages = [ pkgs.ffmpeg ]; }\n```\n" },
    {
      name: "a shell the config says needs no Python",
      file: "flake.nix",
      config: { rules: { "nix-dev-shell-has-uv": ["error", { ignoreShells: ["docs"] }] } },
      code: "{ pkgs }: {\n  devShells.default = pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 ]; };\n  devShells.docs = pkgs.mkShellNoCC { packages = [ pkgs.mdbook ]; };\n}\n",
    },
  ],
  invalid: [
    {
      name: "no uv: the suggestion adds a line in the list's style",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python311\n    pkgs.git\n  ];\n}\n",
      errors: [
        {
          messageId: "missingUv",
          line: 1,
          column: 11,
          endColumn: 23,
          message: "Dev shell `flake.nix` has no `uv`; add `pkgs.uv` so the workspace's Python packages come from uv.",
          suggestions: [{ description: "Add `pkgs.uv` to the shell's packages", output: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python311\n    pkgs.git\n    pkgs.uv\n  ];\n}\n" }],
        },
      ],
      output: null,
    },
    {
      name: "no Python: the interpreter every requires-python allows, spelled for `with pkgs;`",
      file: "flake.nix",
      files: MEMBERS,
      code: "{ pkgs }: {\n  devShells.default = with pkgs; mkShell { buildInputs = [ uv git ]; };\n}\n",
      errors: [
        {
          messageId: "missingPython",
          line: 2,
          column: 34,
          message: /^Dev shell `default` has no Python interpreter; add `python312`/,
          suggestions: [{ output: "{ pkgs }: {\n  devShells.default = with pkgs; mkShell { buildInputs = [ uv git python312 ]; };\n}\n" }],
        },
      ],
      output: null,
    },
    {
      name: "several shells in one flake: only the one without uv and Python",
      file: "flake.nix",
      code: `{
  outputs = { nixpkgs, ... }:
    let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {
      devShells.x86_64-linux.default = pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 ]; };
      devShells.x86_64-linux.docs = pkgs.mkShellNoCC { packages = [ ]; };
    };
}
`,
      errors: [
        {
          messageId: "missingBoth",
          line: 5,
          column: 37,
          suggestions: [{ output: `{
  outputs = { nixpkgs, ... }:
    let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {
      devShells.x86_64-linux.default = pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 ]; };
      devShells.x86_64-linux.docs = pkgs.mkShellNoCC { packages = [ pkgs.uv pkgs.python3 ]; };
    };
}
` }],
        },
      ],
      output: null,
    },
    {
      name: "a list that is no literal: a `packages` list is added",
      file: "shell.nix",
      code: "{ pkgs ? import <nixpkgs> { } }:\nlet tools = [ pkgs.git ]; in\npkgs.mkShell {\n  buildInputs = tools;\n}\n",
      errors: [
        {
          messageId: "missingBoth",
          line: 3,
          column: 1,
          suggestions: [{ output: "{ pkgs ? import <nixpkgs> { } }:\nlet tools = [ pkgs.git ]; in\npkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python3 ];\n  buildInputs = tools;\n}\n" }],
        },
      ],
      output: null,
    },
    {
      name: "a shell builder under another name (mkShell.override)",
      file: "flake.nix",
      code: "{ pkgs }:\nlet mkShellClang = pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }; in\nmkShellClang { packages = [ pkgs.uv ]; }\n",
      errors: [{ messageId: "missingPython", line: 3, column: 1, endColumn: 13, suggestions: [{ output: "{ pkgs }:\nlet mkShellClang = pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }; in\nmkShellClang { packages = [ pkgs.uv pkgs.python3 ]; }\n" }] }],
      output: null,
    },
    {
      name: "flake-parts module imported by the flake",
      file: "nix/flake-module.nix",
      files: { "flake.nix": "{\n  outputs = inputs@{ flake-parts, ... }:\n    flake-parts.lib.mkFlake { inherit inputs; } { imports = [ ./nix/flake-module.nix ]; };\n}\n" },
      code: "{\n  perSystem = { pkgs, ... }: {\n    devShells.default = pkgs.mkShell { packages = with pkgs; [ python312 git ]; };\n  };\n}\n",
      errors: [{ messageId: "missingUv", line: 3, column: 25, suggestions: [{ output: "{\n  perSystem = { pkgs, ... }: {\n    devShells.default = pkgs.mkShell { packages = with pkgs; [ python312 git uv ]; };\n  };\n}\n" }] }],
      output: null,
    },
  ],
});
