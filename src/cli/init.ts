import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Document, isMap, parseDocument } from "yaml";
import { CONFIG_FILE, ConfigError } from "../config/load.js";
import { writeAtomic } from "../fix/write.js";

/** This package's own folder: the install (or checkout) that `init` was started from. */
export function packageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "evio-lint") return dir;
    if (path.dirname(dir) === dir) throw new Error("cannot find evio-lint's package.json above its code");
  }
}

/** The install a hook should run, judged from the repository's root. */
export interface Install {
  /** the command that starts evio-lint from the root */
  readonly command: string;
  /** `$schema` for the config, when the schema sits where the repository can name it */
  readonly schema?: string;
}

/**
 * Never a bare `npx evio-lint`: that resolves the name from the registry, where anyone may publish
 * it, and runs it in every commit. A local install (`node_modules/.bin`) is pinned by the lockfile;
 * otherwise the hook runs the very script `init` came from, by its absolute path.
 */
export function installFor(root: string, self = packageRoot()): Install {
  const local = path.join(root, "node_modules", "evio-lint");
  const bin = path.join(root, "node_modules", ".bin", "evio-lint");
  if (fs.existsSync(local) && fs.existsSync(bin) && fs.realpathSync(local) === fs.realpathSync(self)) {
    return { command: "node_modules/.bin/evio-lint", schema: "./node_modules/evio-lint/schema/config.schema.json" };
  }
  return { command: `node ${shellQuote(path.join(fs.realpathSync(self), "bin", "evio-lint.js"))}` };
}

function shellQuote(s: string): string {
  return /^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function hookCommand(install: Install): string {
  return `${install.command} --staged {staged_files}`;
}

/**
 * `evio-lint init`: a config (with `$schema` when installed locally), and a pre-commit command in
 * lefthook.yml (created, or merged into an existing file without touching the rest). Running it
 * again changes nothing.
 */
export function init(root: string, install: Install = installFor(root)): string[] {
  const said: string[] = [];
  const configPath = path.join(root, CONFIG_FILE);
  if (fs.existsSync(configPath)) said.push(`${CONFIG_FILE} exists; left as it is`);
  else {
    const config = { ...(install.schema ? { $schema: install.schema } : {}), rules: {}, ignores: [] };
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2) + "\n");
    said.push(`wrote ${CONFIG_FILE}`);
  }

  const existing = ["lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml"].find((f) => fs.existsSync(path.join(root, f)));
  const hookFile = path.join(root, existing ?? "lefthook.yml");
  const text = existing ? fs.readFileSync(hookFile, "utf8") : "";
  let doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${path.basename(hookFile)}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1}: cannot merge into it: ${e.message.split("\n")[0]}`);
  }
  if (doc.contents === null) doc = new Document({}) as unknown as typeof doc;
  if (!isMap(doc.contents)) throw new ConfigError(`${path.basename(hookFile)}: expected a mapping of hooks at the top level`);
  if (doc.hasIn(["pre-commit", "commands", "evio-lint"])) {
    said.push(`${path.basename(hookFile)} already runs evio-lint before commits; left as it is`);
    return said;
  }
  doc.setIn(["pre-commit", "commands", "evio-lint"], doc.createNode({ run: hookCommand(install) }));
  writeAtomicOrCreate(hookFile, doc.toString());
  said.push(`${existing ? "added" : "wrote"} a pre-commit command to ${path.basename(hookFile)} (\`${hookCommand(install)}\`); run \`lefthook install\` to install the hook`);
  if (!install.schema) said.push("the hook runs this copy of evio-lint by its path; for a copy pinned in the repository, install it there (README: \"Install\") and run `init` again from it");
  return said;
}

function writeAtomicOrCreate(file: string, content: string): void {
  if (fs.existsSync(file)) writeAtomic(file, content);
  else fs.writeFileSync(file, content);
}
