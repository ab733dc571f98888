{
  imports = [
    ./users.nix
    ./shell.nix
    ./services.nix
    ./overlays.nix
  ];
}
