import { ruleTester } from "../harness/rule-tester.js";

// Issue 5: from the root, `uv run` of a member's console script or file needs `--package`.
const WS: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["evio", "workspace/libs/*", "workspace/plugins/*"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n\n[project.scripts]\nevio-play = "evio.play:main"\n',
  "evio/scripts/play_dat.py": "print('play')\n",
  "workspace/libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n',
  "workspace/plugins/fan-bbox/pyproject.toml": '[project]\nname = "fan-bbox"\nversion = "0.1.0"\n\n[project.scripts]\nfan-bbox = "fan_bbox:main"\n',
  "scripts/check.py": "print('check')\n",
};
/** The root is a project too, with a console script of its own. */
const ROOT_PROJECT: Record<string, string> = {
  "pyproject.toml": '[project]\nname = "evio-evlib"\nversion = "0.1.0"\n\n[project.scripts]\nbench = "tools.bench:main"\n\n[tool.uv.workspace]\nmembers = ["evio"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n\n[project.scripts]\nbench = "evio.bench:main"\n',
};

/** Issue 10 item 3: the root installs some members (a framework monorepo's shape). */
const member = (name: string, script: string, deps = "", extra = "") =>
  `[project]\nname = "${name}"\nversion = "0.1.0"\ndependencies = [${deps}]\n\n[project.scripts]\n${script} = "${name.replace(/-/g, "_")}:main"\n${extra}`;
const INSTALLS = (root: string): Record<string, string> => ({
  "pyproject.toml": `${root}\n[tool.uv.workspace]\nmembers = ["plain/*"]\n\n[tool.uv.sources]\nplain = { workspace = true }\nplain-dev = { workspace = true }\nplain-models = { workspace = true }\nplain-extra = { workspace = true }\n`,
  "plain/plain/pyproject.toml": member("plain", "plain"),
  "plain/plain-dev/pyproject.toml": member("plain-dev", "plain-dev", '"plain-models"', '\n[dependency-groups]\ndev = ["plain-extra"]\n'),
  "plain/plain-models/pyproject.toml": member("plain-models", "plain-models"),
  "plain/plain-extra/pyproject.toml": member("plain-extra", "plain-extra"),
});
const PROJECT_DEPENDS = INSTALLS('[project]\nname = "site"\nversion = "0.1.0"\ndependencies = ["plain"]\n');
const DEV_GROUP = INSTALLS('[project]\nname = "site"\nversion = "0.1.0"\n\n[dependency-groups]\ndev = ["plain-dev"]\nlint = ["plain-extra"]\n');
const VIRTUAL_DEV = INSTALLS('[dependency-groups]\ndev = ["plain", "plain-dev"]\n');
const DEFAULT_GROUPS = INSTALLS('[dependency-groups]\ndev = ["plain"]\nlint = ["plain-extra"]\n\n[tool.uv]\ndefault-groups = ["lint"]\n');
const ALL_GROUPS = INSTALLS('[dependency-groups]\nlint = ["plain-extra"]\n\n[tool.uv]\ndefault-groups = "all"\n');
const NO_SOURCE: Record<string, string> = {
  ...PROJECT_DEPENDS,
  "pyproject.toml": '[project]\nname = "site"\nversion = "0.1.0"\ndependencies = ["plain"]\n\n[tool.uv.workspace]\nmembers = ["plain/*"]\n',
};

/** The message for `uv run NAME` of member M's console script NAME. */
const script = (name: string, member: string, pyproject: string) =>
  `\`${name}\` is a console script of member ${member} (${pyproject} \`[project.scripts]\`); from the root \`uv run\` does not install it: use \`uv run --package ${member} ${name}\`.`;
const plainScript = (name: string) => script(name, name, `plain/${name}/pyproject.toml`);
const FAN_BBOX = script("fan-bbox", "fan-bbox", "workspace/plugins/fan-bbox/pyproject.toml");
const EVIO_PLAY = script("evio-play", "evio", "evio/pyproject.toml");

ruleTester("uv-run-package", {
  valid: [
    { files: WS, code: "uv run --package fan-bbox fan-bbox\nuv run --package evio python evio/scripts/play_dat.py\n" },
    { files: WS, name: "not a member's command", code: "uv run pytest -q\nuv run python scripts/check.py\nuv run python -c 'import evio'\n" },
    { files: WS, name: "--all-packages, --directory and --project choose otherwise", code: "uv run --all-packages fan-bbox\nuv run --directory evio evio-play\nuv run --project evio evio-play\n" },
    { files: WS, name: "not from the root: run-from-root's finding", code: "cd evio && uv run evio-play\n" },
    { files: WS, name: "-p with a Python request", code: "uv run -p 3.12 python x.py\nuv run -p python3.11 pytest\nuv run -p pypy@3.10 pytest\nuv run -p cpython-3.12.3-linux-x86_64-gnu pytest\nuv run -p /usr/bin/python3 pytest\nuv run -p '>=3.11' pytest\n" },
    { files: ROOT_PROJECT, name: "a script the root project defines itself", code: "uv run bench\n" },
    { files: WS, file: "docs/a.md", code: "```bash\nuv run <command>\nuv run --package <member> <command>\n```\n" },
    { files: WS, code: 'echo "uv run fan-bbox"\n' },
    { files: PROJECT_DEPENDS, name: "the root project depends on the member", code: "uv run plain preflight\nuv run python plain/plain/scripts/x.py\n" },
    { files: DEV_GROUP, name: "the root's dev group lists it, and what it depends on comes along", code: "uv run plain-dev\nuv run plain-models\n" },
    { files: VIRTUAL_DEV, name: "a virtual root's dev group", code: "uv run plain\nuv run --frozen plain-dev\n" },
    { files: DEFAULT_GROUPS, name: "[tool.uv] default-groups", code: "uv run plain-extra\n" },
    { files: ALL_GROUPS, name: 'default-groups = "all"', code: "uv run plain-extra\n" },
  ],
  invalid: [
    { files: DEV_GROUP, name: "a group that is not installed by default, and a member's own dev group", code: "uv run plain-extra\n", errors: [{ messageId: "script", line: 1, column: 1, message: plainScript("plain-extra") }], output: "uv run --package plain-extra plain-extra\n" },
    { files: DEFAULT_GROUPS, name: "default-groups replaces dev", code: "uv run plain\n", errors: [{ messageId: "script", line: 1, column: 1, message: plainScript("plain") }], output: "uv run --package plain plain\n" },
    { files: DEV_GROUP, name: "--no-dev leaves the dev group out", code: "uv run --no-dev plain-dev\n", errors: [{ messageId: "script", line: 1, column: 1, message: plainScript("plain-dev") }], output: "uv run --package plain-dev --no-dev plain-dev\n" },
    { files: PROJECT_DEPENDS, name: "a member nothing of the root depends on", code: "uv run plain-models\n", errors: [{ messageId: "script", line: 1, column: 1, message: plainScript("plain-models") }], output: "uv run --package plain-models plain-models\n" },
    { files: NO_SOURCE, name: "without a workspace source the dependency is not the member", code: "uv run plain\n", errors: [{ messageId: "script", line: 1, column: 1, message: plainScript("plain") }], output: "uv run --package plain plain\n" },
    {
      files: WS,
      code: "uv run fan-bbox --help\n",
      errors: [{ messageId: "script", line: 1, column: 1, endColumn: 23, message: FAN_BBOX }],
      output: "uv run --package fan-bbox fan-bbox --help\n",
    },
    {
      files: WS,
      code: "uv run python evio/scripts/play_dat.py data/fan/x.dat\n",
      errors: [{ messageId: "path", line: 1, column: 1, message: "`evio/scripts/play_dat.py` lies in member evio (evio/pyproject.toml); from the root `uv run` uses the root's environment: add `--package evio`." }],
      output: "uv run --package evio python evio/scripts/play_dat.py data/fan/x.dat\n",
    },
    { files: WS, name: "uv run FILE.py", code: "uv run ./evio/scripts/play_dat.py\n", errors: [{ messageId: "path", line: 1, column: 1, message: "`./evio/scripts/play_dat.py` lies in member evio (evio/pyproject.toml); from the root `uv run` uses the root's environment: add `--package evio`." }], output: "uv run --package evio ./evio/scripts/play_dat.py\n" },
    { files: WS, name: "options before the command stay", code: "uv run --with rich evio-play\n", errors: [{ messageId: "script", line: 1, column: 1, message: EVIO_PLAY }], output: "uv run --package evio --with rich evio-play\n" },
    {
      files: WS,
      name: "-p is --python",
      code: "uv run -p evio-core pytest\n",
      errors: [{ messageId: "shortPMember", line: 1, column: 8, endColumn: 20, message: "`-p evio-core` asks uv for a Python interpreter named `evio-core` (`-p` is `--python`); evio-core is a member (workspace/libs/evio-core/pyproject.toml): use `--package evio-core`." }],
      output: "uv run --package evio-core pytest\n",
    },
    {
      files: WS,
      name: "-p NAME that is no member: a suggestion",
      code: "uv run -p evio-cor pytest\n",
      errors: [{ messageId: "shortP", line: 1, column: 8, message: "`-p evio-cor` asks uv for a Python interpreter named `evio-cor` (`-p` is `--python`); to run in a member use `--package evio-cor`.", suggestions: [{ description: "Replace `-p` with `--package`", output: "uv run --package evio-cor pytest\n" }] }],
      output: null,
    },
    {
      files: WS,
      name: "a package is not a command",
      code: "uv run evio-core\n",
      errors: [{ messageId: "packageNotCommand", line: 1, column: 1, message: "`evio-core` is a package, not a command (member evio-core, workspace/libs/evio-core/pyproject.toml): `uv run --package evio-core python -m evio_core`.", suggestions: [{ description: "Replace with `uv run --package evio-core python -m evio_core`", output: "uv run --package evio-core python -m evio_core\n" }] }],
      output: null,
    },
    {
      files: WS,
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    alias fan='uv run fan-bbox --live'\n  '';\n}\n",
      errors: [{ messageId: "script", line: 3, column: 16, message: FAN_BBOX }],
      output: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    alias fan='uv run --package fan-bbox fan-bbox --live'\n  '';\n}\n",
    },
    { files: WS, file: "docs/run.md", code: "```console\n$ uv run evio-play data/fan/x.dat\n```\n", errors: [{ messageId: "script", line: 2, column: 3, message: EVIO_PLAY }], output: "```console\n$ uv run --package evio evio-play data/fan/x.dat\n```\n" },
    { files: WS, file: "lefthook.yml", code: "pre-commit:\n  commands:\n    bbox:\n      run: uv run fan-bbox --check\n", errors: [{ messageId: "script", line: 4, column: 12, message: FAN_BBOX }], output: "pre-commit:\n  commands:\n    bbox:\n      run: uv run --package fan-bbox fan-bbox --check\n" },
  ],
});
