import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineFingerprint } from "../../src/cache/results.js";
import { makeRepo } from "../harness/repo.js";

// The result cache's key includes evio-lint's own code: bundled (dist/bundle, what bin runs) or
// compiled (dist/src + dist/rules), an edit or rebuild of the code that runs drops old results.
describe("engineFingerprint", () => {
  const touch = (file: string, text: string) => {
    fs.writeFileSync(file, text);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
  };

  it("from dist/bundle, follows the bundle's files, not the sources beside dist nor the V8 code cache", () => {
    const pkg = makeRepo({ "dist/bundle/front.cjs": "a", "dist/bundle/evio-lint.cjs": "b", "dist/bundle/evio-lint.cjs.v8-cache": "c", "src/x.ts": "d" }, { git: false });
    const here = path.join(pkg, "dist/bundle");
    const first = engineFingerprint(here);
    touch(path.join(pkg, "src/x.ts"), "changed");
    touch(path.join(here, "evio-lint.cjs.v8-cache"), "rewritten by a run");
    expect(engineFingerprint(here)).toBe(first);
    touch(path.join(here, "evio-lint.cjs"), "rebuilt");
    expect(engineFingerprint(here)).not.toBe(first);
  });

  it("from dist/src/cache, follows dist/src and dist/rules", () => {
    const pkg = makeRepo({ "dist/src/cache/results.js": "a", "dist/rules/no-pip.js": "b" }, { git: false });
    const here = path.join(pkg, "dist/src/cache");
    const first = engineFingerprint(here);
    touch(path.join(pkg, "dist/rules/no-pip.js"), "rebuilt");
    expect(engineFingerprint(here)).not.toBe(first);
  });
});
