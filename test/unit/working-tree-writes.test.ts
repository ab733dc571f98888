import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRules } from "../../rules/index.js";
import { workingTree } from "../../src/cli/inputs.js";
import { loadConfig } from "../../src/config/load.js";
import { loadTomlParser } from "../../src/parse/toml.js";
import { bundle } from "../../tools/bundle.js";
import { makeRepo, PACKAGE_ROOT } from "../harness/repo.js";

describe("a working tree read without writes", () => {
  it("refuses a write (its reads took no stamp to check an edit against); with writes it writes", async () => {
    await loadTomlParser();
    const rules = await loadRules();
    const repo = makeRepo({ "scripts/a.sh": "#!/bin/sh\npip install requests\n" });
    const config = loadConfig(repo, rules, { cliRules: {}, cwd: repo, workspace: "required" });
    for (const writes of [false, true]) {
      const tree = workingTree({ root: repo, config, rules, targets: [], writes });
      const file = tree.files.find((f) => f.path === "scripts/a.sh")!;
      expect(tree.read(file)?.toString("utf8")).toBe("#!/bin/sh\npip install requests\n");
      const refused = tree.write(file, "#!/bin/sh\nuv add requests\n");
      expect(refused).toBe(writes ? null : "this run was not started to write fixes");
      expect(fs.readFileSync(path.join(repo, "scripts/a.sh"), "utf8")).toBe(writes ? "#!/bin/sh\nuv add requests\n" : "#!/bin/sh\npip install requests\n");
    }
  });
});

describe("a bundle build that fails", () => {
  it("leaves no temp folder in dist/ and the bundle as it was", async () => {
    const dist = path.join(PACKAGE_ROOT, "dist");
    const before = fs.statSync(path.join(dist, "bundle", "evio-lint.cjs")).mtimeMs;
    // As esbuild does: the output's folder is made, then the build fails.
    const failing = {
      build: (options: Record<string, unknown>) => {
        fs.mkdirSync(path.join(PACKAGE_ROOT, path.dirname(options["outfile"] as string)), { recursive: true });
        return Promise.reject(new Error("esbuild failed"));
      },
    };
    await expect(bundle(failing as unknown as Parameters<typeof bundle>[0])).rejects.toThrow("esbuild failed");
    expect(fs.readdirSync(dist).filter((d) => d.startsWith("bundle.tmp-"))).toEqual([]);
    expect(fs.statSync(path.join(dist, "bundle", "evio-lint.cjs")).mtimeMs).toBe(before);
  });
});
