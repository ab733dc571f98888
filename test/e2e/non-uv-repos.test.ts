import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { cli, cliAsGiven, makeRepo, type JsonReport } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";

// Repos that are no uv workspace, shaped like real ones, linted as a user runs evio-lint: with no
// flags and no config (`cliAsGiven`; the harness's `cli` would apply the whole contract).

const NOTE = /^evio-lint: no uv workspace at (\S+) \((.+)\); linting (\d+) Python-looking files? of (\d+) with only the rules that need no workspace\. Set "workspace": "required" in \.evio-lint\.json to apply the whole contract\.\n$/;

async function lint(dir: string, args: readonly string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await cliAsGiven(dir, ["--format", "json", ...args]);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

const found = (report: JsonReport) => report.diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.rule}`);

/** The stderr note's parts, after checking it is the one and only line. */
function note(stderr: string): { root: string; missing: string; linted: number; of: number } {
  const m = NOTE.exec(stderr);
  expect(m, `one note line, got: ${stderr}`).not.toBeNull();
  return { root: m![1]!, missing: m![2]!, linted: Number(m![3]), of: Number(m![4]) };
}

const NIXOS = {
  "flake.nix": `{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.05";
  inputs.home-manager.url = "github:nix-community/home-manager";
  outputs = { self, nixpkgs, home-manager, ... }@inputs: {
    nixosConfigurations = {
      laptop = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        specialArgs = { inherit inputs; };
        modules = [ ./hosts/laptop/configuration.nix home-manager.nixosModules.home-manager ];
      };
      server = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./hosts/server/configuration.nix ];
      };
    };
  };
}
`,
  "hosts/laptop/configuration.nix": `{
  config,
  pkgs,
  ...
}:
{
  imports = [ ../../modules/dev.nix ../../modules/jupyter.nix ];
  networking.hostName = "laptop";
  environment.shellAliases = { py = "python3"; serve = "python3 -m http.server"; };
  system.stateVersion = "24.05";
}
`,
  "hosts/server/configuration.nix": `{ pkgs, ... }:
{
  networking.hostName = "server";
  services.openssh.enable = true;
  systemd.services.backup = {
    script = ''
      cd /srv/data && python3 backup.py --all
      pip install --user restic-wrapper
    '';
  };
}
`,
  "modules/dev.nix": `{ pkgs, ... }:
{
  environment.systemPackages = with pkgs; [
    git
    ripgrep
    (python3.withPackages (ps: with ps; [ requests numpy pandas ]))
    python3Packages.ipython
    poetry
  ];
}
`,
  "modules/jupyter.nix": `{ pkgs, ... }:
let
  env = pkgs.python311.withPackages (ps: [ ps.jupyterlab ps.matplotlib ]);
in
{
  environment.systemPackages = [ env ];
  programs.bash.shellInit = ''
    alias notebook="jupyter lab --no-browser"
  '';
}
`,
  "scripts/rebuild.sh": "#!/usr/bin/env bash\nset -euo pipefail\nsudo nixos-rebuild switch --flake .#\"$(hostname)\"\npip install --user nixfmt-helper\npython3 scripts/notify.py done\n",
  "scripts/update.sh": "#!/bin/sh\nnix flake update\ncd hosts && python3 ../scripts/check.py\n",
  "README.md": "# My machines\n\n```sh\nsudo nixos-rebuild switch --flake .#laptop\npip install black\n```\n\nRun `pip install --user ruff` for the editor.\n",
};

const RUST = {
  "Cargo.toml": '[package]\nname = "ripfast"\nversion = "0.3.1"\nedition = "2021"\n\n[dependencies]\nclap = { version = "4", features = ["derive"] }\n',
  "Cargo.lock": "version = 3\n\n[[package]]\nname = \"ripfast\"\nversion = \"0.3.1\"\n",
  "src/main.rs": 'fn main() {\n    println!("fast");\n}\n',
  "flake.nix": `{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  inputs.flake-utils.url = "github:numtide/flake-utils";
  outputs = { nixpkgs, flake-utils, ... }:
    flake-utils.lib.eachDefaultSystem (system:
      let pkgs = nixpkgs.legacyPackages.\${system}; in {
        devShells.default = pkgs.mkShell {
          packages = [ pkgs.rustc pkgs.cargo pkgs.clippy pkgs.rust-analyzer ];
          shellHook = ''
            export RUST_BACKTRACE=1
          '';
        };
      });
}
`,
  ".github/workflows/ci.yml": `name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      - run: cargo build --locked
      - run: cargo test
      - run: pip install pre-commit && pre-commit run --all-files
      - run: python3 scripts/bench.py
`,
  "README.md": "# ripfast\n\n```sh\ncargo install --path .\n```\n\nThe benchmarks need `pip install matplotlib`.\n",
  "scripts/release.sh": "#!/usr/bin/env bash\ncargo publish\n",
};

const POETRY_PYPROJECT = `[tool.poetry]
name = "weather-cli"
version = "1.2.0"
description = "Weather in the terminal"
authors = ["A. Dev <a@example.com>"]

[tool.poetry.dependencies]
python = "^3.11"
httpx = "^0.27"
extras-plugin = { path = "plugins/extras", develop = true }

[tool.poetry.group.dev.dependencies]
pytest = "^8"

[tool.poetry.scripts]
weather = "weather_cli.main:run"

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`;

const POETRY = {
  "pyproject.toml": POETRY_PYPROJECT,
  "poetry.lock": '[[package]]\nname = "httpx"\nversion = "0.27.0"\n\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\n',
  "plugins/extras/pyproject.toml": '[tool.poetry]\nname = "extras-plugin"\nversion = "0.1.0"\n\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n',
  "weather_cli/__init__.py": "",
  "weather_cli/main.py": "def run():\n    print('sunny')\n",
  "README.md": "# weather-cli\n\n```sh\npoetry install\npoetry run weather\n```\n\nWithout Poetry: `pip install -e .`\n",
  "docs/contributing.md": "# Contributing\n\n```bash\npip install -e .[dev]\npython -m pytest\n```\n",
  "Makefile": "test:\n\tpoetry run pytest\n",
  ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pipx install poetry && poetry install && poetry run pytest\n",
};

const SINGLE_UV_PYPROJECT = '[project]\nname = "tiny-api"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["fastapi>=0.110", "uvicorn"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n';
const singleUv = (pyproject: string, lockedFor = pyproject) => ({
  "pyproject.toml": pyproject,
  "uv.lock": uvLockFor({ "pyproject.toml": lockedFor }),
  "src/tiny_api/__init__.py": "",
  "README.md": "# tiny-api\n\n```sh\nuv sync\nuv run uvicorn tiny_api:app\n```\n\nOr, without uv: `pip install -e .`\n",
  "scripts/dev.sh": "#!/bin/sh\npython -m uvicorn tiny_api:app --reload\n",
});

describe("(a) a NixOS config: no Python project anywhere", () => {
  it("exits 0 with one note on stderr and no findings, where the whole contract finds many", async () => {
    const dir = makeRepo(NIXOS);
    const r = await lint(dir);
    expect(r.report.diagnostics).toEqual([]);
    expect(r.code).toBe(0);
    expect(note(r.stderr)).toEqual({ root: dir, missing: "no pyproject.toml with [tool.uv.workspace]", linted: 0, of: Object.keys(NIXOS).length });

    // What the note offers: the whole contract, by config or flag, reports what it did before.
    const flag = await lint(dir, ["--workspace", "required"]);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toBe("");
    expect(new Set(flag.report.diagnostics.map((d) => d.rule))).toEqual(new Set(["no-pip", "no-bare-python", "run-path-exists", "nix-no-python-packages", "run-from-root"]));
  });

  it('`"workspace": "required"` in .evio-lint.json applies the whole contract; the stylish report then says so', async () => {
    const dir = makeRepo({ ...NIXOS, ".evio-lint.json": '{ "workspace": "required" }\n' });
    const r = await cliAsGiven(dir, []);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("scripts/rebuild.sh\n  4:1  error  `pip install --user`");
  });

  it("the stylish report is empty too: nothing but the note", async () => {
    const dir = makeRepo(NIXOS);
    const r = await cliAsGiven(dir, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(2);
    note(r.stderr);
  });
});

describe("(b) a Rust-only repo", () => {
  it("exits 0 with no findings, though its CI and README run pip and python", async () => {
    const dir = makeRepo(RUST);
    const r = await lint(dir);
    expect(r.report.diagnostics).toEqual([]);
    expect(r.code).toBe(0);
    expect(note(r.stderr)).toMatchObject({ linted: 0, of: Object.keys(RUST).length });
  });

  it("the pre-commit hook (--staged) and an editor's buffer (--stdin) are quiet as well", async () => {
    const dir = makeRepo(RUST);
    const staged = await cliAsGiven(dir, ["--staged", "--format", "json"]);
    expect(staged.code).toBe(0);
    expect((JSON.parse(staged.stdout) as JsonReport).diagnostics).toEqual([]);
    expect(note(staged.stderr)).toMatchObject({ linted: 0 });
    let stdout = "";
    const code = await main(["--stdin", "--stdin-filename", "scripts/release.sh", "--format", "json"], {
      stdout: (s) => void (stdout += s),
      stderr: () => {},
      cwd: dir,
      env: { NO_COLOR: "1" },
      isTty: false,
      readStdin: async () => "#!/bin/sh\npip install twine\ncargo publish\n",
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as JsonReport).diagnostics).toEqual([]);
  });
});

describe("(c) a Poetry project", () => {
  it("is not told to use uv: no findings for poetry, pip or its path dependency; every file is Python-looking", async () => {
    const dir = makeRepo(POETRY);
    const r = await lint(dir);
    expect(found(r.report)).toEqual([]);
    expect(r.code).toBe(0);
    expect(note(r.stderr)).toEqual({ root: dir, missing: "its pyproject.toml has no [tool.uv.workspace]", linted: Object.keys(POETRY).length, of: Object.keys(POETRY).length });
  });

  it("what holds in any repo is still reported: a syntax error, a `[tool.uv]` key uv does not know", async () => {
    const dir = makeRepo({
      ...POETRY,
      "pyproject.toml": `${POETRY_PYPROJECT}\n[tool.uv]\nrequires-python = ">=3.11"\n`,
      "scripts/publish.sh": "#!/bin/sh\nif poetry build; then\n  poetry publish\n",
    });
    const r = await lint(dir);
    expect(found(r.report)).toEqual(["pyproject.toml:23:1 uv-config-valid", "scripts/publish.sh:4:1 parse-error"]);
    expect(r.code).toBe(1);
  });
});

describe("(d) a single uv project (uv.lock, no workspace table)", () => {
  it("with a fresh lock: no findings; pip in its README is not judged without a workspace", async () => {
    const dir = makeRepo(singleUv(SINGLE_UV_PYPROJECT));
    const r = await lint(dir);
    expect(found(r.report)).toEqual([]);
    expect(r.code).toBe(0);
    expect(note(r.stderr).missing).toBe("its pyproject.toml has no [tool.uv.workspace]");
  });

  it("a dependency that uv.lock does not know is reported by lockfile-fresh, at its line", async () => {
    const grown = SINGLE_UV_PYPROJECT.replace('"uvicorn"]', '"uvicorn", "httpx>=0.27"]');
    const dir = makeRepo(singleUv(grown, SINGLE_UV_PYPROJECT));
    const r = await lint(dir);
    expect(found(r.report)).toEqual(["pyproject.toml:5:46 lockfile-fresh"]);
    expect(r.report.diagnostics[0]!.message).toContain("`httpx>=0.27`");
    expect(r.code).toBe(1);
  });
});

describe("workspace-members without a workspace: only when there is Python for uv to manage", () => {
  it("a root project with projects below it and no [tool.uv.workspace] is reported once, at the root", async () => {
    const dir = makeRepo({
      "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n',
      "libs/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\n',
      "libs/io/pyproject.toml": '[project]\nname = "io"\nversion = "0.1.0"\n',
      "scripts/x.sh": "pip install -e libs/core\n",
    });
    const r = await lint(dir);
    expect(found(r.report)).toEqual(["pyproject.toml:1:1 workspace-members"]);
    expect(r.report.diagnostics[0]!.message).toBe("`libs/core/pyproject.toml` and 1 more pyproject.toml file below the root belong to no workspace: the root pyproject.toml has no `[tool.uv.workspace]`. Add `[tool.uv.workspace] members = [...]` listing their folders.");
    expect(r.code).toBe(1);
    note(r.stderr);
  });

  it("uv projects side by side with no root pyproject.toml: each is reported, naming how many others there are", async () => {
    const api = '[project]\nname = "api"\nversion = "0.1.0"\ndependencies = []\n';
    const worker = '[project]\nname = "worker"\nversion = "0.1.0"\n\n[tool.uv]\npackage = false\n';
    const dir = makeRepo({
      "services/api/pyproject.toml": api,
      "services/api/uv.lock": uvLockFor({ "pyproject.toml": api }),
      "services/worker/pyproject.toml": worker,
      "docs/index.md": "# Services\n",
    });
    const r = await lint(dir);
    expect(found(r.report)).toEqual(["services/api/pyproject.toml:1:1 workspace-members", "services/worker/pyproject.toml:1:1 workspace-members"]);
    expect(r.report.diagnostics[0]!.message).toBe(
      "`services/api/pyproject.toml` is a uv project, and 1 other pyproject.toml file lie below the root, but the root has no pyproject.toml: each is locked on its own. Add a root pyproject.toml with `[tool.uv.workspace] members = [...]` listing their folders, so that one uv.lock covers them.",
    );
    expect(note(r.stderr)).toMatchObject({ linted: 3, of: 4 });
  });

  it("Python packages that Nix builds (no uv anywhere), or a Poetry root with a path dependency, are no workspace to be", async () => {
    const nix = makeRepo({
      ...NIXOS,
      "pkgs/backup/pyproject.toml": '[project]\nname = "backup"\nversion = "1.0"\n',
      "pkgs/notify/pyproject.toml": '[project]\nname = "notify"\nversion = "1.0"\n',
      "pkgs/default.nix": "{ python3Packages }: { backup = python3Packages.buildPythonApplication { pname = \"backup\"; version = \"1.0\"; src = ./backup; }; }\n",
    });
    const r = await lint(nix);
    expect(found(r.report)).toEqual([]);
    expect(r.code).toBe(0);
    expect(note(r.stderr)).toMatchObject({ linted: 2 });
    // The Poetry project of (c) has plugins/extras/pyproject.toml below its root: no finding there either.
  });
});

describe("a uv workspace is linted as before", () => {
  it("no note, and the whole contract applies", async () => {
    const dir = makeRepo({
      "pyproject.toml": '[project]\nname = "root"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["libs/*"]\n',
      "libs/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\n',
      "scripts/setup.sh": "pip install requests\n",
    });
    const r = await lint(dir);
    expect(r.stderr).toBe("");
    expect(found(r.report)).toContain("scripts/setup.sh:1:1 no-pip");
  });
});

describe("the setting is validated", () => {
  it("a bad `workspace` value in the config is exit 2 with file:line:col; a bad --workspace is a usage error", async () => {
    const dir = makeRepo({ ".evio-lint.json": '{\n  "workspace": "sometimes"\n}\n', "a.sh": "echo hi\n" });
    const r = await cliAsGiven(dir, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evio-lint: .evio-lint.json:2:16: bad value for workspace: expected one of "auto", "required"\n');
    const flag = await cli(dir, ["--workspace", "never"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--workspace takes auto or required (got "never")');
  });
});
