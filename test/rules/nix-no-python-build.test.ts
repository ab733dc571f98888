import { ruleTester } from "../harness/rule-tester.js";
import { seed003Repo } from "../harness/seeds.js";

// Issue 4: Python package builds in Nix (buildPythonPackage, buildPythonApplication, poetry2nix).
ruleTester("nix-no-python-build", {
  valid: [
    { name: "seed 003's flake", file: "flake.nix", code: seed003Repo()["flake.nix"]! },
    { file: "flake.nix", code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python311 pkgs.uv ]; }\n" },
    { name: "a derivation that is not a Python package", file: "nix/tool.nix", code: '{ pkgs }: pkgs.stdenv.mkDerivation { pname = "tool"; version = "1"; }\n' },
    { name: "the word in a string", file: "flake.nix", code: '{ description = "no buildPythonPackage here"; outputs = _: { }; }\n' },
  ],
  invalid: [
    {
      name: "python3Packages.buildPythonPackage rec { ... }",
      file: "nix/evio.nix",
      code: '{ pkgs }:\npkgs.python3Packages.buildPythonPackage rec {\n  pname = "evio";\n  version = "0.1.0";\n  format = "pyproject";\n}\n',
      errors: [{ messageId: "build", line: 2, column: 1, endColumn: 40, message: /^`buildPythonPackage` builds a Python package with Nix/ }],
      output: null,
    },
    {
      name: "buildPythonApplication under with, in a flake-utils flake",
      file: "flake.nix",
      code: `{
  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let pkgs = nixpkgs.legacyPackages.\${system}; in {
        packages.default = with pkgs.python311Packages; buildPythonApplication {
          pname = "detector-ui";
          version = "0.1.0";
        };
      });
}
`,
      errors: [{ messageId: "build", line: 5, column: 57, data: { name: "buildPythonApplication" } }],
      output: null,
    },
    {
      name: "a callPackage-style file: the builder comes as an argument",
      file: "nix/pkg.nix",
      code: '{ buildPythonPackage, numpy }:\nbuildPythonPackage {\n  pname = "evio-core";\n  version = "0.1.0";\n  dependencies = [ numpy ];\n}\n',
      errors: [{ messageId: "build", line: 2, column: 1, data: { name: "buildPythonPackage" } }],
      output: null,
    },
    {
      name: "poetry2nix: the input, its constructor and the builders",
      file: "flake.nix",
      code: `{
  inputs.poetry2nix.url = "github:nix-community/poetry2nix";
  inputs.poetry2nix.inputs.nixpkgs.follows = "nixpkgs";
  outputs = { self, nixpkgs, poetry2nix }:
    let
      pkgs = nixpkgs.legacyPackages.x86_64-linux;
      inherit (poetry2nix.lib.mkPoetry2Nix { inherit pkgs; }) mkPoetryApplication mkPoetryEnv;
    in {
      packages.x86_64-linux.default = mkPoetryApplication { projectDir = self; };
      devShells.x86_64-linux.default = pkgs.mkShell { packages = [ (mkPoetryEnv { projectDir = self; }) pkgs.uv ]; };
    };
}
`,
      errors: [
        { messageId: "poetry2nix", line: 2, column: 10, endColumn: 20 },
        { messageId: "build", line: 7, column: 16, message: /^`mkPoetry2Nix`/ },
        { messageId: "build", line: 9, column: 39, message: /^`mkPoetryApplication`/ },
        { messageId: "build", line: 10, column: 69, message: /^`mkPoetryEnv`/ },
      ],
      output: null,
    },
  ],
});
