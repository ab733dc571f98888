import { ruleTester } from "../harness/rule-tester.js";

// Issue 5: everything runs from the root; `cd DIR && cmd` becomes `uv run --package M ...` with
// root-relative paths (contract.md, run-from-root and "Decisions on hard cases > Commands").
const WS: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["evio", "workspace/libs/*"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n',
  "evio/scripts/x.py": "print('x')\n",
  "evio/a.dat": "data\n",
  "evio/tests/test_x.py": "def test(): pass\n",
  "workspace/libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n',
  "evio/Makefile": "test:\n\tuv run pytest\n",
};
const MSG = (command: string, dir: string, how: string, member: string, instead: string): string =>
  `\`${command}\` runs in \`${dir}/\` (${how}), inside member ${member} (${member === "evio" ? "evio" : `workspace/libs/${member}`}/pyproject.toml); run it from the root: \`${instead}\`.`;

ruleTester("run-from-root", {
  valid: [
    { files: WS, code: "uv run --package evio python evio/scripts/x.py evio/a.dat\n" },
    { files: WS, name: "cd to the root, outside the repo, to a $VAR", code: 'cd "$(git rev-parse --show-toplevel)" && uv run pytest\n(cd .. && uv run pytest)\n(cd /tmp && python x.py)\n(cd "$DIR" && uv run pytest)\n(cd ~/src && uv sync)\n' },
    { files: WS, name: "commands that are not Python or uv, and probes", code: "cd evio && ls && make data\npython --version\nuv --version\n" },
    { files: WS, name: "echo text is no command", code: 'echo "then: cd evio/data && unzip x.zip"\necho "cd evio && uv run pytest"\n' },
    { files: WS, name: "--project and --directory at the root", code: "uv run --project . pytest\nuv --directory . sync\n" },
    { files: WS, name: "a cd in a subshell does not move the lines after it", code: "(cd evio && make)\nuv run --package evio pytest evio/tests\n" },
    { files: WS, file: "evio/Makefile", name: "a Makefile's recipes run in its folder by design", code: "test:\n\tuv run pytest\n" },
    { files: WS, file: "docs/a.md", name: "counter-examples", code: "**Never:**\n\n- ❌ `cd evio && uv run python scripts/x.py`\n" },
  ],
  invalid: [
    {
      files: WS,
      code: "cd evio && uv run python scripts/x.py a.dat\n",
      errors: [{ messageId: "member", line: 1, column: 12, endColumn: 44, message: MSG("uv run python scripts/x.py a.dat", "evio", "after `cd evio`", "evio", "uv run --package evio python evio/scripts/x.py evio/a.dat") }],
      output: "uv run --package evio python evio/scripts/x.py evio/a.dat\n",
    },
    { files: WS, name: "--opt=PATH and quoted paths", code: "cd evio && uv run python 'scripts/x.py' --data=a.dat\n", errors: [{ line: 1, column: 12 }], output: "uv run --package evio python 'evio/scripts/x.py' --data=evio/a.dat\n" },
    { files: WS, name: "(cd DIR && cmd)", code: "(cd evio && uv run pytest tests)\necho done\n", errors: [{ line: 1, column: 13 }], output: "(uv run --package evio pytest evio/tests)\necho done\n" },
    { files: WS, name: "cd DIR; cmd", code: "cd evio; uv sync\n", errors: [{ line: 1, column: 10 }], output: "uv sync --package evio\n" },
    { files: WS, name: "uv lock is workspace-wide", code: "cd evio && uv lock\n", errors: [{ line: 1, column: 12 }], output: "uv lock\n" },
    { files: WS, name: "uv tree has no exact --package equivalent", code: "cd evio && uv tree\n", errors: [{ line: 1, column: 12, suggestions: [{ output: "uv tree\n" }] }], output: null },
    { files: WS, name: "a folder inside the member", code: "cd evio/scripts && uv run python x.py ../a.dat\n", errors: [{ line: 1, column: 20 }], output: "uv run --package evio python evio/scripts/x.py evio/a.dat\n" },
    {
      files: WS,
      name: "a path that does not exist under DIR: a suggestion",
      code: "cd evio && uv run python scripts/x.py data/missing.dat\n",
      errors: [{ line: 1, column: 12, suggestions: [{ description: "Run it from the root: `uv run --package evio python evio/scripts/x.py evio/data/missing.dat`", output: "uv run --package evio python evio/scripts/x.py evio/data/missing.dat\n" }] }],
      output: null,
    },
    { files: WS, name: "an argument that may be a path", code: 'cd evio && uv run python scripts/x.py "$@"\n', errors: [{ line: 1, column: 12, suggestions: [{ output: 'uv run --package evio python evio/scripts/x.py "$@"\n' }] }], output: null },
    {
      files: WS,
      name: "the cd also moves the lines after it: a suggestion",
      code: "cd evio && uv run pytest\nls data\n",
      errors: [{ line: 1, column: 12, suggestions: [{ output: "uv run --package evio pytest\nls data\n" }] }],
      output: null,
    },
    {
      files: WS,
      name: "a bare python gets uv run as a suggestion",
      code: "cd evio && python scripts/x.py\n",
      errors: [{ line: 1, column: 12, suggestions: [{ output: "uv run --package evio python evio/scripts/x.py\n" }] }],
      output: null,
    },
    {
      files: WS,
      name: "a folder that is no member: no fix",
      code: "cd workspace && uv run pytest\n",
      errors: [{ messageId: "notMember", line: 1, column: 17, message: "`uv run pytest` runs in `workspace/` (after `cd workspace`), which is in no member's folder (the members are pyproject.toml's `[tool.uv.workspace]`); run it from the root with root-relative paths (and `--package <member>`).", suggestions: [] }],
      output: null,
    },
    { files: WS, name: "pushd: no fix", code: "pushd evio && uv run pytest && popd\n", errors: [{ line: 1, column: 15, message: MSG("uv run pytest", "evio", "after `pushd evio`", "evio", "uv run --package evio pytest"), suggestions: [] }], output: null },
    { files: WS, name: "a cd on an earlier line: no fix", code: "cd evio\nuv run pytest tests\n", errors: [{ line: 2, column: 1, message: MSG("uv run pytest tests", "evio", "after `cd evio`", "evio", "uv run --package evio pytest evio/tests"), suggestions: [] }], output: null },
    {
      files: WS,
      code: "uv run --directory evio python scripts/x.py\n",
      errors: [{ line: 1, column: 1, message: MSG("uv run --directory evio python scripts/x.py", "evio", "`--directory evio`", "evio", "uv run --package evio python evio/scripts/x.py") }],
      output: "uv run --package evio python evio/scripts/x.py\n",
    },
    { files: WS, code: "uv --directory evio run pytest tests\n", errors: [{ line: 1, column: 1 }], output: "uv run --package evio pytest evio/tests\n" },
    { files: WS, name: "--project keeps paths", code: "uv run --project=evio python evio/scripts/x.py\n", errors: [{ line: 1, column: 1 }], output: "uv run --package evio python evio/scripts/x.py\n" },
    { files: WS, code: "uv --project workspace/libs/evio-core sync\n", errors: [{ line: 1, column: 1 }], output: "uv sync --package evio-core\n" },
    {
      files: WS,
      file: ".github/workflows/ci.yml",
      name: "a step's working-directory: reported, no fix",
      code: "jobs:\n  t:\n    steps:\n      - working-directory: evio\n        run: uv run pytest tests\n",
      errors: [{ line: 5, column: 14, message: MSG("uv run pytest tests", "evio", "the step's working directory", "evio", "uv run --package evio pytest evio/tests"), suggestions: [] }],
      output: null,
    },
    { files: WS, file: "lefthook.yml", name: "lefthook root:", code: "pre-commit:\n  commands:\n    test:\n      root: evio/\n      run: uv run pytest\n", errors: [{ line: 5, column: 12, suggestions: [] }], output: null },
    {
      files: WS,
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    cd evio && uv sync\n  '';\n}\n",
      errors: [{ line: 3, column: 16 }],
      output: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv sync --package evio\n  '';\n}\n",
    },
    { files: WS, file: "docs/run.md", code: "```bash\ncd evio && uv run python scripts/x.py a.dat\n```\n", errors: [{ line: 2, column: 12 }], output: "```bash\nuv run --package evio python evio/scripts/x.py evio/a.dat\n```\n" },
    { files: WS, file: "package.json", code: '{ "scripts": { "test": "cd evio && uv run pytest" } }\n', errors: [{ line: 1, column: 36 }], output: '{ "scripts": { "test": "uv run --package evio pytest" } }\n' },
  ],
});
