import type { AnyRule } from "../src/engine/define-rule.js";
import lockfileFresh from "./lockfile-fresh.js";
import nixDevShellHasUv from "./nix-dev-shell-has-uv.js";
import nixNoPythonBuild from "./nix-no-python-build.js";
import nixNoPythonPackages from "./nix-no-python-packages.js";
import noBarePython from "./no-bare-python.js";
import noForeignPackageManager from "./no-foreign-package-manager.js";
import noPip from "./no-pip.js";
import noRequirementsFiles from "./no-requirements-files.js";
import noUvPip from "./no-uv-pip.js";
import parseError from "./parse-error.js";
import pythonVersionConsistent from "./python-version-consistent.js";
import runFromRoot from "./run-from-root.js";
import runPathExists from "./run-path-exists.js";
import singleLockfile from "./single-lockfile.js";
import unknownPackage from "./unknown-package.js";
import unusedDisableDirective from "./unused-disable-directive.js";
import uvConfigValid from "./uv-config-valid.js";
import uvRunPackage from "./uv-run-package.js";
import workspaceMembers from "./workspace-members.js";
import workspaceSources from "./workspace-sources.js";
import workspaceVersion from "./workspace-version.js";

// Every rule in one module: a run needs them all, and one import is one chunk of the bundle, not 21.
// rules/index.ts lists the ids (a test checks both against the files here) and loads this.
export const rules: Readonly<Record<string, AnyRule>> = {
  "lockfile-fresh": lockfileFresh,
  "nix-dev-shell-has-uv": nixDevShellHasUv,
  "nix-no-python-build": nixNoPythonBuild,
  "nix-no-python-packages": nixNoPythonPackages,
  "no-bare-python": noBarePython,
  "no-foreign-package-manager": noForeignPackageManager,
  "no-pip": noPip,
  "no-requirements-files": noRequirementsFiles,
  "no-uv-pip": noUvPip,
  "parse-error": parseError,
  "python-version-consistent": pythonVersionConsistent,
  "run-from-root": runFromRoot,
  "run-path-exists": runPathExists,
  "single-lockfile": singleLockfile,
  "unknown-package": unknownPackage,
  "unused-disable-directive": unusedDisableDirective,
  "uv-config-valid": uvConfigValid,
  "uv-run-package": uvRunPackage,
  "workspace-members": workspaceMembers,
  "workspace-sources": workspaceSources,
  "workspace-version": workspaceVersion,
};
