import fs from "node:fs";
import path from "node:path";

/**
 * A deterministic synthetic Nix + uv monorepo shaped like the evio-evlib design (seed 003): a
 * root flake with a uv dev shell, a workspace of packages/* and apps/*, member scripts and READMEs
 * that follow the contract, and about one member in ten that breaks it so the rules have work.
 * Member files grow linearly with `members`; root files stay bounded except uv.lock, which,
 * as in a real workspace, holds one entry per member.
 */
export interface SynthOptions {
  members: number;
  seed?: number;
}

interface Member {
  name: string;
  module: string;
  dir: string;
  kind: "package" | "app";
  version: string;
  requiresPython: string;
  workspaceDeps: Member[];
  thirdParty: ThirdParty[];
  script: string | undefined;
  /** breaks the contract in its run.sh (pip install) */
  usesPip: boolean;
  /** breaks the contract in its run.sh (cd member && ...) */
  usesCd: boolean;
  /** README has a "Common mistakes" section with ❌ counter-examples */
  counterExamples: boolean;
}

interface ThirdParty {
  name: string;
  specifier: string;
  locked: string;
}

const NOUNS = [
  "core", "io", "vision", "stream", "detect", "track", "codec", "calib", "fft", "voxel",
  "bbox", "density", "loader", "export", "metrics", "sensor", "fusion", "plot", "cache", "events",
];

const THIRD_PARTY: readonly ThirdParty[] = [
  { name: "numpy", specifier: ">=1.24.0", locked: "2.1.3" },
  { name: "polars", specifier: ">=0.20.0", locked: "1.14.0" },
  { name: "evlib", specifier: ">=0.8.0", locked: "0.8.4" },
  { name: "opencv-python", specifier: ">=4.8.0", locked: "4.10.0.84" },
  { name: "scipy", specifier: ">=1.11", locked: "1.14.1" },
  { name: "rich", specifier: ">=13.0", locked: "13.9.4" },
  { name: "typer", specifier: ">=0.12", locked: "0.13.1" },
  { name: "pydantic", specifier: ">=2.5", locked: "2.10.1" },
  { name: "matplotlib", specifier: ">=3.8", locked: "3.9.2" },
  { name: "scikit-learn", specifier: ">=1.4", locked: "1.5.2" },
];

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function writeSynthRepo(dir: string, options: SynthOptions): { files: number; bytes: number } {
  if (!Number.isInteger(options.members) || options.members < 1) throw new Error(`members must be a positive integer, got ${options.members}`);
  const rand = prng(options.seed ?? 0x5eed);
  const members = makeMembers(options.members, rand);
  const { write, count } = writer(dir);
  write("pyproject.toml", rootPyproject());
  write("flake.nix", flake(members));
  write("uv.lock", uvLock(members, rand));
  write(".gitignore", ".venv/\n__pycache__/\n*.egg-info/\nresult\n.direnv/\n");
  write(".github/workflows/ci.yml", workflow(members));
  write("lefthook.yml", lefthook());
  write("Makefile", makefile(members));
  write("README.md", rootReadme(members));
  write("docs/dev-environment.md", devEnvironmentDoc(members));
  for (const m of members) {
    write(`${m.dir}/pyproject.toml`, memberPyproject(m));
    write(`${m.dir}/src/${m.module}/__init__.py`, `"""${m.name}: ${m.kind === "app" ? "application" : "library"} of the evio workspace."""\n\n__version__ = "${m.version}"\n`);
    write(`${m.dir}/scripts/run.sh`, runScript(m), 0o755);
    write(`${m.dir}/README.md`, memberReadme(m));
  }
  return count();
}

function writer(dir: string): { write: (rel: string, text: string, mode?: number) => void; count: () => { files: number; bytes: number } } {
  let files = 0;
  let bytes = 0;
  const write = (rel: string, text: string, mode = 0o644): void => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text, { mode });
    files++;
    bytes += Buffer.byteLength(text);
  };
  return { write, count: () => ({ files, bytes }) };
}

function makeMembers(count: number, rand: () => number): Member[] {
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

  const members: Member[] = [];
  const packages: Member[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i > 0 && rand() < 0.3 ? "app" : "package";
    const noun = NOUNS[i % NOUNS.length]!;
    const suffix = i >= NOUNS.length ? `-${i}` : "";
    const name = kind === "app" ? `${noun}-app${suffix}` : `evio-${noun}${suffix}`;
    const workspaceDeps: Member[] = [];
    for (let n = Math.min(int(4), packages.length); workspaceDeps.length < n; ) {
      const dep = pick(packages);
      if (!workspaceDeps.includes(dep)) workspaceDeps.push(dep);
    }
    const thirdParty: ThirdParty[] = [];
    for (let n = 1 + int(3); thirdParty.length < n; ) {
      const dep = pick(THIRD_PARTY);
      if (!thirdParty.includes(dep)) thirdParty.push(dep);
    }
    const module = name.replaceAll("-", "_");
    const member: Member = {
      name,
      module,
      dir: `${kind === "app" ? "apps" : "packages"}/${name}`,
      kind,
      version: `0.${int(5)}.${int(10)}`,
      requiresPython: int(15) === 0 ? ">=3.10" : ">=3.11",
      workspaceDeps,
      thirdParty,
      script: kind === "app" || rand() < 0.4 ? name : undefined,
      usesPip: i % 10 === 3,
      usesCd: i % 10 === 7,
      counterExamples: rand() < 0.5,
    };
    members.push(member);
    if (kind === "package") packages.push(member);
  }

  return members;
}

function rootPyproject(): string {
  return `# uv workspace root: one lockfile, one .venv, members under packages/ and apps/.
[tool.uv.workspace]
members = ["packages/*", "apps/*"]

[tool.ruff]
line-length = 100
target-version = "py311"

[tool.pytest.ini_options]
testpaths = ["packages", "apps"]
`;
}

function memberPyproject(m: Member): string {
  const deps = [...m.thirdParty.map((d) => `${d.name}${d.specifier}`), ...m.workspaceDeps.map((d) => d.name)];
  const lines = [
    "[project]",
    `name = "${m.name}"`,
    `version = "${m.version}"`,
    `description = "${m.kind === "app" ? "Event camera application" : "Event camera library"}: ${m.name}"`,
    `requires-python = "${m.requiresPython}"`,
    "dependencies = [",
    ...deps.map((d) => `    "${d}",`),
    "]",
    "",
  ];
  if (m.script) lines.push("[project.scripts]", `${m.script} = "${m.module}.cli:main"`, "");
  if (m.workspaceDeps.length > 0) {
    lines.push("[tool.uv.sources]", ...m.workspaceDeps.map((d) => `${d.name} = { workspace = true }`), "");
  }
  lines.push("[build-system]", 'requires = ["hatchling"]', 'build-backend = "hatchling.build"', "");
  return lines.join("\n");
}

function runScript(m: Member): string {
  const run = m.script ? `uv run --package ${m.name} ${m.script} --verbose "$@"` : `uv run --package ${m.name} python -m ${m.module} "$@"`;
  const lines = [
    "#!/usr/bin/env bash",
    `# Run ${m.name} from the repo root (never cd into the member).`,
    "set -euo pipefail",
    "",
    'cd "$(git rev-parse --show-toplevel)"',
    `echo "==> ${m.name}: syncing the workspace"`,
    "uv sync --frozen --quiet",
  ];
  if (m.usesPip) lines.push(`pip install ${m.thirdParty[0]!.name}  # TODO: move to pyproject.toml`);
  lines.push(run);
  if (m.usesCd) lines.push(`cd ${m.dir} && uv run python -m ${m.module}`);
  lines.push(
    `uv run --package ${m.name} python -c "import ${m.module}; print(${m.module}.__version__)"`,
    "",
    "cat <<EOF",
    `Done. To add a dependency to ${m.name}:`,
    `  uv add --package ${m.name} <package>`,
    "Never pip install into the shared .venv.",
    "EOF",
    "",
  );
  return lines.join("\n");
}

function memberReadme(m: Member): string {
  const example = m.thirdParty[0]!.name;
  const parts = [
    `# ${m.name}`,
    "",
    `${m.kind === "app" ? "Application" : "Library"} of the evio workspace: données d'événements 📦 → ${m.module}.`,
    m.workspaceDeps.length > 0 ? `It builds on ${m.workspaceDeps.map((d) => `\`${d.name}\``).join(", ")}.` : "It has no workspace dependencies.",
    "",
    "## Usage",
    "",
    "Everything runs from the repo root:",
    "",
    "```bash",
    m.script ? `uv run --package ${m.name} ${m.script} --help` : `uv run --package ${m.name} python -m ${m.module} --help`,
    `uv run --package ${m.name} python -m ${m.module}`,
    "```",
    "",
    `Add a dependency with \`uv add --package ${m.name} ${example}\`, then \`uv sync\`.`,
    "",
  ];
  if (m.counterExamples) {
    parts.push(
      "## Common mistakes",
      "",
      `❌ \`pip install ${example}\``,
      `✅ \`uv add --package ${m.name} ${example}\``,
      "",
      `❌ \`cd ${m.dir} && python -m ${m.module}\``,
      `✅ \`uv run --package ${m.name} python -m ${m.module}\``,
      "",
    );
  }
  return parts.join("\n");
}

function flake(members: readonly Member[]): string {
  const aliased = members.filter((m) => m.kind === "app").slice(0, 6);
  const aliasEcho = aliased.map((m) => `            echo "  run-${m.name.padEnd(20)}: uv run --package ${m.name}"`);
  const aliases = aliased.map((m) => `            alias run-${m.name}='uv run --package ${m.name} ${m.script ?? `python -m ${m.module}`}'`);
  return `{
  description = "Event Camera Detection Workbench - synthetic benchmark workspace";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    flake-utils.url = "github:numtide/flake-utils";
  };

  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let
        pkgs = nixpkgs.legacyPackages.\${system};
        python = pkgs.python311;
      in
      {
        devShells.default = pkgs.mkShell {
          buildInputs = [
            # Core tools
            python
            pkgs.uv                 # UV package manager

            # Rust toolchain (for evlib compilation)
            pkgs.rustc
            pkgs.cargo
            pkgs.pkg-config

            # System libraries
            pkgs.opencv4
            pkgs.zlib
          ];

          LD_LIBRARY_PATH = "\${pkgs.lib.makeLibraryPath [
            pkgs.stdenv.cc.cc.lib
            pkgs.zlib
          ]}";

          shellHook = ''
            echo "=========================================="
            echo "  Event Camera Detection Workbench"
            echo "=========================================="
            echo "Python: $(python --version)"
            echo "UV: $(uv --version)"
            echo ""

            # Initialize UV workspace (creates .venv, runs uv sync)
            if [ ! -d .venv ]; then
              echo "Initializing UV workspace..."
            fi
            uv sync --quiet 2>/dev/null || echo "Workspace initialized"

            echo ""
            echo "📦 Package Management:"
            echo "  NEVER use pip - UV only!"
            echo "  Add dependency: uv add --package <member> <package>"
            echo "  Sync workspace: uv sync"
            echo ""
            echo "🚀 Running Commands (from repo root):"
            echo "  uv run --package <member> <command>"
${aliasEcho.join("\n")}

            # Shell aliases for convenience
${aliases.join("\n")}
            alias lint='uv run ruff check .'
            alias fmt='uv run ruff format .'

            echo "Read docs/dev-environment.md for workflow guidelines"
            echo "=========================================="
          '';
        };
      }
    );
}
`;
}

function uvLock(members: readonly Member[], rand: () => number): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
  const requiresPython = members.every((m) => m.requiresPython === ">=3.10") ? ">=3.10" : ">=3.11";
  const used = THIRD_PARTY.filter((t) => members.some((m) => m.thirdParty.includes(t)));
  const entries: { name: string; text: string }[] = [];
  for (const m of members) {
    const deps = [...m.thirdParty.map((d) => d.name), ...m.workspaceDeps.map((d) => d.name)].sort();
    const requires = [
      ...m.thirdParty.map((d) => `    { name = "${d.name}", specifier = "${d.specifier}" },`),
      ...m.workspaceDeps.map((d) => `    { name = "${d.name}", editable = "${d.dir}" },`),
    ].sort();
    entries.push({
      name: m.name,
      text: [
        "[[package]]",
        `name = "${m.name}"`,
        `version = "${m.version}"`,
        `source = { editable = "${m.dir}" }`,
        "dependencies = [",
        ...deps.map((d) => `    { name = "${d}" },`),
        "]",
        "",
        "[package.metadata]",
        "requires-dist = [",
        ...requires,
        "]",
      ].join("\n"),
    });
  }
  for (const t of used) {
    const file = t.name.replaceAll("-", "_");
    entries.push({
      name: t.name,
      text: [
        "[[package]]",
        `name = "${t.name}"`,
        `version = "${t.locked}"`,
        'source = { registry = "https://pypi.org/simple" }',
        `sdist = { url = "https://files.pythonhosted.org/packages/${hex(2)}/${hex(2)}/${hex(60)}/${file}-${t.locked}.tar.gz", hash = "sha256:${hex(64)}", size = ${100000 + Math.floor(rand() * 9000000)} }`,
        "wheels = [",
        ...["manylinux_2_17_x86_64.manylinux2014_x86_64", "manylinux_2_17_aarch64.manylinux2014_aarch64", "macosx_11_0_arm64"].map(
          (platform) =>
            `    { url = "https://files.pythonhosted.org/packages/${hex(2)}/${hex(2)}/${hex(60)}/${file}-${t.locked}-cp311-cp311-${platform}.whl", hash = "sha256:${hex(64)}", size = ${100000 + Math.floor(rand() * 9000000)} },`,
        ),
        "]",
      ].join("\n"),
    });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header = [
    "version = 1",
    "revision = 3",
    `requires-python = "${requiresPython}"`,
    "",
    "[manifest]",
    "members = [",
    ...members.map((m) => m.name).sort().map((n) => `    "${n}",`),
    "]",
  ].join("\n");
  return [header, ...entries.map((e) => e.text)].join("\n\n") + "\n";
}

function workflow(members: readonly Member[]): string {
  const tested = members.slice(0, 5);
  return `name: CI

on:
  push:
    branches: [main]
  pull_request:

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: cachix/install-nix-action@v27
        with:
          extra_nix_config: |
            experimental-features = nix-command flakes
      - name: Sync the workspace
        run: nix develop --command uv sync --frozen
${tested.map((m) => `      - name: Test ${m.name}\n        run: nix develop --command uv run --package ${m.name} python -m pytest -q`).join("\n")}
      - name: Lint
        run: |
          nix develop --command uv run ruff check .
          nix develop --command uv run ruff format --check .
      - name: Lockfile is current
        run: nix develop --command uv lock --check
`;
}

function lefthook(): string {
  return `pre-commit:
  parallel: true
  commands:
    evio-lint:
      glob: "*.{nix,toml,sh,md,yml,yaml}"
      run: npx evio-lint {staged_files}
    ruff:
      glob: "*.py"
      run: uv run ruff check {staged_files}
    lockfile:
      glob: "**/pyproject.toml"
      run: uv lock --check
`;
}

function makefile(members: readonly Member[]): string {
  const runnable = members.filter((m) => m.script).slice(0, 10);
  const targets = runnable.map((m) => `run-${m.name}:\n\tuv run --package ${m.name} ${m.script}\n`);
  return `.PHONY: sync test lint lock ${runnable.map((m) => `run-${m.name}`).join(" ")}

sync:
\tuv sync

test: sync
\tuv run --package ${members[0]!.name} python -m pytest -q

lint:
\tuv run ruff check .
\tuv run ruff format --check .

lock:
\tuv lock

${targets.join("\n")}`;
}

function rootReadme(members: readonly Member[]): string {
  const first = members[0]!;
  return `# evio workspace

${members.length} members: ${members.filter((m) => m.kind === "package").length} libraries under \`packages/\`, ${members.filter((m) => m.kind === "app").length} applications under \`apps/\`.

## Getting started

\`\`\`bash
nix develop
uv sync
uv run --package ${first.name} python -m ${first.module}
\`\`\`

See [docs/dev-environment.md](docs/dev-environment.md) for the workflow.
`;
}

function devEnvironmentDoc(members: readonly Member[]): string {
  const m = members[0]!;
  return `# Development Environment Workflow

## MANDATORY Rules

### Package Management

**System Packages (Nix):**
- ✅ Provided by \`flake.nix\`: Python, UV, Rust, OpenCV, pkg-config
- ❌ **NEVER** add Python packages to \`flake.nix\`
- ❌ **NEVER** modify \`buildInputs\` for Python deps

**Python Packages (UV):**
- ✅ Managed via \`pyproject.toml\` in workspace members
- ✅ Use \`uv add --package <member> <dependency>\`
- ✅ Run \`uv sync\` after adding dependencies
- ❌ **NEVER** run \`pip install\`
- ❌ **NEVER** use poetry, conda, or other tools

### Running Commands

\`\`\`bash
uv run --package ${m.name} python -m ${m.module}
\`\`\`

**Never:**
- ❌ \`cd ${m.dir} && python -m ${m.module}\`
- ❌ \`cd ${m.dir} && uv run ...\`

### Adding Dependencies

\`\`\`bash
uv add --package ${m.name} polars numpy
uv sync
git status  # Should show uv.lock modified
\`\`\`

### Common Mistakes

❌ \`pip install requests\`
✅ \`uv add --package <member> requests && uv sync\`
`;
}

/**
 * About 160 files shaped like a real uv workspace on Nix (issue 12's bench repo): 12 members with
 * their Python sources and tests, 40 Markdown documents of 5-10 KB with shell, Nix and console
 * blocks and inline commands, a 300-line flake, 3 scripts and a 170 KB uv.lock.
 */
export function writeRealShapedRepo(dir: string, seed = 0x5eed): { files: number; bytes: number } {
  const rand = prng(seed);
  const members = makeMembers(12, rand);
  const { write, count } = writer(dir);
  write("pyproject.toml", rootPyproject());
  write("flake.nix", longFlake(members, 302));
  write("uv.lock", paddedLock(uvLock(members, rand), 170_000, rand));
  write(".gitignore", ".venv/\n__pycache__/\n*.egg-info/\nresult\n.direnv/\n");
  write(".python-version", "3.11\n");
  write("LICENSE", "MIT License\n\nCopyright (c) evio contributors\n");
  write(".github/workflows/ci.yml", workflow(members));
  write("lefthook.yml", lefthook());
  write("Makefile", makefile(members));
  write("README.md", padDoc(rootReadme(members), members, 0, rand));
  for (let i = 0; i < 27; i++) write(`docs/${DOC_TOPICS[i % DOC_TOPICS.length]}${i >= DOC_TOPICS.length ? `-${i}` : ""}.md`, padDoc(`# ${DOC_TOPICS[i % DOC_TOPICS.length]}\n`, members, i + 1, rand));
  for (const [i, name] of ["dev", "test", "release"].entries()) write(`scripts/${name}.sh`, runScript({ ...members[i]!, usesPip: false, usesCd: false }), 0o755);
  for (const m of members) {
    write(`${m.dir}/pyproject.toml`, memberPyproject(m));
    write(`${m.dir}/README.md`, padDoc(memberReadme(m), members, members.indexOf(m) + 30, rand));
    for (const file of ["__init__", "core", "cli", "io", "utils", "config"]) {
      write(`${m.dir}/src/${m.module}/${file}.py`, `"""${m.name}: ${file}."""\n\n__all__: list[str] = []\n`);
    }
    write(`${m.dir}/tests/test_${m.module}.py`, `import ${m.module}\n\n\ndef test_import() -> None:\n    assert ${m.module}\n`);
    write(`${m.dir}/tests/conftest.py`, "import pytest\n");
  }
  return count();
}

const DOC_TOPICS = ["dev-environment", "workflow", "testing", "release", "architecture", "data", "contributing", "troubleshooting", "ci", "nix"];

/** A document grown to 5-10 KB with sections of prose, inline commands and fenced shell, Nix and console blocks. */
function padDoc(start: string, members: readonly Member[], n: number, rand: () => number): string {
  const target = 5_000 + Math.floor(rand() * 5_000);
  const parts = [start];
  for (let i = 0; parts.join("\n").length < target; i++) {
    const m = members[(n + i) % members.length]!;
    parts.push(
      `\n## ${m.name}: step ${i + 1}\n`,
      `Work on \`${m.name}\` from the repository root: \`uv run --package ${m.name} python -m ${m.module}\` runs it in the workspace's \`.venv\`, and \`uv add --package ${m.name} ${m.thirdParty[0]!.name}\` adds a dependency. The dev shell (\`nix develop\`) provides \`pkgs.uv\` and \`pkgs.python311\`.`,
      "",
      "```sh",
      "uv sync --frozen",
      `uv run --package ${m.name} pytest ${m.dir}/tests -q`,
      `uv run --package ${m.name} ruff check ${m.dir}`,
      "```",
      "",
      i % 3 === 0 ? "```nix\ndevShells.default = pkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python311 ];\n};\n```\n" : "```console\n$ uv sync\nResolved 42 packages in 12ms\n$ uv run --package " + m.name + " python -c 'print(1)'\n1\n```\n",
      i % 4 === 1 ? `❌ \`pip install ${m.thirdParty[0]!.name}\` puts it outside uv.lock.\n` : `Run \`uv lock\` after editing \`${m.dir}/pyproject.toml\`.\n`,
    );
  }
  return parts.join("\n") + "\n";
}

/** The synthetic flake grown to `lines` with a launcher package and a check per member. */
function longFlake(members: readonly Member[], lines: number): string {
  const base = flake(members);
  const end = "        };\n      }\n    );\n}\n";
  const extra: string[] = [];
  for (let i = 0; base.split("\n").length + extra.length < lines; i++) {
    const m = members[i % members.length]!;
    const name = `${m.name}${i >= members.length ? `-${Math.floor(i / members.length)}` : ""}`;
    extra.push(`        packages.run-${name} = pkgs.writeShellScriptBin "run-${name}" ''`, `          exec uv run --package ${m.name} python -m ${m.module} "$@"`, "        '';");
  }
  return base.slice(0, base.length - end.length) + "        };\n" + extra.join("\n") + "\n      }\n    );\n}\n";
}

/** uv.lock with registry packages added (the transitive dependencies a real lock holds) until it has `size` bytes. */
function paddedLock(lock: string, size: number, rand: () => number): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
  const extra: string[] = [];
  for (let i = 0; lock.length + extra.join("\n\n").length < size; i++) {
    const name = `transitive-${i.toString().padStart(3, "0")}`;
    extra.push(
      [
        "[[package]]",
        `name = "${name}"`,
        `version = "1.${i % 10}.0"`,
        'source = { registry = "https://pypi.org/simple" }',
        `sdist = { url = "https://files.pythonhosted.org/packages/${hex(2)}/${hex(2)}/${hex(60)}/${name}-1.0.tar.gz", hash = "sha256:${hex(64)}", size = ${10000 + i} }`,
        "wheels = [",
        `    { url = "https://files.pythonhosted.org/packages/${hex(2)}/${hex(2)}/${hex(60)}/${name}-1.0-py3-none-any.whl", hash = "sha256:${hex(64)}", size = ${9000 + i} },`,
        "]",
      ].join("\n"),
    );
  }
  return lock.trimEnd() + "\n\n" + extra.join("\n\n") + "\n";
}

/**
 * A release script of the size real repositories keep in scripts/ (about 30 lines plus 24 per
 * step): options, logging, a trap, and per step a function with tests, loops, a case and uv
 * commands run from the root. The benchmark's shellcheck comparison at a size where the work,
 * not the start of a process, is what is timed.
 */
export function longScript(steps: number): string {
  const out = [
    "#!/usr/bin/env bash",
    "# Release helper for the workspace: builds, tests and tags each member.",
    "set -euo pipefail",
    "",
    'ROOT="$(git rev-parse --show-toplevel)"',
    'cd "$ROOT"',
    "",
    "VERBOSE=0",
    "DRY_RUN=0",
    "declare -a MEMBERS=()",
    "",
    'log() { printf "[%s] %s\\n" "$(date +%H:%M:%S)" "$*" >&2; }',
    'die() { log "error: $*"; exit 1; }',
    "",
    "usage() {",
    "  cat <<EOF",
    "Usage: ${0##*/} [-v] [-n] [member...]",
    "  -v  verbose",
    "  -n  dry run",
    "EOF",
    "}",
    "",
    'while getopts ":vnh" opt; do',
    '  case "$opt" in',
    "    v) VERBOSE=1 ;;",
    "    n) DRY_RUN=1 ;;",
    "    h) usage; exit 0 ;;",
    "    *) usage >&2; exit 2 ;;",
    "  esac",
    "done",
    "shift $((OPTIND - 1))",
    "",
    "run() {",
    '  if (( VERBOSE )); then log "+ $*"; fi',
    "  if (( DRY_RUN )); then return 0; fi",
    '  "$@"',
    "}",
    "",
    "trap 'log \"interrupted\"; exit 130' INT TERM",
    "",
  ];
  for (let i = 0; i < steps; i++) {
    out.push(
      `step_${i}() {`,
      '  local member="$1" version',
      `  version="$(uv run --package "$member" python -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$member")"`,
      `  log "step ${i}: $member $version"`,
      '  if [[ -z "$version" ]]; then',
      '    die "no version for $member"',
      '  elif [[ "$version" == *dev* ]]; then',
      '    log "skipping dev build of $member"',
      "    return 0",
      "  fi",
      '  for f in "packages/$member"/src/*/*.py; do',
      '    [[ -e "$f" ]] || continue',
      '    grep -q "__version__" "$f" && log "found version marker in $f"',
      "  done",
      '  run uv build --package "$member" --out-dir "dist/$member"',
      '  case "$member" in',
      '    evio-*) run uv run --package "$member" pytest -q "packages/$member/tests" ;;',
      "    *) run uv run pytest -q ;;",
      "  esac",
      '  local -a files=(dist/"$member"/*)',
      '  log "built ${#files[@]} file(s) for $member"',
      "}",
      "",
    );
  }
  out.push(
    'if (( $# )); then MEMBERS=("$@"); else',
    '  mapfile -t MEMBERS < <(find packages -mindepth 1 -maxdepth 1 -type d -printf "%f\\n" | sort)',
    "fi",
    "",
    'for member in "${MEMBERS[@]}"; do',
    ...Array.from({ length: steps }, (_, i) => `  step_${i} "$member"`),
    "done",
    "",
    "uv lock --check",
    'log "done: ${#MEMBERS[@]} member(s)"',
    "",
  );
  return out.join("\n");
}
