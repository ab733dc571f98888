import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { verifyToml } from "../../src/parse/toml.js";
import { nixParse } from "../harness/nix-parse.js";
import { cli, makeRepo } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";
import { prng } from "../../tools/synth-repo.js";

// Issue 11, "Must show": mutate real-shaped inputs of every file kind and run the real CLI over
// them with --fix. No internal error, every fixed file still parses (by the ground-truth tool
// where there is one), and a second --fix changes nothing. Bounded: EVIO_LINT_FUZZ_COUNT
// mutations (default 120, about 10 s alone); replay a failure with the seed it prints: EVIO_LINT_FUZZ_SEED=N.

const SEED = Number(process.env["EVIO_LINT_FUZZ_SEED"] ?? Math.floor(Math.random() * 2 ** 31));
const COUNT = Number(process.env["EVIO_LINT_FUZZ_COUNT"] ?? 120);

const BASE: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["packages/*"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }\n',
  "packages/core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["numpy>=1.26"]\n\n[project.scripts]\nevio = "evio_core:main"\n',
  "packages/core/setup.sh": "#!/bin/bash\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\npip install requests\npython -m pytest tests/\nuv run evio --help && uv pip install rich\n",
  "flake.nix": "{\n  inputs.nixpkgs.url = \"github:NixOS/nixpkgs\";\n  outputs = { self, nixpkgs }: let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {\n    devShells.x86_64-linux.default = pkgs.mkShell {\n      packages = [ pkgs.python311 pkgs.python311Packages.numpy ];\n      shellHook = ''\n        export PIP_USER=1\n        pip install -r requirements.txt\n        python scripts/x.py\n      '';\n    };\n  };\n}\n",
  "docs/README.md": "# Setup\n\nRun:\n\n```bash\npip install requests\ncd packages/core && uv run pytest\n```\n\nThen `uv pip install rich` and:\n\n```nix\n{ pkgs }: pkgs.mkShell { shellHook = \"pip install x\"; }\n```\n",
  "lefthook.yml": "pre-commit:\n  commands:\n    test:\n      run: pip install pytest && python -m pytest\n    lint:\n      run: |\n        cd packages/core\n        uv run ruff check .\n",
  ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -e .\n      - run: 'python -m pytest ${{ matrix.x }}'\n",
  "package.json": '{\n  "name": "web",\n  "scripts": {\n    "setup": "pip install requests && python x.py",\n    "test": "cd packages/core && uv run pytest"\n  }\n}\n',
  Makefile: "setup:\n\tpip install requests\n\tcd packages/core && uv run pytest\n\ntest: setup\n\tpython -m pytest $(ARGS)\n",
  Dockerfile: "FROM python:3.12\nCOPY . /app\nRUN pip install -r requirements.txt && \\\n    python -m compileall .\nCMD [\"python\", \"-m\", \"evio\"]\n",
};

/** Pieces that matter to some grammar here, plus hostile and wide characters. */
const TOKENS = [
  "'", '"', "${", "}", "$(", ")", "`", "\n", "\r\n", "\\", ";", "&&", "||", "|", "#", "[", "]", "{", "=", ",", ":",
  "''", "'''", "```", "- ", "  ", "\t", "pip install x ", "python ", "cd packages/core && ", "uv run ", "\u001b[2J", "\u009b", "é", "😀", "<member>",
];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  switch (Math.floor(next() * 4)) {
    case 0:
      return text.slice(0, at) + pick(TOKENS) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8));
    case 2: {
      const lines = text.split("\n");
      const i = Math.floor(next() * lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join("\n");
    }
    default:
      return text.slice(0, at) + pick(TOKENS) + pick(TOKENS) + text.slice(at + Math.floor(next() * 3));
  }
}

/** The ground-truth verdict on a file's syntax, or null where no such tool is at hand. */
function parses(file: string, text: string): boolean | null {
  if (file.endsWith(".sh")) return spawnSync("bash", ["-n"], { input: text }).status === 0;
  if (file.endsWith(".nix")) return nixParse(text).ok;
  if (file.endsWith(".toml")) return verifyToml(text) === null;
  if (file.endsWith(".json")) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  if (file.endsWith(".yml")) return parseDocument(text).errors.length === 0;
  return null;
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

describe("fuzz: mutated inputs of every kind", () => {
  it(`seed ${SEED}, ${COUNT} mutations: no internal error, fixes re-parse, a second --fix is a no-op`, { timeout: 600_000 }, async () => {
    process.stdout.write(`fuzz: EVIO_LINT_FUZZ_SEED=${SEED} EVIO_LINT_FUZZ_COUNT=${COUNT}\n`);
    const next = prng(SEED);
    const files = Object.keys(BASE);
    const dir = makeRepo({ ...BASE, "uv.lock": uvLockFor(BASE) });
    let fixedRuns = 0;
    for (let i = 0; i < COUNT; i++) {
      const file = files[i % files.length]!;
      let text = BASE[file]!;
      const times = 1 + Math.floor(next() * 3);
      for (let k = 0; k < times; k++) text = mutate(text, next);
      for (const f of files) fs.writeFileSync(path.join(dir, f), f === file ? text : BASE[f]!);
      const where = `mutation ${i} of ${file} (EVIO_LINT_FUZZ_SEED=${SEED}): ${JSON.stringify(text)}`;

      const first = await cli(dir, ["--fix", "--unsafe-fixes", "--format", "json"]);
      expect([0, 1], `${where}\n${first.stderr}`).toContain(first.code);
      expect(first.stderr, where).not.toMatch(/\n\s+at |internal error|Set EVIO_LINT_DEBUG/);
      const fixed = Object.fromEntries(files.map((f) => [f, read(dir, f)]));
      if (files.some((f) => fixed[f] !== (f === file ? text : BASE[f]))) fixedRuns++;
      for (const f of files) {
        const original = f === file ? text : BASE[f]!;
        if (fixed[f] === original || parses(f, original) === false) continue;
        expect(parses(f, fixed[f]!), `${where}\nfixed ${f} no longer parses:\n${fixed[f]}`).not.toBe(false);
      }
      const second = await cli(dir, ["--fix", "--unsafe-fixes", "--format", "json"]);
      expect([0, 1], `${where}\n${second.stderr}`).toContain(second.code);
      for (const f of files) expect(read(dir, f), `${where}\nsecond --fix changed ${f}`).toBe(fixed[f]);
    }
    process.stdout.write(`fuzz: ${COUNT} mutations, ${fixedRuns} runs applied fixes (EVIO_LINT_FUZZ_SEED=${SEED})\n`);
    // The base files hold fixable findings: a fuzz that never reaches the fixer proves nothing.
    expect(fixedRuns).toBeGreaterThan(0);
  });
});
