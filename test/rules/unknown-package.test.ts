import { ruleTester } from "../harness/rule-tester.js";

// Issue 5: `--package X` must name a member (seed 003's members: evio, evio-core, fan-bbox).
const WS: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["evio", "workspace/libs/*", "workspace/plugins/*"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n',
  "workspace/libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n',
  "workspace/plugins/fan-bbox/pyproject.toml": '[project]\nname = "fan-bbox"\nversion = "0.1.0"\n',
};
const MEMBERS = "members in pyproject.toml: evio, evio-core, fan-bbox";
const didYouMean = (name: string, closest: string) => `\`--package ${name}\` names no workspace member (${MEMBERS}); did you mean \`${closest}\`?`;

ruleTester("unknown-package", {
  valid: [
    { files: WS, code: "uv run --package evio python -m evio\nuv add --package evio-core numpy\nuv sync --package=fan-bbox\n" },
    { files: WS, name: "names compare PEP 503-normalized", code: "uv run --package Evio_Core pytest\nuv remove --package fan_bbox x\n" },
    { files: WS, name: "uv tree --invert may name any package", code: "uv tree --package numpy --invert\n" },
    { files: WS, name: "placeholders and variables", code: 'uv run --package "$PKG" pytest\nuv run --package ${MEMBER} pytest\n' },
    { files: WS, file: "docs/a.md", code: "```bash\nuv run --package <member> <command>\nuv add --package {name} numpy\n```\n" },
    { files: WS, name: "-p is --python, and arguments of the command run are not uv's", code: "uv run -p 3.12 python x.py --package nope\n" },
    { files: WS, name: "text in echo is no command", code: 'echo "uv run --package nope x"\n' },
    { files: WS, name: "uv pip is another rule's", code: "uv pip install --package nope\n" },
    { name: "no root pyproject.toml: names are not checked", code: "uv run --package anything pytest\n" },
  ],
  invalid: [
    {
      files: WS,
      code: "uv run --package evio-cor pytest\n",
      errors: [{ messageId: "didYouMean", line: 1, column: 18, endColumn: 26, message: didYouMean("evio-cor", "evio-core"), suggestions: [{ description: "Replace with `evio-core`", output: "uv run --package evio-core pytest\n" }] }],
      output: null,
    },
    {
      files: WS,
      name: "--package=X is narrowed to X",
      code: "uv sync --package=fan-box\n",
      errors: [{ messageId: "didYouMean", line: 1, column: 19, endColumn: 26, message: didYouMean("fan-box", "fan-bbox"), suggestions: [{ description: "Replace with `fan-bbox`", output: "uv sync --package=fan-bbox\n" }] }],
      output: null,
    },
    {
      files: WS,
      code: "uv add --package zzz numpy\n",
      errors: [{ messageId: "unknown", line: 1, column: 18, message: `\`--package zzz\` names no workspace member (${MEMBERS}); use one of their names.`, suggestions: [] }],
      output: null,
    },
    {
      files: WS,
      name: "a folder is no name",
      code: "uv run --package workspace/libs/evio-core pytest\n",
      errors: [{ messageId: "folder", line: 1, column: 18, message: "`--package` takes a member's name, not a folder: use `--package evio-core` (the name in workspace/libs/evio-core/pyproject.toml).", suggestions: [{ description: "Replace with `evio-core`", output: "uv run --package evio-core pytest\n" }] }],
      output: null,
    },
    { files: WS, name: "a quoted --package=X word has no edit that keeps it", code: 'uv sync "--package=evio-cor"\n', errors: [{ messageId: "didYouMean", line: 1, column: 9, message: didYouMean("evio-cor", "evio-core"), suggestions: [] }], output: null },
    { files: WS, name: "quotes are kept", code: "uv sync --package 'evio-cor'\n", errors: [{ messageId: "didYouMean", line: 1, column: 19, message: didYouMean("evio-cor", "evio-core"), suggestions: [{ description: "Replace with `evio-core`", output: "uv sync --package 'evio-core'\n" }] }], output: null },
    { name: "a folder is no name, even without a workspace", code: "uv run --package ./evio python x.py\n", errors: [{ messageId: "folder", line: 1, column: 18, message: "`--package` takes a member's name, not a folder: use the `[project] name` from that folder's pyproject.toml.", suggestions: [] }], output: null },
    { files: WS, code: "uv --directory . lock --package evoi\nuv export --package evoi\nuv tree --package evoi\n",
      errors: [
        { line: 1, column: 33, message: didYouMean("evoi", "evio"), suggestions: [{ description: "Replace with `evio`", output: "uv --directory . lock --package evio\nuv export --package evoi\nuv tree --package evoi\n" }] },
        { line: 2, column: 21, message: didYouMean("evoi", "evio"), suggestions: [{ description: "Replace with `evio`", output: "uv --directory . lock --package evoi\nuv export --package evio\nuv tree --package evoi\n" }] },
        { line: 3, column: 19, message: didYouMean("evoi", "evio"), suggestions: [{ description: "Replace with `evio`", output: "uv --directory . lock --package evoi\nuv export --package evoi\nuv tree --package evio\n" }] },
      ],
      output: null,
    },
    {
      files: WS,
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    alias demo='uv run --package evoi python -m evio'\n  '';\n}\n",
      errors: [{ line: 3, column: 34, message: didYouMean("evoi", "evio"), suggestions: [{ description: "Replace with `evio`", output: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    alias demo='uv run --package evio python -m evio'\n  '';\n}\n" }] }],
      output: null,
    },
    {
      files: WS,
      file: "docs/run.md",
      code: "```bash\nuv add --package evio_cor polars\n```\n",
      errors: [{ line: 2, column: 18, message: didYouMean("evio_cor", "evio-core"), suggestions: [{ description: "Replace with `evio-core`", output: "```bash\nuv add --package evio-core polars\n```\n" }] }],
      output: null,
    },
    {
      files: WS,
      file: ".github/workflows/ci.yml",
      code: "jobs:\n  t:\n    steps:\n      - run: uv sync --package fanbox\n",
      errors: [{ line: 4, column: 32, message: didYouMean("fanbox", "fan-bbox"), suggestions: [{ description: "Replace with `fan-bbox`", output: "jobs:\n  t:\n    steps:\n      - run: uv sync --package fan-bbox\n" }] }],
      output: null,
    },
  ],
});
