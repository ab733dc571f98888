import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

const OUTSIDE = "manages Python packages outside the uv workspace;";
const CONDA_ADVICE = "system libraries come from the Nix dev shell and Python packages from `uv add --package <member> ...`.";

ruleTester("no-foreign-package-manager", {
  valid: [
    { code: "uv sync\nuv run pytest\npipx run cowsay hi\n" },
    { code: 'echo "poetry install"\nwhich conda\n' },
    { code: "source ./env.sh\n. scripts/lib.sh\n" },
    { file: "docs/a.md", code: "**Never:**\n\n- `poetry install`\n- `conda activate x`\n" },
  ],
  invalid: [
    { code: "poetry install\n", errors: [{ messageId: "manager", line: 1, column: 1, message: `\`poetry install\` ${OUTSIDE} use \`uv sync\`.`, suggestions: [{ description: "Replace with `uv sync`", output: "uv sync\n" }] }], output: null },
    {
      files: WS,
      code: "cd evio && poetry add numpy\n",
      errors: [{ line: 1, column: 12, message: `\`poetry add\` ${OUTSIDE} use \`uv add --package evio numpy\`.`, suggestions: [{ description: "Replace with `uv add --package evio numpy`", output: "cd evio && uv add --package evio numpy\n" }] }],
      output: null,
    },
    { code: "poetry run pytest -q\n", errors: [{ line: 1, column: 1, message: `\`poetry run\` ${OUTSIDE} use \`uv run pytest -q\`.`, suggestions: [{ description: "Replace with `uv run pytest -q`", output: "uv run pytest -q\n" }] }], output: null },
    { code: "pipenv install --dev\n", errors: [{ line: 1, column: 1, message: `\`pipenv install\` ${OUTSIDE} use \`uv sync\`.`, suggestions: [{ description: "Replace with `uv sync`", output: "uv sync\n" }] }], output: null },
    { code: "pdm run python x.py\n", errors: [{ line: 1, column: 1, message: `\`pdm run\` ${OUTSIDE} use \`uv run python x.py\`.`, suggestions: [{ description: "Replace with `uv run python x.py`", output: "uv run python x.py\n" }] }], output: null },
    { code: "pipx install ruff\n", errors: [{ line: 1, column: 1, message: `\`pipx install\` ${OUTSIDE} use \`uv tool install ruff\`.`, suggestions: [{ description: "Replace with `uv tool install ruff`", output: "uv tool install ruff\n" }] }], output: null },
    { code: "conda env create -f environment.yml\n", errors: [{ line: 1, column: 1, message: `\`conda env\` ${OUTSIDE} ${CONDA_ADVICE}`, suggestions: [] }], output: null },
    { code: "micromamba activate dev\nmamba install numpy\n", errors: [{ line: 1, column: 1, message: `\`micromamba activate\` ${OUTSIDE} ${CONDA_ADVICE}` }, { line: 2, column: 1, message: `\`mamba install\` ${OUTSIDE} ${CONDA_ADVICE}` }], output: null },
    // virtualenv has no subcommands: its first argument is the folder, not part of the tool's name.
    {
      code: "virtualenv .venv\n",
      errors: [{ messageId: "venv", line: 1, column: 1, message: "`virtualenv` makes an environment uv does not manage; `uv sync` creates and fills `.venv` from uv.lock.", suggestions: [{ description: "Replace with `uv sync`", output: "uv sync\n" }] }],
      output: null,
    },
    {
      code: "python3 -m venv .venv && source .venv/bin/activate\n",
      errors: [
        { messageId: "venv", line: 1, column: 1, message: "`python3 -m venv` makes an environment uv does not manage; `uv sync` creates and fills `.venv` from uv.lock.", suggestions: [{ description: "Replace with `uv sync`", output: "uv sync && source .venv/bin/activate\n" }] },
        { messageId: "activate", line: 1, column: 26, message: "Activating a virtualenv (`source .venv/bin/activate`) hides which environment runs; prefix commands with `uv run` instead." },
      ],
      output: null,
    },
    { code: ". venv/bin/activate\n", errors: [{ messageId: "activate", line: 1, column: 1, message: "Activating a virtualenv (`. venv/bin/activate`) hides which environment runs; prefix commands with `uv run` instead." }], output: null },
    {
      file: ".github/workflows/ci.yml",
      code: "jobs:\n  t:\n    steps:\n      - run: poetry install --no-root\n",
      errors: [{ line: 4, column: 14, message: `\`poetry install\` ${OUTSIDE} use \`uv sync\`.`, suggestions: [{ description: "Replace with `uv sync`", output: "jobs:\n  t:\n    steps:\n      - run: uv sync\n" }] }],
      output: null,
    },
  ],
});
