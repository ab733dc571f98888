{
  config,
  lib,
  pkgs,
  backupPaths ? [ ],
  retention ? {
    daily = 7;
    weekly = 4;
  },
}:

assert lib.isList backupPaths;

with lib;

{
  services.openssh = {
    enable = true;
    settings.PasswordAuthentication = false;
  };

  services.nginx = rec {
    enable = false;
    virtualHosts."example.org" = {
      root = "/var/www";
      locations."/".extraConfig = ''
        try_files $uri $uri/ =404;
      '';
    };
    recommendedTlsSettings = enable;
  };

  services.restic.backups.home = mkIf (backupPaths != [ ]) {
    paths = backupPaths;
    repository = "sftp:backup@example.org:/srv/restic";
    pruneOpts = mapAttrsToList (name: value: "--keep-${name} ${toString value}") retention;
  };
}
