/** A small workspace like seed 003's: members evio and workspace/libs/evio-core. */
export const WS: Readonly<Record<string, string>> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["evio", "workspace/libs/*"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n',
  "workspace/libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n',
};
