{ lib, ... }:

{
  nixpkgs.overlays = [
    (final: prev: {
      my-scripts = prev.callPackage ../pkgs/my-scripts { };
      htop = prev.htop.overrideAttrs (old: {
        patches = (old.patches or [ ]) ++ [ ./patches/htop-colors.patch ];
      });
    })
  ];
  nixpkgs.config.allowUnfreePredicate =
    pkg:
    builtins.elem (lib.getName pkg) [
      "steam"
      "nvidia-x11"
    ];
}
