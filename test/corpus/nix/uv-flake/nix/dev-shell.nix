{
  lib,
  ...
}:
{
  perSystem =
    {
      pkgs,
      system,
      ...
    }:
    let
      python = pkgs.python312;
      isDarwin = lib.hasSuffix "darwin" system;
    in
    {
      devShells.default = pkgs.mkShell {
        packages = [
          python
          pkgs.uv
          pkgs.ruff
        ] ++ lib.optionals isDarwin [ pkgs.libiconv ];
        env = {
          UV_PYTHON = "${python}/bin/python";
          UV_PYTHON_DOWNLOADS = "never";
        };
        shellHook = ''
          unset PYTHONPATH
          export REPO_ROOT=$(git rev-parse --show-toplevel)
          if [ ! -d .venv ]; then
            uv sync --all-packages
          fi
          echo "python: ''${UV_PYTHON:-unset}"
          echo '''quoted''' ''$REPO_ROOT ''\t done
        '';
      };
    };
}
