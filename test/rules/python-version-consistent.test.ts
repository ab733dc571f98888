import { ruleTester } from "../harness/rule-tester.js";
import { seed003Repo } from "../harness/seeds.js";

// Issue 4: the flake's interpreter against requires-python, .python-version and tool targets.
const WORKSPACE = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["libs/*"]\n\n[tool.ruff]\ntarget-version = "py312"\n',
  "libs/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
  "libs/ui/pyproject.toml": '[project]\nname = "ui"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n',
};
const CORE = '[project]\nname = "core"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n';
const OLD = '[project]\nname = "old"\nversion = "0.1.0"\nrequires-python = ">=3.8,<3.10"\n';

ruleTester("python-version-consistent", {
  valid: [
    { name: "seed 003: python311 and requires-python >=3.11", file: "flake.nix", files: seed003Repo(), code: seed003Repo()["flake.nix"]! },
    { name: "python3 has no known version", file: "flake.nix", files: WORKSPACE, code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python3 pkgs.uv ]; }\n" },
    { name: "an interpreter inside every range", file: "flake.nix", files: WORKSPACE, code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python312 pkgs.uv ]; }\n" },
    {
      name: "a .python-version that agrees",
      file: "flake.nix",
      files: { ...WORKSPACE, ".python-version": "3.13.1\n" },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python313 pkgs.uv ]; }\n",
    },
    { name: "members whose ranges overlap", file: "libs/core/pyproject.toml", files: WORKSPACE, code: CORE },
  ],
  invalid: [
    {
      name: "a let-bound interpreter outside a member's requires-python",
      file: "flake.nix",
      files: WORKSPACE,
      code: "{ pkgs }:\nlet python = pkgs.python311; in\npkgs.mkShell { packages = [ python pkgs.uv ]; }\n",
      errors: [
        {
          messageId: "requiresPython",
          line: 2,
          column: 14,
          endColumn: 28,
          message: "`pkgs.python311` gives Python 3.11, which libs/ui/pyproject.toml (requires-python `>=3.12`) does not allow; use an interpreter inside that range or change requires-python.",
        },
        {
          messageId: "toolTarget",
          line: 2,
          column: 14,
          message: "`pkgs.python311` gives Python 3.11, but `[tool.ruff] target-version` in pyproject.toml targets 3.12, newer than the shell's interpreter; lower it or use a newer interpreter.",
          related: ["pyproject.toml:5:18 `[tool.ruff] target-version` targets Python 3.12"],
        },
      ],
      output: null,
    },
    {
      name: "the interpreter of a withPackages call, under with pkgs;",
      file: "flake.nix",
      files: WORKSPACE,
      code: "{ pkgs }: with pkgs; mkShell { packages = [ uv (python310.withPackages (ps: [ ])) ]; }\n",
      errors: [
        {
          messageId: "requiresPython",
          line: 1,
          column: 49,
          endColumn: 58,
          message:
            "`python310` gives Python 3.10, which libs/core/pyproject.toml (requires-python `>=3.11`), libs/ui/pyproject.toml (requires-python `>=3.12`) does not allow; use an interpreter inside that range or change requires-python.",
          related: ["libs/core/pyproject.toml:4:19 `core` has requires-python `>=3.11`", "libs/ui/pyproject.toml:4:19 `ui` has requires-python `>=3.12`"],
        },
        {
          messageId: "toolTarget",
          line: 1,
          column: 49,
          message: "`python310` gives Python 3.10, but `[tool.ruff] target-version` in pyproject.toml targets 3.12, newer than the shell's interpreter; lower it or use a newer interpreter.",
        },
      ],
      output: null,
    },
    {
      name: ".python-version pins another Python",
      file: "flake.nix",
      files: { "pyproject.toml": '[project]\nname = "app"\nversion = "1"\n', ".python-version": "3.12\n" },
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python313 pkgs.uv ]; }\n",
      errors: [{ messageId: "pythonVersionFile", line: 1, column: 39, message: "`pkgs.python313` gives Python 3.13, but .python-version pins 3.12; uv would fetch and use another interpreter than the dev shell's: make them agree." }],
      output: null,
    },
    {
      name: "two interpreters of different versions in one shell",
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  packages = [\n    pkgs.python311\n    pkgs.uv\n    pkgs.python312\n  ];\n}\n",
      errors: [{ messageId: "twoInterpreters", line: 5, column: 5, message: "Dev shell `flake.nix` gives Python 3.12 (`pkgs.python312`) and also 3.11 (`pkgs.python311`); whichever comes first on PATH wins: keep one interpreter.", related: ["flake.nix:3:5 the first interpreter, Python 3.11"] }],
      output: null,
    },
    {
      name: "a member whose range shares no version with another's",
      file: "libs/old/pyproject.toml",
      files: { ...WORKSPACE, "libs/old/pyproject.toml": OLD },
      code: OLD,
      errors: [
        {
          messageId: "disjoint",
          line: 4,
          column: 19,
          endColumn: 32,
          message:
            "requires-python `>=3.8,<3.10` of `old` shares no Python version with `core` (libs/core/pyproject.toml: `>=3.11`), `ui` (libs/ui/pyproject.toml: `>=3.12`); uv resolves one Python for the whole workspace: make the ranges overlap.",
          related: ["libs/core/pyproject.toml:4:19 `core` has requires-python `>=3.11`", "libs/ui/pyproject.toml:4:19 `ui` has requires-python `>=3.12`"],
        },
      ],
      output: null,
    },
  ],
});
