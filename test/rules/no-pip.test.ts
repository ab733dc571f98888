import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

const install = (pip: string, instead: string) => `\`${pip} install\` bypasses uv.lock and the workspace; use \`${instead}\`.`;
const userInstall = (pip: string, instead: string) => `\`${pip} install --user\` writes to ~/.local, outside the uv environment; use \`${instead}\`.`;
const editable = (instead: string) => `\`pip install -e\` bypasses the workspace; members are installed editable by \`${instead}\`.`;
const userSite = (name: string) => `\`${name}\` sends pip installs to the user site (~/.local), outside the uv environment; remove it and use \`uv sync\`.`;
const DOCKER = "`pip install -r` in an image bypasses uv.lock; copy the lockfile and run `uv sync --locked`.";
/** The rule's one suggestion: the command replaced by `instead`, giving `output`. */
const replaceWith = (instead: string, output: string) => [{ description: `Replace with \`${instead}\``, output }];
/** `pip install x` with no member known: the message and the suggestion say `uv add --package <member> x`. */
const addX = (output: string) => ({ message: install("pip", "uv add --package <member> x"), suggestions: replaceWith("uv add --package <member> x", output) });

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
    {
      code: "pip install requests\n",
      errors: [
        {
          messageId: "install",
          line: 1,
          column: 1,
          endColumn: 21,
          message: install("pip", "uv add --package <member> requests"),
          suggestions: replaceWith("uv add --package <member> requests", "uv add --package <member> requests\n"),
        },
      ],
      output: null,
    },
    {
      code: "cd a && pip3.11 install -r r.txt\n",
      errors: [
        {
          messageId: "install",
          line: 1,
          column: 9,
          message: install("pip3.11", "uv add --package <member> -r r.txt"),
          suggestions: replaceWith("uv add --package <member> -r r.txt", "cd a && uv add --package <member> -r r.txt\n"),
        },
      ],
      output: null,
    },
    {
      code: "python3.11 -m pip install x\n",
      errors: [{ messageId: "install", line: 1, column: 1, message: install("python3.11 -m pip", "uv add --package <member> x"), suggestions: replaceWith("uv add --package <member> x", "uv add --package <member> x\n") }],
      output: null,
    },
    {
      name: "sudo -H goes with the rewrite",
      code: "sudo -H pip3 install x\n",
      errors: [{ line: 1, column: 9, message: install("pip3", "uv add --package <member> x"), suggestions: replaceWith("uv add --package <member> x", "uv add --package <member> x\n") }],
      output: null,
    },
    {
      code: "env PIP_USER=1 pip install x\n",
      errors: [
        { messageId: "userSite", line: 1, column: 5, message: userSite("PIP_USER") },
        { messageId: "install", line: 1, column: 16, ...addX("uv add --package <member> x\n") },
      ],
      output: null,
    },
    {
      name: "packages from xargs' input: the advice keeps their place with `...`, no suggestion",
      code: "xargs pip install < reqs\n",
      errors: [{ line: 1, column: 7, message: install("pip", "uv add --package <member> ..."), suggestions: [] }],
      output: null,
    },
    { code: "bash -c 'pip install x'\n", errors: [{ line: 1, column: 10, ...addX("bash -c 'uv add --package <member> x'\n") }], output: null },
    { code: "nix develop --command pip install x\n", errors: [{ line: 1, column: 23, ...addX("nix develop --command uv add --package <member> x\n") }], output: null },
    {
      code: "pip install --user x\n",
      errors: [{ messageId: "userInstall", line: 1, column: 1, message: userInstall("pip", "uv add --package <member> x"), suggestions: replaceWith("uv add --package <member> x", "uv add --package <member> x\n") }],
      output: null,
    },
    {
      code: "export PIP_USER=1\nexport PYTHONUSERBASE=$HOME/.local\n",
      errors: [
        { messageId: "userSite", line: 1, column: 8, message: userSite("PIP_USER") },
        { messageId: "userSite", line: 2, column: 8, message: userSite("PYTHONUSERBASE") },
      ],
      output: null,
    },
    { code: "easy_install x\n", errors: [{ messageId: "easyInstall", line: 1, column: 1, message: "`easy_install` installs packages outside uv; use `uv add --package <member> ...`." }], output: null },
    {
      code: "pip freeze > r.txt\n",
      errors: [{ messageId: "freeze", line: 1, column: 1, message: "`pip freeze` pins an environment uv does not manage; the workspace's pins are uv.lock: use `uv export --format requirements-txt` (or `uv pip freeze` to see the venv)." }],
      output: null,
    },
    {
      code: "pip uninstall -y x\n",
      errors: [{ messageId: "other", line: 1, column: 1, message: "`pip uninstall` manages packages outside uv; use uv (`uv add`, `uv remove`, `uv sync`) instead." }],
      output: null,
    },
    { code: 'echo "$(pip install x)"\n', errors: [{ line: 1, column: 9, ...addX('echo "$(uv add --package <member> x)"\n') }], output: null },
    {
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    ${pkgs.python3}/bin/pip install x\n  '';\n}\n",
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 38,
          message: install("${pkgs.python3}/bin/pip", "uv add --package <member> x"),
          suggestions: replaceWith("uv add --package <member> x", "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv add --package <member> x\n  '';\n}\n"),
        },
      ],
      output: null,
    },
    {
      file: "docs/a.md",
      code: "# Setup\n\n```console\n$ pip install x\nCollecting x\n```\n",
      errors: [{ line: 4, column: 3, ...addX("# Setup\n\n```console\n$ uv add --package <member> x\nCollecting x\n```\n") }],
      output: null,
    },
    {
      file: ".github/workflows/ci.yml",
      code: "jobs:\n  t:\n    steps:\n      - run: |\n          pip install -r requirements.txt\n",
      errors: [
        {
          line: 5,
          column: 11,
          message: install("pip", "uv add --package <member> -r requirements.txt"),
          suggestions: replaceWith("uv add --package <member> -r requirements.txt", "jobs:\n  t:\n    steps:\n      - run: |\n          uv add --package <member> -r requirements.txt\n"),
        },
      ],
      output: null,
    },
    {
      file: "package.json",
      code: '{ "scripts": { "setup": "pip install -e ." } }\n',
      errors: [{ line: 1, column: 26, message: editable("uv sync"), suggestions: replaceWith("uv sync", '{ "scripts": { "setup": "uv sync" } }\n') }],
      output: null,
    },
    {
      file: "Makefile",
      code: "setup:\n\tpip install -r requirements.txt\n",
      errors: [
        {
          line: 2,
          column: 2,
          message: install("pip", "uv add --package <member> -r requirements.txt"),
          suggestions: replaceWith("uv add --package <member> -r requirements.txt", "setup:\n\tuv add --package <member> -r requirements.txt\n"),
        },
      ],
      output: null,
    },
    {
      file: "Dockerfile",
      code: "FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\n",
      errors: [{ line: 2, column: 5, message: DOCKER, suggestions: replaceWith("uv sync --locked", "FROM python:3.11\nRUN uv sync --locked\n") }],
      output: null,
    },
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
      errors: [{ messageId: "userInstall", line: 1, column: 1, message: userInstall("pip", "uv add --package evio-core -r requirements.txt") }],
      output: "uv add --package evio-core -r requirements.txt\n",
    },
    {
      name: "member from config defaultMember; sudo -H goes too",
      files: WS,
      config: { defaultMember: "evio-core" },
      code: "sudo -H pip3 install -q requests\n",
      errors: [{ line: 1, column: 9, message: install("pip3", "uv add --package evio-core requests") }],
      output: "uv add --package evio-core requests\n",
    },
    {
      name: "python -m pip in a Nix shellHook of a member's flake",
      files: { ...WS, "evio/flake.nix": "{}\n" },
      file: "evio/flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    python3 -m pip install --user -q polars\n  '';\n}\n",
      errors: [{ messageId: "userInstall", line: 3, column: 5, message: userInstall("python3 -m pip", "uv add --package evio polars") }],
      output: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv add --package evio polars\n  '';\n}\n",
    },
    {
      name: "member unknown: a suggestion with a placeholder, no fix",
      files: WS,
      code: "pip install numpy\n",
      errors: [
        {
          line: 1,
          column: 1,
          message: install("pip", "uv add --package <member> numpy"),
          suggestions: [{ description: "Replace with `uv add --package <member> numpy`", output: "uv add --package <member> numpy\n" }],
        },
      ],
      output: null,
    },
    {
      name: "-e . gets uv sync",
      files: WS,
      code: "cd evio && pip install -e .\n",
      errors: [
        {
          messageId: "editable",
          line: 1,
          column: 12,
          message: editable("uv sync --package evio"),
          suggestions: [{ description: "Replace with `uv sync --package evio`", output: "cd evio && uv sync --package evio\n" }],
        },
      ],
      output: null,
    },
    {
      name: "--upgrade pip",
      code: "python -m pip install --upgrade pip\n",
      errors: [{ messageId: "upgradePip", line: 1, column: 1, message: "Upgrading pip is not needed: uv does not use it; run `uv sync`.", suggestions: [{ description: "Replace with `uv sync`", output: "uv sync\n" }] }],
      output: null,
    },
    {
      name: "options without a 1:1 rewrite: message only",
      files: WS,
      code: "cd evio && pip install --index-url https://x/simple numpy\n",
      errors: [
        {
          line: 1,
          column: 12,
          message: "`pip install` bypasses uv.lock and the workspace; declare the packages with `uv add --package evio NAME...`: its options (`--index-url`) have no 1:1 uv spelling (see `uv add --help` and `[tool.uv]`).",
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: "an option uv add lacks (`--no-cache-dir`) is never advised; `--user` is dropped as elsewhere",
      files: WS,
      code: "cd evio && pip install --user --no-cache-dir numpy\n",
      errors: [
        {
          line: 1,
          column: 12,
          message: "`pip install` bypasses uv.lock and the workspace; declare the packages with `uv add --package evio NAME...`: its options (`--no-cache-dir`) have no 1:1 uv spelling (see `uv add --help` and `[tool.uv]`).",
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: "Dockerfile: uv sync --locked",
      file: "Dockerfile",
      code: "FROM python:3.11\nRUN pip install -r requirements.txt\n",
      errors: [{ messageId: "docker", line: 2, column: 5, message: DOCKER, suggestions: [{ description: "Replace with `uv sync --locked`", output: "FROM python:3.11\nRUN uv sync --locked\n" }] }],
      output: null,
    },
    {
      name: "inside a single-quoted bash -c string",
      files: WS,
      code: "bash -c 'cd evio && pip install numpy'\n",
      errors: [{ line: 1, column: 21, message: install("pip", "uv add --package evio numpy") }],
      output: "bash -c 'cd evio && uv add --package evio numpy'\n",
    },
    // Inline code that is a command line, in any prose (contract.md, "Added 2026-12"); a suggestion in docs.
    {
      file: "docs/a.md",
      code: "Run `uv sync`, or `pip install -e .` from this directory.\n",
      errors: [{ line: 1, column: 20, endColumn: 36, messageId: "editable", message: editable("uv sync"), suggestions: replaceWith("uv sync", "Run `uv sync`, or `uv sync` from this directory.\n") }],
      output: null,
    },
    {
      file: "docs/a.md",
      code: "## Setup\n\nInstall evlib (`pip install evlib`).\n",
      errors: [
        {
          line: 3,
          column: 17,
          endColumn: 34,
          message: install("pip", "uv add --package <member> evlib"),
          suggestions: replaceWith("uv add --package <member> evlib", "## Setup\n\nInstall evlib (`uv add --package <member> evlib`).\n"),
        },
      ],
      output: null,
    },
  ],
});
