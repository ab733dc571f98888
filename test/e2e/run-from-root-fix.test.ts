import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, lintJson, makeRepo } from "../harness/repo.js";

// Issue 10 item 2: `--fix` rewrites `cd DIR && cmd` only when cmd cannot notice the move. A
// framework command that finds its app in the working directory keeps its `cd`; uv's own
// project commands are rewritten, and a second `--fix` finds nothing left to do.
const FILES: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["example"]\n',
  "example/pyproject.toml": '[project]\nname = "example"\nversion = "0.1.0"\ndependencies = ["plain"]\n',
  "example/app/settings.py": "DEBUG = True\n",
  "example/tests/test_app.py": "def test(): pass\n",
  "scripts/check.sh": "#!/usr/bin/env bash\nset -e\ncd example && uv run plain preflight\n",
  "scripts/sync.sh": "#!/usr/bin/env bash\nset -e\n(cd example && uv sync)\n(cd example && uv lock)\n(cd example && uv run pytest tests)\n",
};
const ONLY = ["--rule", "single-lockfile=off", "--rule", "uv-run-package=off"];
const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), "utf8");

describe("run-from-root --fix on a framework monorepo", () => {
  it("leaves a framework command alone, rewrites uv sync/lock and pytest, and a second --fix changes nothing", async () => {
    const dir = makeRepo(FILES);
    const before = await lintJson(dir, ONLY);
    const check = before.report.diagnostics.find((d) => d.file === "scripts/check.sh")!;
    expect(check.rule).toBe("run-from-root");
    expect(check.fix).toBeUndefined();
    expect(check.message).toContain("not applied by --fix: `plain` may read the working directory");
    expect(check.suggestions.map((s) => s.description)).toEqual(["Run it from the root: `uv run --package example plain preflight`"]);

    await cli(dir, ["--fix", ...ONLY]);
    expect(read(dir, "scripts/check.sh")).toBe(FILES["scripts/check.sh"]);
    const fixed = "#!/usr/bin/env bash\nset -e\n(uv sync --package example)\n(uv lock)\n(uv run --package example pytest example/tests)\n";
    expect(read(dir, "scripts/sync.sh")).toBe(fixed);

    const second = await cli(dir, ["--fix", ...ONLY]);
    expect(read(dir, "scripts/check.sh")).toBe(FILES["scripts/check.sh"]);
    expect(read(dir, "scripts/sync.sh")).toBe(fixed);
    expect(second.code).toBe(1); // the framework command is still reported, for a person to decide
    const after = await lintJson(dir, ONLY);
    expect(after.report.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.rule}`)).toEqual(["scripts/check.sh:3 run-from-root"]);
  });
});
