import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

const PYTHON = "`python` runs outside the workspace environment; run it as `uv run python`.";
const PYTEST = "`pytest` runs outside the workspace environment; run it as `uv run pytest`.";

ruleTester("no-bare-python", {
  valid: [
    { code: "uv run python x.py\nuv run --package evio pytest -q\nuvx ruff check .\nuv tool run black .\n" },
    { code: "python --version\npython3 -V\nwhich python\ncommand -v python3\ntype pytest\n" },
    { code: "#!/usr/bin/env python3\n" },
    { code: "python -m pip install x\npython -m venv .venv\n" },
    { code: 'echo "run pytest"\n' },
    { file: "flake.nix", code: "{ pkgs }: {\n  x = pkgs.runCommand \"t\" {} ''\n    ${pkgs.python3}/bin/python ${./gen.py} > $out\n  '';\n}\n" },
    { file: "flake.nix", code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    echo \"Python: $(python --version)\"\n  '';\n}\n" },
    { file: "docs/a.md", code: "Install `pyright` with uv.\n" },
  ],
  invalid: [
    { code: "pytest -q\n", errors: [{ line: 1, column: 1, message: PYTEST }], output: null, unsafeOutput: "uv run pytest -q\n" },
    { files: WS, code: "cd evio && python scripts/play.py\n", errors: [{ line: 1, column: 12, message: "`python` runs outside the workspace environment; run it as `uv run --package evio python`." }], output: null, unsafeOutput: "cd evio && uv run --package evio python scripts/play.py\n" },
    { files: WS, file: "workspace/libs/evio-core/run.sh", code: "ruff check . && mypy src\n", errors: [{ line: 1, column: 1, message: "`ruff` runs outside the workspace environment; run it as `uv run --package evio-core ruff`." }, { line: 1, column: 17, message: "`mypy` runs outside the workspace environment; run it as `uv run --package evio-core mypy`." }], output: null, unsafeOutput: "uv run --package evio-core ruff check . && uv run --package evio-core mypy src\n" },
    { code: ".venv/bin/python -m evio\n", errors: [{ line: 1, column: 1, message: PYTHON }], output: null, unsafeOutput: "uv run python -m evio\n" },
    { code: "python3.11 -c 'import torch'\n", errors: [{ line: 1, column: 1, message: "`python3.11` runs outside the workspace environment; run it as `uv run python3.11`." }], output: null, unsafeOutput: "uv run python3.11 -c 'import torch'\n" },
    { code: "nix develop --command pytest\n", errors: [{ line: 1, column: 23, message: PYTEST }], output: null, unsafeOutput: "nix develop --command uv run pytest\n" },
    { code: "alias t='pytest -x'\n", errors: [{ line: 1, column: 10, message: PYTEST }], output: null, unsafeOutput: "alias t='uv run pytest -x'\n" },
    {
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    ${pkgs.python3}/bin/python -c 'import numpy'\n  '';\n}\n",
      errors: [{ line: 3, column: 5, message: PYTHON }],
      output: null,
    },
    { file: "docs/run.md", code: "```bash\nipython\n```\n", errors: [{ line: 2, column: 1, message: "`ipython` runs outside the workspace environment; run it as `uv run ipython`." }], output: null, unsafeOutput: "```bash\nuv run ipython\n```\n" },
    // One list of tool names for Markdown and scripts: `pyright src/` in a doc is caught as in a script.
    { file: "docs/a.md", code: "Then `pyright src/` checks the types.\n", errors: [{ line: 1, column: 7, message: "`pyright` runs outside the workspace environment; run it as `uv run pyright`." }], output: null, unsafeOutput: "Then `uv run pyright src/` checks the types.\n" },
    // The opaque interpolation followed by `/bin/python` is python (contract.md, "Added 2026-12").
    {
      file: "flake.nix",
      code: "{ pkgs }:\nlet python = pkgs.python3; in\npkgs.mkShell {\n  packages = [ pkgs.uv python ];\n  shellHook = ''\n    ${python.withPackages (ps: [ ps.numpy ])}/bin/python scripts/a.py\n    ${pkgs.python3}/bin/python scripts/b.py\n  '';\n}\n",
      errors: [{ line: 6, column: 5, endColumn: 70, message: PYTHON }, { line: 7, column: 5, endColumn: 44, message: PYTHON }],
      output: null,
    },
    {
      file: "flake.nix",
      code: "{ pkgs }: {\n  apps.run = pkgs.writeShellScriptBin \"run\" ''\n    exec ${pkgs.python3.withPackages (ps: [ ps.numpy ])}/bin/python -m evio \"$@\"\n  '';\n}\n",
      errors: [{ line: 3, column: 10, message: PYTHON }],
      output: null,
    },
    // Markdown -> Nix fragment -> shellHook -> shell: positions in the .md file.
    {
      file: "docs/shell.md",
      code: "# Shell\n\n```nix\nshellHook = ''\n  ${pkgs.python3}/bin/python scripts/x.py\n'';\n```\n",
      errors: [{ line: 5, column: 3, endColumn: 42, message: PYTHON }],
      output: null,
    },
  ],
});
