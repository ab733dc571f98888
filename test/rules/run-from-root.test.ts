import { ruleTester, type InvalidCase } from "../harness/rule-tester.js";

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
const MSG = (command: string, dir: string, how: string, member: string, instead: string, why?: string): string =>
  `\`${command}\` runs in \`${dir}/\` (${how}), inside member ${member} (${member === "evio" ? "evio" : `workspace/libs/${member}`}/pyproject.toml); run it from the root: \`${instead}\`${why ? ` (a suggestion, not applied by --fix: ${why})` : ""}.`;
const SCRIPT_MAY_READ = (script: string): string => `\`${script}\` may read the working directory (relative paths, \`Path.cwd()\`)`;
const UNSURE_PATHS = "not every path argument can be rebased for sure (it does not exist there, or it is not written out)";
const PYTEST_NO_PATH = "pytest with no path argument collects the tests of the working directory";
const LINES_AFTER = "the `cd` also applies to the lines after it";
/** A suggestion's description: the command it runs instead. */
const AT_ROOT = (instead: string): string => `Run it from the root: \`${instead}\``;
/** Cases `cd DIR && command` (then the lines `after`) in `files`, whose rewrite `instead` is only suggested, for `why`. */
const suggestedIn =
  (files: Record<string, string>, msg: (command: string, dir: string, instead: string, why: string) => string) =>
  (name: string, dir: string, command: string, instead: string, why: string, after = ""): InvalidCase => ({
    files,
    name,
    code: `cd ${dir} && ${command}\n${after}`,
    errors: [
      {
        messageId: "memberSuggestion",
        line: 1,
        column: `cd ${dir} && `.length + 1,
        message: msg(command, dir, instead, why),
        suggestions: [{ description: AT_ROOT(instead), output: `${instead}\n${after}` }],
      },
    ],
    output: null,
  });
const evioSuggestion = suggestedIn(WS, (command, dir, instead, why) => MSG(command, dir, `after \`cd ${dir}\``, "evio", instead, why));

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
      name: "a script may read the working directory: a suggestion (issue 10 item 2)",
      code: "cd evio && uv run python scripts/x.py a.dat\n",
      errors: [
        {
          messageId: "memberSuggestion",
          line: 1,
          column: 12,
          endColumn: 44,
          message: MSG("uv run python scripts/x.py a.dat", "evio", "after `cd evio`", "evio", "uv run --package evio python evio/scripts/x.py evio/a.dat", SCRIPT_MAY_READ("scripts/x.py")),
          suggestions: [{ description: "Run it from the root: `uv run --package evio python evio/scripts/x.py evio/a.dat`", output: "uv run --package evio python evio/scripts/x.py evio/a.dat\n" }],
        },
      ],
      output: null,
    },
    evioSuggestion("--opt=PATH and quoted paths", "evio", "uv run python 'scripts/x.py' --data=a.dat", "uv run --package evio python 'evio/scripts/x.py' --data=evio/a.dat", SCRIPT_MAY_READ("'scripts/x.py'")),
    { files: WS, name: "(cd DIR && cmd)", code: "(cd evio && uv run pytest tests)\necho done\n", errors: [{ line: 1, column: 13, message: MSG("uv run pytest tests", "evio", "after `cd evio`", "evio", "uv run --package evio pytest evio/tests") }], output: "(uv run --package evio pytest evio/tests)\necho done\n" },
    { files: WS, name: "cd DIR; cmd", code: "cd evio; uv sync\n", errors: [{ line: 1, column: 10, message: MSG("uv sync", "evio", "after `cd evio`", "evio", "uv sync --package evio") }], output: "uv sync --package evio\n" },
    { files: WS, name: "uv lock is workspace-wide", code: "cd evio && uv lock\n", errors: [{ line: 1, column: 12, message: MSG("uv lock", "evio", "after `cd evio`", "evio", "uv lock") }], output: "uv lock\n" },
    evioSuggestion("uv tree has no exact --package equivalent", "evio", "uv tree", "uv tree", "`uv tree` has no exact equivalent from the root (`--package` filters instead)"),
    { files: WS, name: "a folder inside the member", code: "cd evio/tests && uv run pytest test_x.py ../scripts\n", errors: [{ line: 1, column: 18, message: MSG("uv run pytest test_x.py ../scripts", "evio/tests", "after `cd evio/tests`", "evio", "uv run --package evio pytest evio/tests/test_x.py evio/scripts") }], output: "uv run --package evio pytest evio/tests/test_x.py evio/scripts\n" },
    evioSuggestion("a folder inside the member, a script", "evio/scripts", "uv run python x.py ../a.dat", "uv run --package evio python evio/scripts/x.py evio/a.dat", SCRIPT_MAY_READ("x.py")),
    evioSuggestion("a path that does not exist under DIR: a suggestion", "evio", "uv run python scripts/x.py data/missing.dat", "uv run --package evio python evio/scripts/x.py evio/data/missing.dat", UNSURE_PATHS),
    evioSuggestion("an argument that may be a path", "evio", 'uv run python scripts/x.py "$@"', 'uv run --package evio python evio/scripts/x.py "$@"', UNSURE_PATHS),
    // both reasons: applying the suggestion also moves `ls data` to the root
    evioSuggestion("the cd also moves the lines after it: a suggestion", "evio", "uv run pytest", "uv run --package evio pytest", `${PYTEST_NO_PATH}; ${LINES_AFTER}`, "ls data\n"),
    evioSuggestion("the cd also moves the lines after it, the only reason: a suggestion", "evio", "uv run pytest tests", "uv run --package evio pytest evio/tests", LINES_AFTER, "ls data\n"),
    evioSuggestion("a bare python gets uv run as a suggestion", "evio", "python scripts/x.py", "uv run --package evio python evio/scripts/x.py", "it adds `uv run`, so the command runs in the project's environment"),
    { files: WS, name: "a folder that is no member: no fix", code: "cd workspace && uv run pytest\n", errors: [{ messageId: "notMember", line: 1, column: 17, message: "`uv run pytest` runs in `workspace/` (after `cd workspace`), which is in no member's folder (the members are pyproject.toml's `[tool.uv.workspace]`); run it from the root with root-relative paths (and `--package <member>`).", suggestions: [] }], output: null },
    { files: WS, name: "pushd: no fix", code: "pushd evio && uv run pytest && popd\n", errors: [{ line: 1, column: 15, message: MSG("uv run pytest", "evio", "after `pushd evio`", "evio", "uv run --package evio pytest"), suggestions: [] }], output: null },
    { files: WS, name: "a cd on an earlier line: no fix", code: "cd evio\nuv run pytest tests\n", errors: [{ line: 2, column: 1, message: MSG("uv run pytest tests", "evio", "after `cd evio`", "evio", "uv run --package evio pytest evio/tests"), suggestions: [] }], output: null },
    {
      files: WS,
      code: "uv run --directory evio python scripts/x.py\n",
      errors: [
        {
          line: 1,
          column: 1,
          message: MSG("uv run --directory evio python scripts/x.py", "evio", "`--directory evio`", "evio", "uv run --package evio python evio/scripts/x.py", SCRIPT_MAY_READ("scripts/x.py")),
          suggestions: [{ description: AT_ROOT("uv run --package evio python evio/scripts/x.py"), output: "uv run --package evio python evio/scripts/x.py\n" }],
        },
      ],
      output: null,
    },
    { files: WS, code: "uv run --directory evio pytest tests\n", errors: [{ line: 1, column: 1, message: MSG("uv run --directory evio pytest tests", "evio", "`--directory evio`", "evio", "uv run --package evio pytest evio/tests") }], output: "uv run --package evio pytest evio/tests\n" },
    { files: WS, code: "uv --directory evio run pytest tests\n", errors: [{ line: 1, column: 1, message: MSG("uv --directory evio run pytest tests", "evio", "`--directory evio`", "evio", "uv run --package evio pytest evio/tests") }], output: "uv run --package evio pytest evio/tests\n" },
    // the option as written (`--project=evio`), not respelled
    { files: WS, name: "--project keeps paths", code: "uv run --project=evio python evio/scripts/x.py\n", errors: [{ line: 1, column: 1, message: MSG("uv run --project=evio python evio/scripts/x.py", "evio", "`--project=evio`", "evio", "uv run --package evio python evio/scripts/x.py") }], output: "uv run --package evio python evio/scripts/x.py\n" },
    { files: WS, code: "uv --project workspace/libs/evio-core sync\n", errors: [{ line: 1, column: 1, message: MSG("uv --project workspace/libs/evio-core sync", "workspace/libs/evio-core", "`--project workspace/libs/evio-core`", "evio-core", "uv sync --package evio-core") }], output: "uv sync --package evio-core\n" },
    {
      files: WS,
      file: ".github/workflows/ci.yml",
      name: "a step's working-directory: reported, no fix",
      code: "jobs:\n  t:\n    steps:\n      - working-directory: evio\n        run: uv run pytest tests\n",
      errors: [{ line: 5, column: 14, message: MSG("uv run pytest tests", "evio", "the step's working directory", "evio", "uv run --package evio pytest evio/tests"), suggestions: [] }],
      output: null,
    },
    { files: WS, file: "lefthook.yml", name: "lefthook root:", code: "pre-commit:\n  commands:\n    test:\n      root: evio/\n      run: uv run pytest\n", errors: [{ line: 5, column: 12, message: MSG("uv run pytest", "evio", "the step's working directory", "evio", "uv run --package evio pytest"), suggestions: [] }], output: null },
    {
      files: WS,
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    cd evio && uv sync\n  '';\n}\n",
      errors: [{ line: 3, column: 16, message: MSG("uv sync", "evio", "after `cd evio`", "evio", "uv sync --package evio") }],
      output: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    uv sync --package evio\n  '';\n}\n",
    },
    { files: WS, file: "docs/run.md", code: "```bash\ncd evio && uv run pytest tests\n```\n", errors: [{ line: 2, column: 12, message: MSG("uv run pytest tests", "evio", "after `cd evio`", "evio", "uv run --package evio pytest evio/tests") }], output: "```bash\nuv run --package evio pytest evio/tests\n```\n" },
    { files: WS, file: "package.json", code: '{ "scripts": { "test": "cd evio && uv run pytest tests" } }\n', errors: [{ line: 1, column: 36, message: MSG("uv run pytest tests", "evio", "after `cd evio`", "evio", "uv run --package evio pytest evio/tests") }], output: '{ "scripts": { "test": "uv run --package evio pytest evio/tests" } }\n' },
    {
      files: WS,
      file: "package.json",
      name: "pytest without a path collects the working directory (before issue 10: a safe fix)",
      code: '{ "scripts": { "test": "cd evio && uv run pytest" } }\n',
      errors: [{ line: 1, column: 36, message: MSG("uv run pytest", "evio", "after `cd evio`", "evio", "uv run --package evio pytest", PYTEST_NO_PATH), suggestions: [{ description: AT_ROOT("uv run --package evio pytest"), output: '{ "scripts": { "test": "uv run --package evio pytest" } }\n' }] }],
      output: null,
    },
  ],
});

// Issue 10 item 2: a rewrite is applied by --fix only for commands known not to read the working
// directory (uv's project subcommands, pytest with every path rebased, `python -c` that imports);
// any other command gets the same rewrite as a suggestion that says why.
const APP: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["example", "lib"]\n',
  "example/pyproject.toml": '[project]\nname = "example"\nversion = "0.1.0"\ndependencies = ["plain"]\n',
  "example/app/settings.py": "DEBUG = True\n",
  "example/tests/test_app.py": "def test(): pass\n",
  "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "0.1.0"\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
  "lib/tests/test_lib.py": "def test(): pass\n",
};
const APP_MSG = (command: string, dir: string, instead: string, why?: string, how = `after \`cd ${dir}\``): string =>
  `\`${command}\` runs in \`${dir}/\` (${how}), inside member ${dir} (${dir}/pyproject.toml); run it from the root: \`${instead}\`${why ? ` (a suggestion, not applied by --fix: ${why})` : ""}.`;
const NOT_INSTALLED = "python puts the working directory on `sys.path` and example is not installed as a package (no `[build-system]`)";
const PLAIN_MAY_READ = "`plain` may read the working directory (many tools find their app or settings there)";
const appSuggestion = suggestedIn(APP, APP_MSG);

ruleTester("run-from-root", {
  valid: [{ files: APP, name: "the framework command written for the root", code: "uv run --package example plain preflight\n" }],
  invalid: [
    {
      files: APP,
      name: "a framework command finds its app in the working directory: a suggestion",
      code: "cd example && uv run plain preflight\n",
      errors: [
        {
          messageId: "memberSuggestion",
          line: 1,
          column: 15,
          message: APP_MSG("uv run plain preflight", "example", "uv run --package example plain preflight", PLAIN_MAY_READ),
          suggestions: [{ description: AT_ROOT("uv run --package example plain preflight"), output: "uv run --package example plain preflight\n" }],
        },
      ],
      output: null,
    },
    {
      files: APP,
      name: "in a subshell too",
      code: "(cd example && uv run plain preflight)\n",
      errors: [
        {
          messageId: "memberSuggestion",
          line: 1,
          column: 16,
          message: APP_MSG("uv run plain preflight", "example", "uv run --package example plain preflight", PLAIN_MAY_READ),
          suggestions: [{ description: AT_ROOT("uv run --package example plain preflight"), output: "(uv run --package example plain preflight)\n" }],
        },
      ],
      output: null,
    },
    {
      files: APP,
      name: "uv --directory before run",
      code: "uv --directory example run plain preflight\n",
      errors: [
        {
          messageId: "memberSuggestion",
          line: 1,
          column: 1,
          message: APP_MSG("uv --directory example run plain preflight", "example", "uv run --package example plain preflight", PLAIN_MAY_READ, "`--directory example`"),
          suggestions: [{ description: AT_ROOT("uv run --package example plain preflight"), output: "uv run --package example plain preflight\n" }],
        },
      ],
      output: null,
    },
    { files: APP, name: "--project keeps the working directory", code: "uv run --project example plain preflight\n", errors: [{ messageId: "member", line: 1, column: 1, message: APP_MSG("uv run --project example plain preflight", "example", "uv run --package example plain preflight", undefined, "`--project example`") }], output: "uv run --package example plain preflight\n" },
    { files: APP, name: "uv sync", code: "cd example && uv sync --frozen\n", errors: [{ messageId: "member", line: 1, column: 15, message: APP_MSG("uv sync --frozen", "example", "uv sync --package example --frozen") }], output: "uv sync --package example --frozen\n" },
    { files: APP, name: "uv add", code: "cd example && uv add requests\n", errors: [{ messageId: "member", line: 1, column: 15, message: APP_MSG("uv add requests", "example", "uv add --package example requests") }], output: "uv add --package example requests\n" },
    { files: APP, name: "uv remove", code: "(cd example && uv remove requests)\n", errors: [{ messageId: "member", line: 1, column: 16, message: APP_MSG("uv remove requests", "example", "uv remove --package example requests") }], output: "(uv remove --package example requests)\n" },
    { files: APP, name: "uv lock", code: "cd example; uv lock --upgrade\n", errors: [{ messageId: "member", line: 1, column: 13, message: APP_MSG("uv lock --upgrade", "example", "uv lock --upgrade") }], output: "uv lock --upgrade\n" },
    {
      files: { ...APP, "example/.python-version": "3.12\n" },
      name: "a .python-version in the folder: uv reads it only there",
      code: "cd example && uv sync\n",
      errors: [{ line: 1, column: 15, message: APP_MSG("uv sync", "example", "uv sync --package example", "uv reads `example/.python-version` only when it runs in that folder"), suggestions: [{ description: AT_ROOT("uv sync --package example"), output: "uv sync --package example\n" }] }],
      output: null,
    },
    appSuggestion("uv build writes dist/ where it runs", "lib", "uv build", "uv build --package lib", "where `uv build` writes `dist/` depends on the folder it runs in"),
    { files: APP, name: "pytest with its paths rebased", code: "cd example && uv run pytest tests/test_app.py -x -k fast -q\n", errors: [{ messageId: "member", line: 1, column: 15, message: APP_MSG("uv run pytest tests/test_app.py -x -k fast -q", "example", "uv run --package example pytest example/tests/test_app.py -x -k fast -q") }], output: "uv run --package example pytest example/tests/test_app.py -x -k fast -q\n" },
    {
      files: APP,
      name: "pytest with a $VAR path",
      code: 'cd example && uv run pytest "$TESTS"\n',
      errors: [
        {
          messageId: "memberSuggestion",
          line: 1,
          column: 15,
          message: APP_MSG('uv run pytest "$TESTS"', "example", 'uv run --package example pytest "$TESTS"', "not every path argument can be rebased for sure (it does not exist there, or it is not written out)"),
          suggestions: [{ description: AT_ROOT('uv run --package example pytest "$TESTS"'), output: 'uv run --package example pytest "$TESTS"\n' }],
        },
      ],
      output: null,
    },
    appSuggestion("pytest on a name that is no file there", "example", "uv run pytest smoke", "uv run --package example pytest smoke", "`smoke` is no file or folder in that directory"),
    appSuggestion("pytest --cov", "example", "uv run pytest --cov=app tests", "uv run --package example pytest --cov=app example/tests", "coverage reads its settings from the working directory and writes `.coverage` there"),
    appSuggestion("pytest --junitxml", "example", "uv run pytest --junitxml=report.xml tests", "uv run --package example pytest --junitxml=report.xml example/tests", "pytest's `--junitxml=report.xml` may name a file relative to the working directory"),
    appSuggestion("python -m pytest, member not installed", "example", "uv run python -m pytest tests", "uv run --package example python -m pytest example/tests", NOT_INSTALLED),
    { files: APP, name: "python -m pytest, member installed", code: "cd lib && uv run python -m pytest tests\n", errors: [{ line: 1, column: 11, messageId: "member", message: APP_MSG("uv run python -m pytest tests", "lib", "uv run --package lib python -m pytest lib/tests") }], output: "uv run --package lib python -m pytest lib/tests\n" },
    appSuggestion("python -m of another module", "lib", "uv run python -m http.server", "uv run --package lib python -m http.server", "`python -m http.server` may read the working directory"),
    { files: APP, name: "python -c that only imports", code: "cd lib && uv run python -c \"import lib; print('ok')\"\n", errors: [{ line: 1, column: 11, messageId: "member", message: APP_MSG("uv run python -c \"import lib; print('ok')\"", "lib", "uv run --package lib python -c \"import lib; print('ok')\"") }], output: "uv run --package lib python -c \"import lib; print('ok')\"\n" },
    appSuggestion("python -c that reads a file", "lib", "uv run python -c \"print(open('VERSION').read())\"", "uv run --package lib python -c \"print(open('VERSION').read())\"", "the code it runs may read the working directory"),
  ],
});
