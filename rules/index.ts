import type { AnyRule } from "../src/engine/define-rule.js";

/**
 * Every rule id, sorted, with a loader. The only list of rules: a test checks it equals the files
 * in this folder and that each file's id equals its name.
 */
export const ruleLoaders: Readonly<Record<string, () => Promise<{ default: AnyRule }>>> = {
  "no-bare-python": () => import("./no-bare-python.js"),
  "no-foreign-package-manager": () => import("./no-foreign-package-manager.js"),
  "no-pip": () => import("./no-pip.js"),
  "no-requirements-files": () => import("./no-requirements-files.js"),
  "no-uv-pip": () => import("./no-uv-pip.js"),
  "parse-error": () => import("./parse-error.js"),
  "unused-disable-directive": () => import("./unused-disable-directive.js"),
};
