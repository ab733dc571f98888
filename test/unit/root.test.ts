import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findRoot } from "../../src/discover/root.js";
import { makeRepo } from "../harness/repo.js";

describe("findRoot", () => {
  const saved = process.env["GIT_DIR"];
  afterEach(() => {
    if (saved === undefined) delete process.env["GIT_DIR"];
    else process.env["GIT_DIR"] = saved;
  });

  it("the nearest folder upwards whose pyproject.toml declares [tool.uv.workspace]", () => {
    const dir = makeRepo({ "pyproject.toml": "[tool.uv.workspace]\nmembers = []\n", "docs/a.md": "x\n" });
    expect(findRoot(path.join(dir, "docs"))).toBe(dir);
  });

  // A pre-commit hook runs with GIT_DIR set: the git top level must still be the work tree's top.
  it("the git top level from a subfolder, also with GIT_DIR set as in a git hook", () => {
    const dir = makeRepo({ "docs/a.md": "x\n" });
    process.env["GIT_DIR"] = path.join(dir, ".git");
    expect(fs.realpathSync(findRoot(path.join(dir, "docs")))).toBe(dir);
  });
});
