{ pkgs, ... }:
{
  hardware.opengl.enable = true;
  environment.systemPackages = [ pkgs.steam ];
}
