import { describe, expect, it } from "vitest";
import { kindFromPath, kindFromShebang } from "../../src/discover/kind.js";

describe("file kinds (contract.md, where commands hide)", () => {
  it.each([
    ["flake.nix", "nix"], ["nix/shell.nix", "nix"], ["pyproject.toml", "pyproject"], ["evio/pyproject.toml", "pyproject"],
    ["uv.lock", "uv-lock"], ["ruff.toml", "toml"], ["scripts/a.sh", "shell"], ["x.bash", "shell"], [".envrc", "shell"],
    ["README.md", "markdown"], [".github/workflows/ci.yml", "yaml"], ["lefthook.yml", "yaml"], [".pre-commit-config.yaml", "yaml"],
    ["package.json", "package-json"], ["Makefile", "makefile"], ["rules.mk", "makefile"], ["Dockerfile", "dockerfile"],
    ["Dockerfile.dev", "dockerfile"], ["requirements.txt", "other"], ["src/x.py", "other"], ["bin/setup", undefined],
  ])("%s -> %s", (p, kind) => {
    expect(kindFromPath(p)).toBe(kind);
  });

  it.each([
    ["#!/bin/sh", "shell"], ["#!/usr/bin/env bash", "shell"], ["#!/usr/bin/env -S bash -e", "shell"], ["#! /bin/zsh", "shell"],
    ["#!/usr/bin/env python3", "other"], ["#!/usr/bin/env nix-shell", "other"], ["echo hi", "other"],
  ])("shebang %s -> %s", (line, kind) => {
    expect(kindFromShebang(line)).toBe(kind);
  });
});
