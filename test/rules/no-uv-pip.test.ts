import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

const changes = (sub: string, instead: string) => `\`uv pip ${sub}\` changes the environment without pyproject.toml or uv.lock; use \`${instead}\`.`;
/** The rule's one suggestion: the command replaced by `instead`, giving `output`. */
const replaceWith = (instead: string, output: string) => [{ description: `Replace with \`${instead}\``, output }];

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
    {
      code: "uv pip install --system -r requirements.txt\n",
      errors: [
        {
          line: 1,
          column: 1,
          message: changes("install", "uv add --package <member> -r requirements.txt"),
          suggestions: replaceWith("uv add --package <member> -r requirements.txt", "uv add --package <member> -r requirements.txt\n"),
        },
      ],
      output: null,
    },
    { code: "uv pip install -e .\n", errors: [{ line: 1, column: 1, message: changes("install", "uv sync"), suggestions: replaceWith("uv sync", "uv sync\n") }], output: null },
    { code: "uv pip sync requirements.txt\n", errors: [{ line: 1, column: 1, message: changes("sync", "uv sync"), suggestions: replaceWith("uv sync", "uv sync\n") }], output: null },
    {
      name: "compile installs nothing: the message says where its pins go instead",
      code: "uv pip compile pyproject.toml -o requirements.txt\n",
      errors: [
        {
          messageId: "uvPipCompile",
          line: 1,
          column: 1,
          message: "`uv pip compile` writes pins to a requirements file that `uv sync` never reads; the workspace's pins live in uv.lock: use `uv lock`.",
          suggestions: replaceWith("uv lock", "uv lock\n"),
        },
      ],
      output: null,
    },
    {
      files: WS,
      file: "evio/x.sh",
      code: "uv pip uninstall -y numpy\n",
      errors: [{ line: 1, column: 1, message: changes("uninstall", "uv remove --package evio numpy"), suggestions: replaceWith("uv remove --package evio numpy", "uv remove --package evio numpy\n") }],
      output: null,
    },
    {
      code: "uv -q pip install x\n",
      errors: [{ line: 1, column: 1, message: changes("install", "uv add --package <member> x"), suggestions: replaceWith("uv add --package <member> x", "uv add --package <member> x\n") }],
      output: null,
    },
    {
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv pip install --user -r requirements-dev.txt\n  '';\n}\n",
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 50,
          message: changes("install", "uv add --package <member> -r requirements-dev.txt"),
          suggestions: replaceWith("uv add --package <member> -r requirements-dev.txt", "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv add --package <member> -r requirements-dev.txt\n  '';\n}\n"),
        },
      ],
      output: null,
    },
    {
      file: "docs/a.md",
      code: "- [ ] Run `uv pip install x`\n",
      errors: [
        { line: 1, column: 12, endColumn: 28, message: changes("install", "uv add --package <member> x"), suggestions: replaceWith("uv add --package <member> x", "- [ ] Run `uv add --package <member> x`\n") },
      ],
      output: null,
    },
  ],
});
