import { describe, expect, it } from "vitest";
import { lintJson, makeRepo, where } from "../harness/repo.js";

// Issue 10 item 3: a Django-style framework monorepo. The root project's dev group installs every
// package (with workspace sources), so `uv run <their script>` from the root works: 79 false
// findings before.
const NAMES = ["plain", "plain-admin", "plain-api", "plain-auth", "plain-cache", "plain-dev", "plain-email", "plain-jobs", "plain-models", "plain-pytest"];

function monorepo(devGroup: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {
    "pyproject.toml": [
      '[project]\nname = "plain-workspace"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = []\n',
      `[dependency-groups]\ndev = [\n${devGroup.map((n) => `  "${n}",\n`).join("")}]\n`,
      '[tool.uv.workspace]\nmembers = ["plain*"]\n',
      `[tool.uv.sources]\n${NAMES.map((n) => `${n} = { workspace = true }\n`).join("")}`,
    ].join("\n"),
    "scripts/test": `#!/usr/bin/env bash\nset -e\n${NAMES.map((n) => `uv run ${n}-check\n`).join("")}`,
    "docs/contributing.md": "# Contributing\n\nRun the checks from the root:\n\n```bash\nuv run plain-dev-check\nuv run plain-models-check --fix\n```\n",
  };
  for (const n of NAMES) {
    files[`${n}/pyproject.toml`] = `[project]\nname = "${n}"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n\n[project.scripts]\n${n}-check = "${n.replace(/-/g, "_")}.cli:main"\n`;
    files[`${n}/README.md`] = `# ${n}\n\n\`\`\`bash\nuv run ${n}-check\n\`\`\`\n`;
  }
  return files;
}

describe("a framework monorepo whose root installs its packages", () => {
  it("gives no finding for `uv run <member script>` from the root", async () => {
    const dir = makeRepo(monorepo(NAMES));
    const { code, report, stderr } = await lintJson(dir, ["--rule", "single-lockfile=off"]);
    expect(stderr).toBe("");
    expect(where(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it("still reports the scripts of members the root does not install", async () => {
    const dir = makeRepo(monorepo(NAMES.filter((n) => n !== "plain-jobs" && n !== "plain-models")));
    const { code, report } = await lintJson(dir, ["--rule", "single-lockfile=off"]);
    expect(code).toBe(1);
    expect(where(report)).toEqual([
      "docs/contributing.md:7:1 uv-run-package",
      "plain-jobs/README.md:4:1 uv-run-package",
      "plain-models/README.md:4:1 uv-run-package",
      "scripts/test:10:1 uv-run-package",
      "scripts/test:11:1 uv-run-package",
    ]);
    expect(report.diagnostics[0]!.message).toContain("use `uv run --package plain-models plain-models-check`");
  });
});
