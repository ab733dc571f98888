import type { AnyRule } from "../src/engine/define-rule.js";

// The registry sits with the rules, after the engine: the engine runs whatever rules it is given.

/**
 * Every rule id, sorted, with a loader. The only list of rules: a test checks it equals the files
 * in this folder and that each file's id equals its name.
 */
export const ruleLoaders: Readonly<Record<string, () => Promise<{ default: AnyRule }>>> = {
  "lockfile-fresh": () => import("./lockfile-fresh.js"),
  "nix-dev-shell-has-uv": () => import("./nix-dev-shell-has-uv.js"),
  "nix-no-python-build": () => import("./nix-no-python-build.js"),
  "nix-no-python-packages": () => import("./nix-no-python-packages.js"),
  "no-bare-python": () => import("./no-bare-python.js"),
  "no-foreign-package-manager": () => import("./no-foreign-package-manager.js"),
  "no-pip": () => import("./no-pip.js"),
  "no-requirements-files": () => import("./no-requirements-files.js"),
  "no-uv-pip": () => import("./no-uv-pip.js"),
  "parse-error": () => import("./parse-error.js"),
  "python-version-consistent": () => import("./python-version-consistent.js"),
  "run-from-root": () => import("./run-from-root.js"),
  "run-path-exists": () => import("./run-path-exists.js"),
  "single-lockfile": () => import("./single-lockfile.js"),
  "unknown-package": () => import("./unknown-package.js"),
  "unused-disable-directive": () => import("./unused-disable-directive.js"),
  "uv-config-valid": () => import("./uv-config-valid.js"),
  "uv-run-package": () => import("./uv-run-package.js"),
  "workspace-members": () => import("./workspace-members.js"),
  "workspace-sources": () => import("./workspace-sources.js"),
  "workspace-version": () => import("./workspace-version.js"),
};

export const ruleIds: readonly string[] = Object.keys(ruleLoaders).sort();

let all: Promise<AnyRule[]> | undefined;

export function loadRules(): Promise<AnyRule[]> {
  all ??= Promise.all(ruleIds.map(async (id) => (await ruleLoaders[id]!()).default));
  return all;
}

export async function loadRule(id: string): Promise<AnyRule | undefined> {
  const loader = ruleLoaders[id];
  return loader ? (await loader()).default : undefined;
}
