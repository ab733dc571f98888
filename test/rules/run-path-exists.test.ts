import { ruleTester } from "../harness/rule-tester.js";

// Issue 5: the script slot must exist from where the command runs; seed 003's aliases run
// `scripts/play_dat.py` from the root although it is evio/scripts/play_dat.py.
const WS: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["evio", "workspace/libs/*"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n',
  "evio/scripts/play_dat.py": "print('play')\n",
  "evio/data/fan/x.dat": "data\n",
  "workspace/libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n',
  "scripts/check.sh": "echo ok\n",
  "nix/scripts/hook.sh": "echo hook\n",
};
const IN_EVIO = "`scripts/play_dat.py` does not exist from the root: `uv run --package` does not change the directory. The script is `evio/scripts/play_dat.py` in member evio (evio/pyproject.toml).";
const ELSEWHERE = "`scripts/play_dat.py` does not exist from the root; the script is `evio/scripts/play_dat.py` in member evio (evio/pyproject.toml).";
const missing = (file: string, where = "the root") => `\`${file}\` does not exist (from ${where}); fix the path or create the script.`;
const hook = (body: string): string => `{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    ${body}\n  '';\n}\n`;

ruleTester("run-path-exists", {
  valid: [
    { files: WS, name: "data arguments are never reported", code: "uv run --package evio python evio/scripts/play_dat.py data/fan/missing.dat\n" },
    { files: WS, name: "the directory is followed", code: "(cd evio && uv run python scripts/play_dat.py)\nuv run --directory evio python scripts/play_dat.py\n(cd evio && python scripts/play_dat.py)\ncd evio\nuv run python scripts/play_dat.py\n" },
    { files: WS, name: "no script slot", code: "python -m evio.play x.py\npython -c 'print(1)' x.py\nbash -c 'echo hi'\npython\nbash\nuv run pytest tests/x.py\n" },
    { files: WS, name: "shells and executed paths that exist", code: "bash scripts/check.sh\nsh -e ./scripts/check.sh\nbash -euo pipefail scripts/check.sh\n./scripts/check.sh --fast\npython -W ignore -X dev scripts/check.sh\n" },
    { files: WS, name: "dynamic, absolute, unknown directory", code: 'python "$SCRIPT"\npython /opt/tools/x.py\ncd "$DIR" && python x.py\npython ~/x.py\n' },
    { files: WS, code: 'echo "python missing.py"\n' },
    { files: WS, file: "docs/a.md", name: "placeholders", code: "```bash\npython <file>.py\nuv run python path/to/script.py\n```\n" },
    {
      files: WS,
      file: "docs/plan.md",
      name: "paths the document announces",
      code: "Create: `scripts/new_tool.py`\n\n**File**: tools/gen/\n\n```bash\nuv run python scripts/new_tool.py\nbash tools/gen/run.sh\n```\n",
    },
    { files: WS, file: "flake.nix", name: "Nix path literals that exist", code: hook("bash ${./scripts/check.sh}\n    ${./scripts/check.sh} --x") },
    { files: WS, file: "nix/devshell.nix", name: "a Nix path literal is relative to its .nix file", code: hook("bash ${./scripts/hook.sh}") },
  ],
  invalid: [
    {
      files: WS,
      name: "--package M and the script under M: safe prefix, data rebased when it exists under M",
      code: "uv run --package evio python scripts/play_dat.py data/fan/x.dat data/fan/missing.dat\n",
      errors: [{ messageId: "inMember", line: 1, column: 30, endColumn: 49, message: IN_EVIO }],
      output: "uv run --package evio python evio/scripts/play_dat.py evio/data/fan/x.dat data/fan/missing.dat\n",
    },
    { files: WS, name: "quotes are kept (and are no part of the path the message names)", code: "uv run --package evio python \"scripts/play_dat.py\" 'data/fan/x.dat'\n", errors: [{ line: 1, column: 30, message: IN_EVIO }], output: "uv run --package evio python \"evio/scripts/play_dat.py\" 'evio/data/fan/x.dat'\n" },
    { files: WS, code: "uv run python3 scripts/nope.py\n", errors: [{ messageId: "missing", line: 1, column: 16, message: missing("scripts/nope.py") }], output: null },
    { files: WS, code: "bash -e scripts/nope.sh\n./tools/nope.sh\nuv run tools/nope.py\n", errors: [{ line: 1, column: 9, message: missing("scripts/nope.sh") }, { line: 2, column: 1, message: missing("./tools/nope.sh") }, { line: 3, column: 8, message: missing("tools/nope.py") }], output: null },
    { files: WS, name: "the named member does not hold it", code: "uv run --package evio-core python scripts/play_dat.py\n", errors: [{ messageId: "missing", line: 1, column: 35, message: missing("scripts/play_dat.py") }], output: null },
    {
      files: WS,
      name: "no --package, one member holds it: a suggestion",
      code: "uv run python scripts/play_dat.py\n",
      errors: [{ messageId: "elsewhere", line: 1, column: 15, message: ELSEWHERE, suggestions: [{ description: "Use `evio/scripts/play_dat.py` with `--package evio`", output: "uv run --package evio python evio/scripts/play_dat.py\n" }] }],
      output: null,
    },
    {
      files: WS,
      file: "evio/README.md",
      name: "a member's own docs written for the member alone (contract)",
      code: "```bash\nuv run scripts/play_dat.py\n```\n",
      errors: [{ messageId: "elsewhere", line: 2, column: 8, message: ELSEWHERE, suggestions: [{ description: "Use `evio/scripts/play_dat.py` with `--package evio`", output: "```bash\nuv run --package evio evio/scripts/play_dat.py\n```\n" }] }],
      output: null,
    },
    {
      files: WS,
      name: "the directory is tracked across lines",
      code: "cd evio\nuv run python scripts/play_dat.py\ncd ..\nuv run --package evio python scripts/play_dat.py\n",
      errors: [{ line: 4, column: 30, message: IN_EVIO }],
      output: "cd evio\nuv run python scripts/play_dat.py\ncd ..\nuv run --package evio python evio/scripts/play_dat.py\n",
    },
    {
      files: WS,
      file: "flake.nix",
      name: "seed 003's shellHook alias",
      code: hook("alias run-demo-fan='uv run --package evio python scripts/play_dat.py data/fan/x.dat'"),
      errors: [{ messageId: "inMember", line: 3, column: 54, message: IN_EVIO }],
      output: hook("alias run-demo-fan='uv run --package evio python evio/scripts/play_dat.py evio/data/fan/x.dat'"),
    },
    {
      files: WS,
      file: "nix/devshell.nix",
      code: hook("bash ${./scripts/check.sh}"),
      errors: [{ messageId: "nixMissing", line: 3, column: 10, message: "`./scripts/check.sh` does not exist: a Nix path literal is relative to nix/devshell.nix, so it points at `nix/scripts/check.sh`." }],
      output: null,
    },
    { files: WS, file: "flake.nix", code: hook('${./run.sh} "$@"'), errors: [{ messageId: "nixMissing", line: 3, column: 5, message: "`./run.sh` does not exist: a Nix path literal is relative to flake.nix, so it points at `run.sh`." }], output: null },
    {
      files: WS,
      file: ".github/workflows/ci.yml",
      name: "a step's working-directory",
      code: "jobs:\n  t:\n    steps:\n      - working-directory: evio\n        run: uv run python tools/nope.py\n",
      errors: [{ messageId: "missing", line: 5, column: 28, message: missing("tools/nope.py", "`evio/`") }],
      output: null,
    },
    {
      files: WS,
      file: "docs/run.md",
      name: "a placeholder member: a suggestion that keeps it",
      code: "```bash\nuv run --package <member> python scripts/play_dat.py\n```\n",
      errors: [{ messageId: "elsewhere", line: 2, column: 34, message: ELSEWHERE, suggestions: [{ description: "Use `evio/scripts/play_dat.py`", output: "```bash\nuv run --package <member> python evio/scripts/play_dat.py\n```\n" }] }],
      output: null,
    },
    { files: WS, file: "docs/run.md", code: "Run `uv run --package evio python scripts/play_dat.py`.\n", errors: [{ line: 1, column: 35, message: IN_EVIO }], output: "Run `uv run --package evio python evio/scripts/play_dat.py`.\n" },
  ],
});
