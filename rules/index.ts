import type { AnyRule } from "../src/engine/define-rule.js";

// The registry sits with the rules, after the engine: the engine runs whatever rules it is given.

/**
 * Every rule id, sorted: the only list of rules besides rules/all.ts, which holds them (a test
 * checks both against the files in this folder and that each file's id equals its name). Kept
 * apart from the rules so that a run served from the cache checks `--rule` ids without loading any.
 */
export const ruleIds: readonly string[] = [
  "lockfile-fresh",
  "nix-dev-shell-has-uv",
  "nix-no-python-build",
  "nix-no-python-packages",
  "no-bare-python",
  "no-foreign-package-manager",
  "no-pip",
  "no-requirements-files",
  "no-uv-pip",
  "parse-error",
  "python-version-consistent",
  "run-from-root",
  "run-path-exists",
  "single-lockfile",
  "unknown-package",
  "unused-disable-directive",
  "uv-config-valid",
  "uv-run-package",
  "workspace-members",
  "workspace-sources",
  "workspace-version",
];

const fromAll = (id: string) => async (): Promise<{ default: AnyRule }> => ({ default: (await import("./all.js")).rules[id]! });

/** A loader per rule id. */
export const ruleLoaders: Readonly<Record<string, () => Promise<{ default: AnyRule }>>> = Object.fromEntries(ruleIds.map((id) => [id, fromAll(id)]));

let all: Promise<AnyRule[]> | undefined;

export function loadRules(): Promise<AnyRule[]> {
  all ??= Promise.all(ruleIds.map(async (id) => (await ruleLoaders[id]!()).default));
  return all;
}

export async function loadRule(id: string): Promise<AnyRule | undefined> {
  const loader = ruleLoaders[id];
  return loader ? (await loader()).default : undefined;
}
