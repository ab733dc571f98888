import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

ruleTester("no-uv-pip", {
  valid: [
    { code: "uv pip list\nuv pip show numpy\nuv pip freeze\nuv pip tree\nuv pip check\n" },
    { code: "uv add --package evio numpy\nuv sync\nuv lock\n" },
    { code: 'echo "uv pip install x"\n' },
    { file: "docs/a.md", code: "❌ `uv pip install requests`\n" },
  ],
  invalid: [
    {
      files: WS,
      code: "cd evio && uv pip install numpy\n",
      errors: [{ line: 1, column: 12, message: "`uv pip install` changes the environment without pyproject.toml or uv.lock; use `uv add --package evio numpy`.", suggestions: [{ description: "Replace with `uv add --package evio numpy`", output: "cd evio && uv add --package evio numpy\n" }] }],
      output: null,
    },
    { code: "uv pip install --system -r requirements.txt\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv add --package <member> -r requirements.txt\n" }] }], output: null },
    { code: "uv pip install -e .\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv sync\n" }] }], output: null },
    { code: "uv pip sync requirements.txt\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv sync\n" }] }], output: null },
    { code: "uv pip compile pyproject.toml -o requirements.txt\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv lock\n" }] }], output: null },
    { files: WS, file: "evio/x.sh", code: "uv pip uninstall -y numpy\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv remove --package evio numpy\n" }] }], output: null },
    { code: "uv -q pip install x\n", errors: [{ line: 1, column: 1 }], output: null },
    {
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv pip install --user -r requirements-dev.txt\n  '';\n}\n",
      errors: [{ line: 3, column: 5, endColumn: 50 }],
      output: null,
    },
    { file: "docs/a.md", code: "- [ ] Run `uv pip install x`\n", errors: [{ line: 1, column: 12, endColumn: 28 }], output: null },
  ],
});
