{
  system ? builtins.currentSystem,
  sources ? {
    nixpkgs = <nixpkgs>;
  },
}:
let
  pkgs = import sources.nixpkgs { inherit system; };
in
rec {
  shell = import ./shell.nix { inherit pkgs; };
  checks = {
    inherit shell;
  };
  docs = pkgs.runCommand "docs" { } ''
    mkdir -p $out
    cp ${./README.md} $out/README.md
  '';
}
