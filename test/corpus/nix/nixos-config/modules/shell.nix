args@{
  lib,
  pkgs,
  ...
}:

let
  editor = args.editor or "vim";
in
{
  programs.zsh = {
    enable = true;
    interactiveShellInit = ''
      export EDITOR=${editor}
      # Nix's own escapes: ''${ stays a shell expansion, ''' is two quotes, ''\n a newline
      export PROMPT_PATH=''${HOME}/.prompt
      alias q='''quiet'''
      printf 'a''\nb'
      echo "$HOME" ''$PWD
    '';
  };

  environment.etc."zshenv.local".text = "export LANG=en_US.UTF-8\n";
  environment.shellAliases = {
    ll = "ls -l";
  } // lib.optionalAttrs pkgs.stdenv.isLinux { open = "xdg-open"; };
}
