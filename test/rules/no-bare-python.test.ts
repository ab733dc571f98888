import { ruleTester } from "../harness/rule-tester.js";
import { WS } from "./workspace-fixture.js";

ruleTester("no-bare-python", {
  valid: [
    { code: "uv run python x.py\nuv run --package evio pytest -q\nuvx ruff check .\nuv tool run black .\n" },
    { code: "python --version\npython3 -V\nwhich python\ncommand -v python3\ntype pytest\n" },
    { code: "#!/usr/bin/env python3\n" },
    { code: "python -m pip install x\npython -m venv .venv\n" },
    { code: 'echo "run pytest"\n' },
    { file: "flake.nix", code: "{ pkgs }: {\n  x = pkgs.runCommand \"t\" {} ''\n    ${pkgs.python3}/bin/python ${./gen.py} > $out\n  '';\n}\n" },
    { file: "flake.nix", code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    echo \"Python: $(python --version)\"\n  '';\n}\n" },
  ],
  invalid: [
    { code: "pytest -q\n", errors: [{ line: 1, column: 1, message: "`pytest` runs outside the workspace environment; run it as `uv run pytest`." }], output: null, unsafeOutput: "uv run pytest -q\n" },
    { files: WS, code: "cd evio && python scripts/play.py\n", errors: [{ line: 1, column: 12 }], output: null, unsafeOutput: "cd evio && uv run --package evio python scripts/play.py\n" },
    { files: WS, file: "workspace/libs/evio-core/run.sh", code: "ruff check . && mypy src\n", errors: [{ line: 1, column: 1 }, { line: 1, column: 17 }], output: null, unsafeOutput: "uv run --package evio-core ruff check . && uv run --package evio-core mypy src\n" },
    { code: ".venv/bin/python -m evio\n", errors: [{ line: 1, column: 1 }], output: null, unsafeOutput: "uv run python -m evio\n" },
    { code: "python3.11 -c 'import torch'\n", errors: [{ line: 1, column: 1 }], output: null, unsafeOutput: "uv run python3.11 -c 'import torch'\n" },
    { code: "nix develop --command pytest\n", errors: [{ line: 1, column: 23 }], output: null, unsafeOutput: "nix develop --command uv run pytest\n" },
    { code: "alias t='pytest -x'\n", errors: [{ line: 1, column: 10 }], output: null, unsafeOutput: "alias t='uv run pytest -x'\n" },
    {
      file: "flake.nix",
      code: "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    ${pkgs.python3}/bin/python -c 'import numpy'\n  '';\n}\n",
      errors: [{ line: 3, column: 5 }],
      output: null,
    },
    { file: "docs/run.md", code: "```bash\nipython\n```\n", errors: [{ line: 2, column: 1 }], output: null, unsafeOutput: "```bash\nuv run ipython\n```\n" },
  ],
});
