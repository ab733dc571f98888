// issue 13: installing evio-lint as a user does, with npm offline (no registry lookup at all).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeRepo, PACKAGE_ROOT } from "../harness/repo.js";

/** npm that cannot reach any registry: --offline, and a registry address nothing listens on. */
function npm(cwd: string, args: string[]) {
  return spawnSync("npm", [...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_registry: "http://127.0.0.1:9/", npm_config_offline: "true", npm_config_update_notifier: "false" },
  });
}

let checkout: string;
let packStdout: string;

beforeAll(() => {
  // pre-commit packs its own clone; a copy of the sources (node_modules linked) keeps dist/ of this
  // checkout untouched while other tests run it.
  checkout = makeRepo({}, { git: false });
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: PACKAGE_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const rel of files) {
    const from = path.join(PACKAGE_ROOT, rel);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(checkout, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(checkout, rel));
  }
  fs.symlinkSync(path.join(PACKAGE_ROOT, "node_modules"), path.join(checkout, "node_modules"));
  // exactly pre-commit's call: `npm pack` in the hook repository, stdout read as the tarball's name
  const r = npm(checkout, ["pack"]);
  expect(r.status, r.stderr).toBe(0);
  packStdout = r.stdout;
}, 240_000);

describe("the pre-commit framework's npm pack", () => {
  it("prints only the tarball's name on stdout (the prepare build stays off it), and the tarball bundles its dependencies", () => {
    expect(packStdout).toBe("evio-lint-0.1.0.tgz\n");
    const tgz = path.join(checkout, packStdout.trim());
    expect(fs.existsSync(tgz)).toBe(true);
    const listing = execFileSync("tar", ["tzf", tgz], { encoding: "utf8" });
    expect(listing).toContain("package/dist/src/cli/main.js");
    expect(listing).toContain("package/node_modules/yaml/package.json");
  }, 240_000);
});

