import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

// Issue 2: detection in every source; the fix comes with issue 3.
ruleTester("no-pip", {
  valid: [
    { code: "uv add --package evio-core requests\n" },
    { code: 'echo "pip install x"\nprintf "%s\\n" "pip install y"\n' },
    { code: "cat <<EOF\npip install x\nEOF\n" },
    { code: "# pip install x\nwhich pip\ncommand -v pip3\ngrep pip requirements.txt\napt-get install python3-pip\n" },
    { code: "pip --version\npip3 help\n" },
    { code: "$PIP install x\n" },
    { file: "docs/a.md", code: "❌ `pip install requests`\n\n**Never:**\n\n- `pip install x`\n- `pip3 install y`\n" },
    { file: "docs/a.md", code: "```python\nos.system('pip install x')\n```\n" },
    { file: "docs/a.md", code: "`pip install` bypasses the lockfile.\n" },
    // Inline code in prose (contract.md, "Added 2026-12"): its own clause can say it is the wrong way.
    { file: "docs/a.md", code: "You should never run `pip install x` or `pip install y` here.\n" },
    { file: "docs/a.md", code: "Use `uv add x` instead of `pip install x`.\n" },
    { file: "docs/a.md", code: "`pip install x` -> `uv add --package evio x`\n" },
    { file: "docs/a.md", code: "Install `pip` first.\n" },
  ],
  invalid: [
    { code: "pip install requests\n", errors: [{ messageId: "install", line: 1, column: 1, endColumn: 21 }], output: null },
    { code: "cd a && pip3.11 install -r r.txt\n", errors: [{ messageId: "install", line: 1, column: 9 }], output: null },
    { code: "python3.11 -m pip install x\n", errors: [{ messageId: "install", line: 1, column: 1, message: /^`python3\.11 -m pip install` bypasses/ }], output: null },
    { code: "sudo -H pip3 install x\n", errors: [{ line: 1, column: 9 }], output: null },
    { code: "env PIP_USER=1 pip install x\n", errors: [{ messageId: "userSite", line: 1, column: 5 }, { messageId: "install", line: 1, column: 16 }], output: null },
    { code: "xargs pip install < reqs\n", errors: [{ line: 1, column: 7 }], output: null },
    { code: "bash -c 'pip install x'\n", errors: [{ line: 1, column: 10 }], output: null },
    { code: "nix develop --command pip install x\n", errors: [{ line: 1, column: 23 }], output: null },
    { code: "pip install --user x\n", errors: [{ messageId: "userInstall", line: 1, column: 1 }], output: null },
    { code: "export PIP_USER=1\nexport PYTHONUSERBASE=$HOME/.local\n", errors: [{ messageId: "userSite", line: 1, column: 8 }, { messageId: "userSite", line: 2, column: 8 }], output: null },
    { code: "easy_install x\n", errors: [{ messageId: "easyInstall", line: 1, column: 1 }], output: null },
    { code: "pip freeze > r.txt\n", errors: [{ messageId: "inspect", line: 1, column: 1 }], output: null },
    { code: "pip uninstall -y x\n", errors: [{ messageId: "other", line: 1, column: 1 }], output: null },
    { code: 'echo "$(pip install x)"\n', errors: [{ line: 1, column: 9 }], output: null },
    {
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    ${pkgs.python3}/bin/pip install x\n  '';\n}\n",
      errors: [{ line: 3, column: 5, endColumn: 38 }],
      output: null,
    },
    { file: "docs/a.md", code: "# Setup\n\n```console\n$ pip install x\nCollecting x\n```\n", errors: [{ line: 4, column: 3 }], output: null },
    { file: ".github/workflows/ci.yml", code: "jobs:\n  t:\n    steps:\n      - run: |\n          pip install -r requirements.txt\n", errors: [{ line: 5, column: 11 }], output: null },
    { file: "package.json", code: '{ "scripts": { "setup": "pip install -e ." } }\n', errors: [{ line: 1, column: 26 }], output: null },
    { file: "Makefile", code: "setup:\n\tpip install -r requirements.txt\n", errors: [{ line: 2, column: 2 }], output: null },
    { file: "Dockerfile", code: "FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\n", errors: [{ line: 2, column: 5 }], output: null },
  ],
});

// Issue 3: the fix, safe only when the member is certain (contract.md, no-pip row).
ruleTester("no-pip", {
  valid: [{ files: WS, code: "uv add --package evio numpy\n" }],
  invalid: [
    {
      name: "member from the cd before it",
      files: WS,
      code: "cd evio && pip install numpy scipy\n",
      errors: [{ messageId: "install", line: 1, column: 12, message: "`pip install` bypasses uv.lock and the workspace; use `uv add --package evio numpy scipy`." }],
      output: "cd evio && uv add --package evio numpy scipy\n",
    },
    {
      name: "member from the file's folder; --user dropped",
      files: WS,
      file: "workspace/libs/evio-core/setup.sh",
      code: "pip install --user -r requirements.txt\n",
      errors: [{ messageId: "userInstall", line: 1, column: 1 }],
      output: "uv add --package evio-core -r requirements.txt\n",
    },
    {
      name: "member from config defaultMember; sudo -H goes too",
      files: WS,
      config: { defaultMember: "evio-core" },
      code: "sudo -H pip3 install -q requests\n",
      errors: [{ line: 1, column: 9 }],
      output: "uv add --package evio-core requests\n",
    },
    {
      name: "python -m pip in a Nix shellHook of a member's flake",
      files: { ...WS, "evio/flake.nix": "{}\n" },
      file: "evio/flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    python3 -m pip install --user -q polars\n  '';\n}\n",
      errors: [{ messageId: "userInstall", line: 3, column: 5 }],
      output: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv add --package evio polars\n  '';\n}\n",
    },
    {
      name: "member unknown: a suggestion with a placeholder, no fix",
      files: WS,
      code: "pip install numpy\n",
      errors: [{ line: 1, column: 1, suggestions: [{ description: "Replace with `uv add --package <member> numpy`", output: "uv add --package <member> numpy\n" }] }],
      output: null,
    },
    {
      name: "-e . gets uv sync",
      files: WS,
      code: "cd evio && pip install -e .\n",
      errors: [{ messageId: "editable", line: 1, column: 12, suggestions: [{ output: "cd evio && uv sync --package evio\n" }] }],
      output: null,
    },
    {
      name: "--upgrade pip",
      code: "python -m pip install --upgrade pip\n",
      errors: [{ messageId: "upgradePip", line: 1, column: 1, suggestions: [{ output: "uv sync\n" }] }],
      output: null,
    },
    {
      name: "options without a 1:1 rewrite: message only",
      files: WS,
      code: "cd evio && pip install --index-url https://x/simple numpy\n",
      errors: [{ line: 1, column: 12, suggestions: [] }],
      output: null,
    },
    {
      name: "Dockerfile: uv sync --locked",
      file: "Dockerfile",
      code: "FROM python:3.11\nRUN pip install -r requirements.txt\n",
      errors: [{ messageId: "docker", line: 2, column: 5, suggestions: [{ output: "FROM python:3.11\nRUN uv sync --locked\n" }] }],
      output: null,
    },
    {
      name: "inside a single-quoted bash -c string",
      files: WS,
      code: "bash -c 'cd evio && pip install numpy'\n",
      errors: [{ line: 1, column: 21 }],
      output: "bash -c 'cd evio && uv add --package evio numpy'\n",
    },
    // Inline code that is a command line, in any prose (contract.md, "Added 2026-12"); a suggestion in docs.
    { file: "docs/a.md", code: "Run `uv sync`, or `pip install -e .` from this directory.\n", errors: [{ line: 1, column: 20, endColumn: 36, messageId: "editable" }], output: null },
    { file: "docs/a.md", code: "## Setup\n\nInstall evlib (`pip install evlib`).\n", errors: [{ line: 3, column: 17, endColumn: 34 }], output: null },
  ],
});
