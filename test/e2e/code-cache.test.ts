import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeRepo, PACKAGE_ROOT } from "../harness/repo.js";

// bin runs the bundle with V8's code cache beside it (src/cli/bundle-loader.ts). The cache is an
// optimisation only: a broken one, or one that cannot be written, never changes a run. Each case
// runs a copy of the built package, so that no other test sees its bundle folder change.

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

/** bin and the bundle, copied; node_modules linked (the bundle requires tree-sitter from there). */
function packageCopy(): { bin: string; cache: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-package-"));
  copies.push(dir);
  fs.cpSync(path.join(PACKAGE_ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
  fs.cpSync(path.join(PACKAGE_ROOT, "dist/bundle"), path.join(dir, "dist/bundle"), { recursive: true });
  fs.cpSync(path.join(PACKAGE_ROOT, "package.json"), path.join(dir, "package.json"));
  fs.symlinkSync(path.join(PACKAGE_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return { bin: path.join(dir, "bin/evio-lint.js"), cache: path.join(dir, "dist/bundle/evio-lint.cjs.v8-cache") };
}

const repo = makeRepo({ "scripts/a.sh": "#!/bin/sh\npip install requests\n" });
const run = (bin: string) => spawnSync(process.execPath, [bin, "--workspace", "required", "--format", "json"], { cwd: repo, encoding: "utf8" });
const rules = (stdout: string): string[] => (JSON.parse(stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule);

describe("the bundle's V8 code cache", () => {
  it("a cache of garbage is rejected, the run is the same, and the run writes a good one", () => {
    const { bin, cache } = packageCopy();
    const garbage = Buffer.alloc(4096, 0x5a);
    fs.writeFileSync(cache, garbage);
    const r = run(bin);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(rules(r.stdout)).toEqual(["no-pip"]);
    const rewritten = fs.readFileSync(cache);
    expect(rewritten.equals(garbage)).toBe(false);
    // Written whole and renamed into place: no temp file is left beside it.
    expect(fs.readdirSync(path.dirname(cache)).filter((f) => f.includes(".tmp-"))).toEqual([]);
    // The next run reads it and leaves it as it is.
    const again = run(bin);
    expect(rules(again.stdout)).toEqual(["no-pip"]);
    expect(fs.readFileSync(cache).equals(rewritten)).toBe(true);
  });

  it("without a cache, and where one cannot be written, the run is the same", () => {
    const { bin, cache } = packageCopy();
    fs.rmSync(cache);
    // A folder where the cache would go: it can be neither read nor replaced.
    fs.mkdirSync(cache);
    const r = run(bin);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(rules(r.stdout)).toEqual(["no-pip"]);
    expect(fs.statSync(cache).isDirectory()).toBe(true);
    expect(fs.readdirSync(path.dirname(cache)).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("a run that parses Nix leaves the cache as the run before wrote it", () => {
    // A CLI run raises V8's WebAssembly tiering budget for the Nix grammar (src/parse/wasm-tiering.ts),
    // and V8 keys the cache on its flags: unless the default is back before the cache is written,
    // every run would reject the last one's cache and write its own.
    const { bin, cache } = packageCopy();
    fs.rmSync(cache);
    const nixRepo = makeRepo({
      "flake.nix": '{\n  outputs = { nixpkgs, ... }: {\n    devShells.x86_64-linux.default = nixpkgs.legacyPackages.x86_64-linux.mkShell {\n      shellHook = "pip install requests";\n    };\n  };\n}\n',
    });
    const nixRun = () => spawnSync(process.execPath, [bin, "--workspace", "required", "--format", "json"], { cwd: nixRepo, encoding: "utf8" });
    const first = nixRun();
    expect(first.stderr).toBe("");
    expect(rules(first.stdout)).toContain("no-pip");
    const written = fs.readFileSync(cache);
    const second = nixRun();
    expect(rules(second.stdout)).toEqual(rules(first.stdout));
    expect(fs.readFileSync(cache).equals(written)).toBe(true);
  });

  it("--version writes no cache: only a run of the engine is worth keeping", () => {
    const { bin, cache } = packageCopy();
    fs.rmSync(cache);
    const r = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(fs.existsSync(cache)).toBe(false);
    run(bin);
    expect(fs.existsSync(cache)).toBe(true);
  });
});
