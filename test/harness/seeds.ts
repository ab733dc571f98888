import fs from "node:fs";
import path from "node:path";
import { SEEDS } from "./repo.js";

/** Seed 003 (UTF-8): the design doc of a Nix + uv monorepo that follows the contract. */
export const seed003 = (): string => fs.readFileSync(path.join(SEEDS, "003_8dfd04dd278b09be.utf8.txt"), "utf8");
/** Seed 000: the doc of a dev shell that breaks the contract. */
export const seed000 = (): string => fs.readFileSync(path.join(SEEDS, "000_e81a7caadd016c87.txt"), "utf8");

/** The text between `start` (exclusive) and the next `end` (exclusive). */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  if (from === -1) throw new Error(`seed has no "${start}"`);
  const to = text.indexOf(end, from + start.length);
  if (to === -1) throw new Error(`seed has no "${end}" after "${start}"`);
  return text.slice(from + start.length, to);
}

/** The files seed 003 describes, taken from the doc itself (its flake, its skills doc, its members). */
export function seed003Repo(): Record<string, string> {
  const doc = seed003();
  const toml = (heading: string) => between(doc.slice(doc.indexOf(heading)), "```toml\n", "\n```") + "\n";
  return {
    "docs/plans/2025-11-15-nix-infrastructure-design.md": doc,
    "flake.nix": between(doc.slice(doc.indexOf("## Root `flake.nix`")), "```nix\n", "\n```") + "\n",
    ".claude/skills/dev-environment.md": between(doc, "```markdown\n", "\n```\n\n---\n\n## Implementation Checklist") + "\n",
    "pyproject.toml": toml("## Root `pyproject.toml`"),
    "workspace/libs/evio-core/pyproject.toml": toml("### `workspace/libs/evio-core/pyproject.toml`"),
    "workspace/plugins/fan-bbox/pyproject.toml": toml("### `workspace/plugins/fan-bbox/pyproject.toml`"),
    "workspace/apps/detector-ui/pyproject.toml": toml("### `workspace/apps/detector-ui/pyproject.toml`"),
    "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["numpy>=1.24"]\n',
    "evio/scripts/play_dat.py": "print('play')\n",
    "evio/scripts/mvp_1_density.py": "print('mvp1')\n",
    "evio/scripts/mvp_2_voxel.py": "print('mvp2')\n",
  };
}

/** The dev shell seed 000 describes: Python packages from nixpkgs, pip installs to ~/.local. */
export const SEED000_FLAKE_MODULE = `{ inputs, ... }:
{
  perSystem = { pkgs, system, ... }:
    let
      python = pkgs.python313;
      pythonEnv = python.withPackages (ps: with ps; [
        torch
        torchvision
        torchaudio
        numpy
        scipy
        fastapi
        pytest
        ruff
      ]);
    in
    {
      devShells.default = pkgs.mkShell {
        packages = [
          pythonEnv
          pkgs.uv
          pkgs.bun
          pkgs.git
        ];
        shellHook = ''
          # User site-packages installation to ~/.local
          export PYTHONUSERBASE="$HOME/.local"
          export PIP_USER=1
          export PATH="$PYTHONUSERBASE/bin:$PATH"
          marker="$HOME/.local/.lattice-packages-installed"
          if [ ! -f "$marker" ] || [ requirements-dev.txt -nt "$marker" ]; then
            echo "Installing packages from requirements-dev.txt..."
            pip install --user -r requirements-dev.txt
            touch "$marker"
          fi
        '';
      };
    };
}
`;

export function seed000Repo(): Record<string, string> {
  return {
    "flake.nix": `{
  description = "Lattice Compositor";
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    flake-parts.url = "github:hercules-ci/flake-parts";
  };
  outputs = inputs@{ flake-parts, ... }:
    flake-parts.lib.mkFlake { inherit inputs; } {
      systems = [ "x86_64-linux" ];
      imports = [ ./nix/flake-module.nix ];
      perSystem = { system, ... }: {
        _module.args.pkgs = import inputs.nixpkgs {
          inherit system;
          config = { allowUnfree = true; cudaSupport = true; };
        };
      };
    };
}
`,
    "nix/flake-module.nix": SEED000_FLAKE_MODULE,
    "requirements-dev.txt": "transformers==4.44.0\nhuggingface-hub\nopencv-python\n",
    "docs/nix-dev-shell.md": seed000(),
    "verify-nix-setup.sh": "#!/usr/bin/env bash\nset -e\npython -c 'import torch; print(torch.__version__)'\npython -m pip list --user | head\n",
  };
}
