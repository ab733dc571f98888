import path from "node:path";

export type FileKind =
  | "nix"
  | "shell"
  | "pyproject"
  | "uv-lock"
  | "toml"
  | "markdown"
  | "yaml"
  | "package-json"
  | "makefile"
  | "dockerfile"
  | "other";

/** Kinds whose content evio-lint reads; `other` files are seen only by presence rules. */
export const CONTENT_KINDS: ReadonlySet<FileKind> = new Set([
  "nix", "shell", "pyproject", "uv-lock", "toml", "markdown", "yaml", "package-json", "makefile", "dockerfile",
]);

const BY_NAME: Record<string, FileKind> = {
  "pyproject.toml": "pyproject",
  "uv.lock": "uv-lock",
  "package.json": "package-json",
  ".envrc": "shell",
  Makefile: "makefile",
  makefile: "makefile",
  GNUmakefile: "makefile",
  Dockerfile: "dockerfile",
  Containerfile: "dockerfile",
};

const BY_EXTENSION: Record<string, FileKind> = {
  ".nix": "nix",
  ".sh": "shell",
  ".bash": "shell",
  ".zsh": "shell",
  ".toml": "toml",
  ".md": "markdown",
  ".markdown": "markdown",
  ".yml": "yaml",
  ".yaml": "yaml",
  ".mk": "makefile",
  ".dockerfile": "dockerfile",
};

const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh"]);

/**
 * Kind from the path alone; `undefined` means "an extensionless file: ask its shebang".
 */
export function kindFromPath(relPath: string): FileKind | undefined {
  const base = path.posix.basename(relPath);
  const named = BY_NAME[base];
  if (named) return named;
  if (base.startsWith("Dockerfile.") || base.startsWith("Containerfile.")) return "dockerfile";
  const ext = path.posix.extname(base);
  if (ext) return BY_EXTENSION[ext] ?? "other";
  return undefined;
}

/** `#!/bin/sh`, `#!/usr/bin/env bash`, `#!/usr/bin/env -S bash -e` -> shell. */
export function kindFromShebang(firstLine: string): FileKind {
  return SHELLS.has(interpreter(firstLine)) ? "shell" : "other";
}

/**
 * A zsh script: `.zsh`, or a zsh shebang on a `shell` file. evio-lint reads shell with the bash
 * grammar, and zsh has syntax bash does not (`for f (*.py) cmd`, `${(k)map}`, `repeat 3 cmd`);
 * the engine lints such a file only when bash parses all of it.
 */
export function isZshScript(relPath: string, text: string): boolean {
  if (path.posix.extname(relPath) === ".zsh") return true;
  return interpreter(text.split("\n", 1)[0]!) === "zsh";
}

/** The program a `#!` line runs (`env`'s target, past its options); "" without one. */
function interpreter(firstLine: string): string {
  if (!firstLine.startsWith("#!")) return "";
  const parts = firstLine.slice(2).trim().split(/\s+/);
  let interp = path.posix.basename(parts[0] ?? "");
  if (interp === "env") {
    interp = parts.slice(1).find((p) => !p.startsWith("-") && !p.includes("=")) ?? "";
    interp = path.posix.basename(interp);
  }
  return interp;
}
