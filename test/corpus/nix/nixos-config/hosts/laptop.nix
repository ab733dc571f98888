{
  lib,
  ...
}:
{
  services.tlp.enable = true;
  powerManagement.cpuFreqGovernor = lib.mkDefault "powersave";
}
