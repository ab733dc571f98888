#!/usr/bin/env node
// The tests use real ground truth: nix-instantiate (Debian nix-bin) must accept every Nix file a
// fix writes, bash -n every shell file, zsh -n the zsh corpus; git for fixture repos; script for
// a real terminal. On a fresh Debian machine, as root, install what is missing; elsewhere say
// exactly what to install.
import { execFileSync, spawnSync } from "node:child_process";

const needed = [
  { bin: "nix-instantiate", pkg: "nix-bin" },
  { bin: "shellcheck", pkg: "shellcheck" },
  { bin: "git", pkg: "git" },
  { bin: "bash", pkg: "bash" },
  { bin: "zsh", pkg: "zsh" },
  // util-linux `script`: a real pseudo-terminal for the progress tests
  { bin: "script", pkg: "bsdutils" },
];

const have = (bin) => spawnSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" }).status === 0;
const missing = needed.filter((n) => !have(n.bin));
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((m) => m.pkg);
const root = typeof process.getuid === "function" && process.getuid() === 0;
if (root && have("apt-get")) {
  console.error(`evio-lint tests: installing ${pkgs.join(" ")} with apt-get`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", ...pkgs], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  process.exit(0);
}
console.error(`evio-lint tests need: ${missing.map((m) => m.bin).join(", ")}. Install them (Debian: apt-get install -y ${pkgs.join(" ")}).`);
process.exit(1);
