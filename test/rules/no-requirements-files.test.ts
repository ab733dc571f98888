import { describe, expect, it } from "vitest";
import { lintJson, makeRepo } from "../harness/repo.js";
import { WS } from "./workspace-fixture.js";

describe("no-requirements-files: reported once per file, at line 1", () => {
  it("names each file with the command that imports it, and the member it lies in", async () => {
    const dir = makeRepo({
      ...WS,
      "requirements.txt": "numpy\n",
      "requirements-dev.txt": "pytest\n",
      "requirements/base.in": "polars\n",
      "evio/requirements.txt": "scipy\n",
      "Pipfile": "[packages]\n",
      "Pipfile.lock": "{}\n",
      "workspace/libs/evio-core/poetry.lock": "# poetry\n",
      "environment.yml": "name: dev\ndependencies: [numpy]\n",
      "docs/requirements.md": "# Requirements\n",
      "src/requirements.py": "x = 1\n",
    });
    const { report } = await lintJson(dir);
    const mine = report.diagnostics.filter((d) => d.rule === "no-requirements-files");
    expect(mine.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([
      "Pipfile:1:1 `Pipfile` is pipenv's; declare the dependencies in <member>'s pyproject.toml (`uv add --package <member> ...`) and delete it.",
      "Pipfile.lock:1:1 `Pipfile.lock` is pipenv's; declare the dependencies in <member>'s pyproject.toml (`uv add --package <member> ...`) and delete it.",
      "environment.yml:1:1 `environment.yml` is a conda environment; system libraries belong in the Nix dev shell and Python packages in pyproject.toml (`uv add --package <member> ...`).",
      "evio/requirements.txt:1:1 `evio/requirements.txt` declares dependencies outside pyproject.toml; import it with `uv add --package evio -r evio/requirements.txt`, then delete it.",
      "requirements-dev.txt:1:1 `requirements-dev.txt` declares dependencies outside pyproject.toml; import it with `uv add --package <member> -r requirements-dev.txt`, then delete it.",
      "requirements.txt:1:1 `requirements.txt` declares dependencies outside pyproject.toml; import it with `uv add --package <member> -r requirements.txt`, then delete it.",
      "requirements/base.in:1:1 `requirements/base.in` declares dependencies outside pyproject.toml; import it with `uv add --package <member> -r requirements/base.in`, then delete it.",
      "workspace/libs/evio-core/poetry.lock:1:1 `workspace/libs/evio-core/poetry.lock` is poetry's lockfile; the workspace has one lockfile, the root uv.lock (`uv lock`). Delete it.",
    ]);
  });

  it("uses the config's default member, and can be turned off", async () => {
    const dir = makeRepo({ ...WS, ".evio-lint.json": JSON.stringify({ defaultMember: "evio-core" }), "requirements.txt": "numpy\n" });
    const mine = (await lintJson(dir)).report.diagnostics.filter((d) => d.rule === "no-requirements-files");
    expect(mine.map((d) => d.message)).toEqual([expect.stringContaining("uv add --package evio-core -r requirements.txt")]);
    const off = await lintJson(dir, ["--rule", "no-requirements-files=off"]);
    expect(off.report.diagnostics.filter((d) => d.rule === "no-requirements-files")).toEqual([]);
  });
});
