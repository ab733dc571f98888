import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

ruleTester("no-foreign-package-manager", {
  valid: [
    { code: "uv sync\nuv run pytest\npipx run cowsay hi\n" },
    { code: 'echo "poetry install"\nwhich conda\n' },
    { code: "source ./env.sh\n. scripts/lib.sh\n" },
    { file: "docs/a.md", code: "**Never:**\n\n- `poetry install`\n- `conda activate x`\n" },
  ],
  invalid: [
    { code: "poetry install\n", errors: [{ messageId: "manager", line: 1, column: 1, message: "`poetry install` manages Python packages outside the uv workspace; use `uv sync`.", suggestions: [{ output: "uv sync\n" }] }], output: null },
    { files: WS, code: "cd evio && poetry add numpy\n", errors: [{ line: 1, column: 12, suggestions: [{ output: "cd evio && uv add --package evio numpy\n" }] }], output: null },
    { code: "poetry run pytest -q\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv run pytest -q\n" }] }], output: null },
    { code: "pipenv install --dev\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv sync\n" }] }], output: null },
    { code: "pdm run python x.py\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv run python x.py\n" }] }], output: null },
    { code: "pipx install ruff\n", errors: [{ line: 1, column: 1, suggestions: [{ output: "uv tool install ruff\n" }] }], output: null },
    { code: "conda env create -f environment.yml\n", errors: [{ line: 1, column: 1, message: /Nix dev shell/, suggestions: [] }], output: null },
    { code: "micromamba activate dev\nmamba install numpy\n", errors: [{ line: 1, column: 1 }, { line: 2, column: 1 }], output: null },
    { code: "virtualenv .venv\n", errors: [{ line: 1, column: 1 }], output: null },
    { code: "python3 -m venv .venv && source .venv/bin/activate\n", errors: [{ messageId: "venv", line: 1, column: 1, suggestions: [{ output: "uv sync && source .venv/bin/activate\n" }] }, { messageId: "activate", line: 1, column: 26 }], output: null },
    { code: ". venv/bin/activate\n", errors: [{ messageId: "activate", line: 1, column: 1 }], output: null },
    { file: ".github/workflows/ci.yml", code: "jobs:\n  t:\n    steps:\n      - run: poetry install --no-root\n", errors: [{ line: 4, column: 14 }], output: null },
  ],
});
