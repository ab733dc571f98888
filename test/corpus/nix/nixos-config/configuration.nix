{
  config,
  lib,
  pkgs,
  hostName,
  unstable,
  ...
}:

{
  imports = [
    ./hardware-configuration.nix
    ./modules
    ./hosts/${hostName}.nix
  ];

  nix.settings = {
    experimental-features = [
      "nix-command"
      "flakes"
    ];
    substituters = [ https://cache.nixos.org ];
  };
  nix.nixPath = [ "nixpkgs=${<nixpkgs>}" ];

  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;

  networking = {
    inherit hostName;
    networkmanager.enable = true;
    firewall.allowedTCPPorts = [ 22 ] ++ lib.optionals config.services.nginx.enable [
      80
      443
    ];
  };

  time.timeZone = "Europe/Berlin";
  i18n.defaultLocale = "en_US.UTF-8";

  environment.systemPackages =
    with pkgs;
    [
      git
      vim
      wget
    ]
    ++ [ unstable.uv ];

  system.stateVersion = "24.05";
}
