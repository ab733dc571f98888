import { describe, expect, it } from "vitest";
import { cli, lintJson, makeRepo, where } from "../harness/repo.js";
import fs from "node:fs";
import path from "node:path";

// Issue 10 item 9: two findings on one command must not contradict ("lies in member evio" from
// uv-run-package and "does not exist" from run-path-exists on the same path).
const WS = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["evio"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n',
  "evio/scripts/play_dat.py": "print('play')\n",
};
const lint = (dir: string) => lintJson(dir, ["--rule", "single-lockfile=off"]);

describe("one command, one diagnostic about its script path", () => {
  it("a path into a member that does not exist: only run-path-exists, no --package fix", async () => {
    const dir = makeRepo({ ...WS, "scripts/run.sh": "uv run python evio/scripts/missing.py\n" });
    const { report } = await lint(dir);
    expect(where(report)).toEqual(["scripts/run.sh:1:15 run-path-exists"]);
    expect(report.diagnostics[0]!.message).toBe("`evio/scripts/missing.py` does not exist (from the root); fix the path or create the script.");
    expect(report.diagnostics[0]!.fix).toBeUndefined();
  });

  it("a script that exists under the member but not from the root: one finding whose suggestion does both", async () => {
    for (const [file, code, line, column] of [
      ["scripts/run.sh", "uv run python scripts/play_dat.py\n", 1, 15],
      ["docs/play.md", "```bash\nuv run python scripts/play_dat.py\n```\n", 2, 15],
    ] as const) {
      const dir = makeRepo({ ...WS, [file]: code });
      const { report } = await lint(dir);
      expect(where(report)).toEqual([`${file}:${line}:${column} run-path-exists`]);
      const d = report.diagnostics[0]!;
      expect(d.message).toContain("the script is `evio/scripts/play_dat.py` in member evio");
      expect(d.suggestions.map((s) => s.description)).toEqual(["Use `evio/scripts/play_dat.py` with `--package evio`"]);
    }
  });

  it("a path that exists in a member: only uv-run-package, and after --fix nothing is left", async () => {
    const dir = makeRepo({ ...WS, "scripts/run.sh": "uv run python evio/scripts/play_dat.py\n" });
    expect(where((await lint(dir)).report)).toEqual(["scripts/run.sh:1:1 uv-run-package"]);
    expect((await cli(dir, ["--fix", "--rule", "single-lockfile=off"])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "scripts/run.sh"), "utf8")).toBe("uv run --package evio python evio/scripts/play_dat.py\n");
    expect(where((await lint(dir)).report)).toEqual([]);
  });
});
