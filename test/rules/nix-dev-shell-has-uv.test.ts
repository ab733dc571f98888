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
    // Issue 10 item 5: uv from an overlay or another nixpkgs input is uv.
    {
      name: "pkgs.unstable.uv from an overlay",
      file: "flake.nix",
      code: "{\n  outputs = { nixpkgs, nixpkgs-unstable, ... }:\n    let\n      overlay = final: prev: { unstable = import nixpkgs-unstable { system = prev.system; }; };\n      pkgs = import nixpkgs { system = \"x86_64-linux\"; overlays = [ overlay ]; };\n    in {\n      devShells.x86_64-linux.default = pkgs.mkShell { packages = [ pkgs.python312 pkgs.unstable.uv ]; };\n    };\n}\n",
    },
    {
      name: "pkgs-unstable.uv bound from the second input",
      file: "flake.nix",
      code: "{\n  outputs = { nixpkgs, nixpkgs-unstable, ... }:\n    let\n      system = \"x86_64-linux\";\n      pkgs = nixpkgs.legacyPackages.${system};\n      pkgs-unstable = import nixpkgs-unstable { inherit system; };\n    in {\n      devShells.${system}.default = pkgs.mkShell { packages = [ pkgs.python312 pkgs-unstable.uv ]; };\n    };\n}\n",
    },
    {
      name: "pkgs-unstable.uv as a module argument (specialArgs)",
      file: "nix/shell.nix",
      code: "{ pkgs, pkgs-unstable, ... }:\npkgs.mkShell { packages = [ pkgs.python3 pkgs-unstable.uv ]; }\n",
    },
    {
      name: "inputs.nixpkgs-unstable.legacyPackages.${system}.uv",
      file: "flake.nix",
      code: "{\n  outputs = inputs@{ nixpkgs, ... }:\n    let system = \"x86_64-linux\"; pkgs = nixpkgs.legacyPackages.${system}; in {\n      devShells.${system}.default = pkgs.mkShell {\n        packages = [ pkgs.python3 inputs.nixpkgs-unstable.legacyPackages.${system}.uv ];\n      };\n    };\n}\n",
    },
    {
      name: "unstable.uv under with pkgs;",
      file: "shell.nix",
      code: "{ pkgs ? import <nixpkgs> { } }:\nwith pkgs; mkShell { packages = [ python3 unstable.uv ]; }\n",
    },
    {
      name: "unstable.uv as an argument",
      file: "nix/devshell.nix",
      code: "{ pkgs, unstable }:\npkgs.mkShell { packages = [ pkgs.python3 unstable.uv ]; }\n",
    },
    // Issue 10 item 5: uv brings the interpreter when the project says so.
    {
      name: "[tool.uv] managed = true: no Nix Python needed",
      file: "flake.nix",
      files: { "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n\n[tool.uv]\nmanaged = true\n' },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.uv pkgs.git ]; }\n",
    },
    {
      name: "python-preference = \"only-managed\": no Nix Python needed",
      file: "flake.nix",
      files: { "pyproject.toml": '[tool.uv]\npython-preference = "only-managed"\n\n[tool.uv.workspace]\nmembers = ["libs/*"]\n', "libs/a/pyproject.toml": '[project]\nname = "a"\nversion = "0.1.0"\n' },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.uv ]; }\n",
    },
  ],
  invalid: [
    {
      name: "python-preference = \"managed\" still needs uv: only uv is asked for",
      file: "flake.nix",
      files: { "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n\n[tool.uv]\npython-preference = "managed"\n' },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.git ]; }\n",
      errors: [
        {
          messageId: "missingUv",
          line: 1,
          column: 11,
          message: "Dev shell `flake.nix` has no `uv`; add `pkgs.uv` so the workspace's Python packages come from uv.",
          suggestions: [{ description: "Add `pkgs.uv` to the shell's packages", output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.git pkgs.uv ]; }\n" }],
        },
      ],
      output: null,
    },
    {
      name: "python-preference = \"system\" is no managed Python",
      file: "flake.nix",
      files: { "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n\n[tool.uv]\npython-preference = "system"\n' },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.uv ]; }\n",
      errors: [
        {
          messageId: "missingPython",
          line: 1,
          column: 11,
          message: "Dev shell `flake.nix` has no Python interpreter; add `pkgs.python3` for uv to run the workspace with.",
          suggestions: [{ description: "Add `pkgs.python3` to the shell's packages", output: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.uv pkgs.python3 ]; }\n" }],
        },
      ],
      output: null,
    },
    {
      name: "a package named like nixpkgs (nixpkgs-fmt) is no uv",
      file: "nix/devshell.nix",
      code: "{ pkgs, nixpkgs-fmt }:\npkgs.mkShell { packages = [ pkgs.python3 nixpkgs-fmt ]; }\n",
      errors: [
        {
          messageId: "missingUv",
          line: 2,
          column: 1,
          message: "Dev shell `devshell.nix` has no `uv`; add `pkgs.uv` so the workspace's Python packages come from uv.",
          suggestions: [{ description: "Add `pkgs.uv` to the shell's packages", output: "{ pkgs, nixpkgs-fmt }:\npkgs.mkShell { packages = [ pkgs.python3 nixpkgs-fmt pkgs.uv ]; }\n" }],
        },
      ],
      output: null,
    },
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
          suggestions: [{ description: "Add `python312` to the shell's packages", output: "{ pkgs }: {\n  devShells.default = with pkgs; mkShell { buildInputs = [ uv git python312 ]; };\n}\n" }],
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
          message: "Dev shell `docs` has neither `uv` nor a Python interpreter; add `pkgs.uv` and `pkgs.python3`.",
          suggestions: [{ description: "Add `pkgs.uv` and `pkgs.python3` to the shell's packages", output: `{
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
          message: "Dev shell `shell.nix` has neither `uv` nor a Python interpreter; add `pkgs.uv` and `pkgs.python3`.",
          suggestions: [{ description: "Add `pkgs.uv` and `pkgs.python3` to the shell's packages", output: "{ pkgs ? import <nixpkgs> { } }:\nlet tools = [ pkgs.git ]; in\npkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python3 ];\n  buildInputs = tools;\n}\n" }],
        },
      ],
      output: null,
    },
    {
      name: "a shell builder under another name (mkShell.override)",
      file: "flake.nix",
      code: "{ pkgs }:\nlet mkShellClang = pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }; in\nmkShellClang { packages = [ pkgs.uv ]; }\n",
      errors: [
        {
          messageId: "missingPython",
          line: 3,
          column: 1,
          endColumn: 13,
          message: "Dev shell `flake.nix` has no Python interpreter; add `pkgs.python3` for uv to run the workspace with.",
          suggestions: [
            {
              description: "Add `pkgs.python3` to the shell's packages",
              output: "{ pkgs }:\nlet mkShellClang = pkgs.mkShell.override { stdenv = pkgs.clangStdenv; }; in\nmkShellClang { packages = [ pkgs.uv pkgs.python3 ]; }\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: "flake-parts module imported by the flake",
      file: "nix/flake-module.nix",
      files: { "flake.nix": "{\n  outputs = inputs@{ flake-parts, ... }:\n    flake-parts.lib.mkFlake { inherit inputs; } { imports = [ ./nix/flake-module.nix ]; };\n}\n" },
      code: "{\n  perSystem = { pkgs, ... }: {\n    devShells.default = pkgs.mkShell { packages = with pkgs; [ python312 git ]; };\n  };\n}\n",
      errors: [
        {
          messageId: "missingUv",
          line: 3,
          column: 25,
          message: "Dev shell `default` has no `uv`; add `uv` so the workspace's Python packages come from uv.",
          suggestions: [
            {
              description: "Add `uv` to the shell's packages",
              output: "{\n  perSystem = { pkgs, ... }: {\n    devShells.default = pkgs.mkShell { packages = with pkgs; [ python312 git uv ]; };\n  };\n}\n",
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
