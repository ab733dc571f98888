{
  config,
  lib,
  pkgs,
}:

let
  inherit (lib) mkEnableOption mkIf mkOption;
  cfg = config.my.users;
in
{
  options.my.users = {
    enable = mkEnableOption "the users of this machine";
    admins = mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ "alice" ];
    };
  };

  config = mkIf cfg.enable {
    users.users = lib.genAttrs cfg.admins (name: {
      isNormalUser = true;
      extraGroups = [
        "wheel"
        "networkmanager"
      ];
      shell = pkgs.zsh;
      home = /home + "/${name}";
    });
    assertions = [
      {
        assertion = cfg.admins != [ ] -> config.security.sudo.enable;
        message = "admins need sudo";
      }
    ];
  };
}
