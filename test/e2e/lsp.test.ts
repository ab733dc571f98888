import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type RegistrationParams,
  type ShowMessageParams,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { makeRepo, PACKAGE_ROOT } from "../harness/repo.js";

const WAIT_MS = 10_000;

const ROOT_PYPROJECT = '[project]\nname = "root"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["packages/core"]\n';
const FILES = {
  "pyproject.toml": ROOT_PYPROJECT,
  "packages/core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n',
  // Not a member until the root pyproject says so (the didChangeWatchedFiles test).
  "packages/tools/pyproject.toml": '[project]\nname = "evio-tools"\nversion = "0.1.0"\n',
  "packages/tools/run.sh": "#!/bin/sh\npip install w\n",
  "packages/core/setup.sh": '#!/bin/sh\n# evio-lint-disable-next-line no-pip\nuv sync\necho "❌ é 😀"; pip install x\npytest -q\n',
  "flake.nix": "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python3 ];\n  shellHook = ''\n    echo \"❌ é 😀\"\n    pip install y\n  '';\n}\n",
  "docs/setup.md": '# Setup é 😀\n\nNames with é, 😀 and ❌ work. Run:\n\n```bash\necho "❌ é 😀" && pip install z\n```\n',
  ".evio-lint.json": '{ "ignores": ["vendor/**"] }\n',
  "vendor/get.sh": "pip install v\n",
};

/** The LSP range of the `nth` occurrence of `needle` (0-based line, UTF-16 character), from the text itself. */
function rangeOf(text: string, needle: string, nth = 1): Range {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" #${nth} not in text`);
  }
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split("\n").length - 1, character: offset - (before.lastIndexOf("\n") + 1) };
  };
  return { start: position(at), end: position(at + needle.length) };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "plaintext", 0, text), [...edits]);
}

function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A real LSP client over the server's stdio, recording what the server sends. */
class Client {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly shown: ShowMessageParams[] = [];
  readonly registrations: RegistrationParams[] = [];
  readonly protocolErrors: unknown[] = [];
  private waiters: (() => void)[] = [];
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly exited: Promise<number | null>;
  stderr = "";

  /** `node bin/evio-lint.js lsp` in `cwd`, as an editor starts it. */
  constructor(cwd: string) {
    this.child = spawn(process.execPath, [path.join(PACKAGE_ROOT, "bin/evio-lint.js"), "lsp"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (chunk: Buffer) => void (this.stderr += chunk.toString("utf8")));
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
    const connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection = connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => this.record(() => this.published.push(p)));
    connection.onNotification(ShowMessageNotification.type, (p) => this.record(() => this.shown.push(p)));
    connection.onNotification(LogMessageNotification.type, () => undefined);
    connection.onRequest(RegistrationRequest.type, (p) => this.record(() => this.registrations.push(p)));
    connection.onError((e) => this.protocolErrors.push(e));
    connection.listen();
  }

  private record(add: () => void): void {
    add();
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The first message of `list` from index `from` on that satisfies `test`, now or when it arrives. */
  until<T>(list: readonly T[], test: (x: T) => boolean, what: string, from = 0): Promise<T> {
    const find = () => list.slice(from).find(test);
    return within(
      new Promise<T>((resolve) => {
        const check = () => {
          const hit = find();
          if (hit !== undefined) resolve(hit);
          else this.waiters.push(check);
        };
        check();
      }),
      what,
    );
  }

  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return this.until(this.published, (p) => p.uri === uri && p.version === version, `diagnostics of ${uri} v${version}`).then((p) => p.diagnostics);
  }

  /** shutdown, exit, and the process's exit code */
  async stop(): Promise<number | null> {
    await within(this.connection.sendRequest(ShutdownRequest.type), "shutdown");
    void this.connection.sendNotification(ExitNotification.type);
    return within(this.exited, "the server to exit");
  }

  dispose(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  open(uri: string, languageId: string, text: string): void {
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async actions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await within(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }),
      "codeAction",
    );
    return (result ?? []) as CodeAction[];
  }
}

/** The edits a code action makes to `uri` (the server sends versioned document changes to this client). */
function editsOf(action: CodeAction | undefined, uri: string, version: number): TextEdit[] {
  const changes = action?.edit?.documentChanges ?? [];
  expect(changes).toHaveLength(1);
  const change = changes[0]!;
  if (!("textDocument" in change)) throw new Error("expected a text document edit");
  expect(change.textDocument).toEqual({ uri, version });
  return change.edits as TextEdit[];
}

describe("evio-lint lsp, driven by a real LSP client over stdio", () => {
  let dir: string;
  let client: Client;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
  const docs = (rule: string) => pathToFileURL(path.join(PACKAGE_ROOT, "docs/rules", `${rule}.md`)).href;

  beforeAll(() => {
    dir = makeRepo(FILES);
    client = new Client(dir);
  });

  afterAll(() => client.dispose());

  it("initializes with incremental sync, quick fixes and source.fixAll.evio-lint", async () => {
    const result: InitializeResult = await within(
      client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(dir).href,
        workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "repo" }],
        capabilities: {
          workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
          textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { dataSupport: true } },
        },
      }),
      "initialize",
    );
    expect(result.capabilities).toEqual({
      positionEncoding: "utf-16",
      textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ["quickfix", "source.fixAll.evio-lint"] },
    });
    expect(result.serverInfo?.name).toBe("evio-lint");

    await client.connection.sendNotification(InitializedNotification.type, {});
    const registration = await client.until(client.registrations, () => true, "client/registerCapability");
    expect(registration.registrations).toEqual([
      {
        id: expect.any(String),
        method: "workspace/didChangeWatchedFiles",
        registerOptions: { watchers: [{ globPattern: "**/pyproject.toml" }, { globPattern: "**/.evio-lint.json" }, { globPattern: "**/uv.lock" }] },
      },
    ]);
  });

  it("publishes diagnostics on open with exact UTF-16 ranges, severities, codes and doc links", async () => {
    for (const [rel, language] of [
      ["packages/core/setup.sh", "shellscript"],
      ["flake.nix", "nix"],
      ["docs/setup.md", "markdown"],
      ["packages/tools/run.sh", "shellscript"],
      ["vendor/get.sh", "shellscript"],
    ] as const) {
      client.open(uri(rel), language, FILES[rel]);
    }
    const outside = path.join(makeRepo({ "x.sh": "pip install q\n" }), "x.sh");
    client.open(pathToFileURL(outside).href, "shellscript", "pip install q\n");
    client.open("untitled:Untitled-1", "shellscript", "pip install q\n");

    const setup = FILES["packages/core/setup.sh"];
    const shown = (ds: Diagnostic[]) => ds.map((d) => ({ range: d.range, severity: d.severity, code: d.code, source: d.source }));
    const setupDiagnostics = await client.diagnostics(uri("packages/core/setup.sh"), 1);
    expect(shown(setupDiagnostics)).toEqual([
      { range: rangeOf(setup, "# evio-lint-disable-next-line no-pip"), severity: 2, code: "unused-disable-directive", source: "evio-lint" },
      { range: rangeOf(setup, "pip install x"), severity: 1, code: "no-pip", source: "evio-lint" },
      { range: rangeOf(setup, "pytest -q"), severity: 2, code: "no-bare-python", source: "evio-lint" },
    ]);
    // UTF-16 code units: `echo "❌ é 😀"; ` is 15 of them (14 code points, 20 bytes).
    expect(setupDiagnostics[1]!.range).toEqual({ start: { line: 3, character: 15 }, end: { line: 3, character: 28 } });
    expect(setupDiagnostics[0]!.tags).toEqual([1]);
    expect(setupDiagnostics[1]!.message).toBe("`pip install` bypasses uv.lock and the workspace; use `uv add --package evio-core x`.");
    expect(setupDiagnostics[1]!.codeDescription).toEqual({ href: docs("no-pip") });
    expect(fs.existsSync(new URL(docs("no-pip")))).toBe(true);

    const nix = await client.diagnostics(uri("flake.nix"), 1);
    expect(shown(nix)).toEqual([{ range: rangeOf(FILES["flake.nix"], "pip install y"), severity: 1, code: "no-pip", source: "evio-lint" }]);
    expect(nix[0]!.range.start).toEqual({ line: 4, character: 4 });

    const md = await client.diagnostics(uri("docs/setup.md"), 1);
    expect(shown(md)).toEqual([{ range: rangeOf(FILES["docs/setup.md"], "pip install z"), severity: 1, code: "no-pip", source: "evio-lint" }]);
    expect(md[0]!.range.start).toEqual({ line: 5, character: 17 });

    const tools = await client.diagnostics(uri("packages/tools/run.sh"), 1);
    expect(shown(tools)).toEqual([{ range: rangeOf(FILES["packages/tools/run.sh"], "pip install w"), severity: 1, code: "no-pip", source: "evio-lint" }]);

    // Ignored by the config, outside the root, or not a file: an empty list.
    expect(await client.diagnostics(uri("vendor/get.sh"), 1)).toEqual([]);
    expect(await client.diagnostics(pathToFileURL(outside).href, 1)).toEqual([]);
    expect(await client.diagnostics("untitled:Untitled-1", 1)).toEqual([]);
  });

  it("offers each fix and suggestion as a quick fix, and applies them to the right text", async () => {
    const setupUri = uri("packages/core/setup.sh");
    const setup = FILES["packages/core/setup.sh"];
    const [directive, pip, pytest] = await client.diagnostics(setupUri, 1);

    const [pipFix, ...morePip] = await client.actions(setupUri, [pip!], ["quickfix"]);
    expect(morePip).toEqual([]);
    expect(pipFix).toMatchObject({ title: "Replace with `uv add --package evio-core x`", kind: "quickfix", isPreferred: true, diagnostics: [pip] });
    expect(applyEdits(setup, editsOf(pipFix, setupUri, 1))).toBe(setup.replace("pip install x", "uv add --package evio-core x"));

    const [directiveFix] = await client.actions(setupUri, [directive!], ["quickfix"]);
    expect(directiveFix).toMatchObject({ title: "Remove the unused directive", kind: "quickfix", isPreferred: true });
    expect(applyEdits(setup, editsOf(directiveFix, setupUri, 1))).toBe(setup.replace("# evio-lint-disable-next-line no-pip\n", ""));

    const [pytestFix] = await client.actions(setupUri, [pytest!], ["quickfix"]);
    expect(pytestFix).toMatchObject({ title: "Run it with `uv run --package evio-core` (unsafe)", kind: "quickfix", isPreferred: false });
    expect(applyEdits(setup, editsOf(pytestFix, setupUri, 1))).toBe(setup.replace("pytest -q", "uv run --package evio-core pytest -q"));

    // A suggestion (no certain member): offered, never preferred.
    const nixUri = uri("flake.nix");
    const [nixPip] = await client.diagnostics(nixUri, 1);
    const nixActions = await client.actions(nixUri, [nixPip!]);
    expect(nixActions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([["Replace with `uv add --package <member> y`", "quickfix", false]]);
    expect(applyEdits(FILES["flake.nix"], editsOf(nixActions[0], nixUri, 1))).toBe(FILES["flake.nix"].replace("pip install y", "uv add --package <member> y"));
  });

  it("source.fixAll.evio-lint applies every safe fix (not the unsafe one) as one edit", async () => {
    const setupUri = uri("packages/core/setup.sh");
    const setup = FILES["packages/core/setup.sh"];
    const actions = await client.actions(setupUri, [], ["source.fixAll"]);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([["Fix all safe evio-lint problems", "source.fixAll.evio-lint"]]);
    expect(applyEdits(setup, editsOf(actions[0], setupUri, 1))).toBe('#!/bin/sh\nuv sync\necho "❌ é 😀"; uv add --package evio-core x\npytest -q\n');
    // Unrequested kinds are not offered; nothing safe to fix, no fix-all action.
    expect(await client.actions(setupUri, [], ["refactor"])).toEqual([]);
    expect(await client.actions(uri("flake.nix"), [], ["source.fixAll"])).toEqual([]);
  });

  it("counts a BOM the editor keeps as a character of the first line, and keeps CRLF in fixes", async () => {
    // Not on disk yet: an editor buffer for a new file in the member's folder.
    const bomUri = uri("packages/core/new.sh");
    const text = "\ufeffpip install b\r\nuv sync\r\n";
    client.open(bomUri, "shellscript", text);
    const [pip, ...rest] = await client.diagnostics(bomUri, 1);
    expect(rest).toEqual([]);
    expect([pip!.code, pip!.range]).toEqual(["no-pip", rangeOf(text, "pip install b")]);
    expect(pip!.range.start).toEqual({ line: 0, character: 1 });
    const [fixAll] = await client.actions(bomUri, [], ["source.fixAll.evio-lint"]);
    expect(applyEdits(text, editsOf(fixAll, bomUri, 1))).toBe("\ufeffuv add --package evio-core b\r\nuv sync\r\n");
    const [quickFix] = await client.actions(bomUri, [pip!], ["quickfix"]);
    expect(applyEdits(text, editsOf(quickFix, bomUri, 1))).toBe("\ufeffuv add --package evio-core b\r\nuv sync\r\n");
  });

  it("re-lints on incremental changes, debounced, and publishes an empty list for clean text", async () => {
    const setupUri = uri("packages/core/setup.sh");
    const [directive, pip, pytest] = await client.diagnostics(setupUri, 1);
    // Each quick fix's edits as one incremental change, the last in the text first so earlier ranges hold.
    const fixes = [];
    for (const d of [pytest!, pip!, directive!]) fixes.push(...editsOf((await client.actions(setupUri, [d], ["quickfix"]))[0], setupUri, 1));
    const from = client.published.length;
    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: setupUri, version: 2 },
      contentChanges: fixes.map((e) => ({ range: e.range, text: e.newText })),
    });
    expect(await client.diagnostics(setupUri, 2)).toEqual([]);

    // Typing: three changes in quick succession are linted once, at the last version.
    for (const version of [3, 4, 5]) {
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: setupUri, version },
        contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: version === 5 ? "pip install a\n" : "" }],
      });
    }
    const typed = await client.diagnostics(setupUri, 5);
    expect(typed.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([["no-pip", 3, 0]]);
    expect(client.published.slice(from).filter((p) => p.uri === setupUri).map((p) => p.version)).toEqual([2, 5]);

    // Saving lints again (here: the same text, the same findings).
    const saved = client.published.length;
    void client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uri("flake.nix") } });
    const again = await client.until(client.published, (p) => p.uri === uri("flake.nix"), "diagnostics after didSave", saved);
    expect(again.diagnostics).toEqual(await client.diagnostics(uri("flake.nix"), 1));
  });

  it("re-reads the workspace when a watched pyproject.toml changes, and survives a broken config", async () => {
    const toolsUri = uri("packages/tools/run.sh");
    const [before] = await client.diagnostics(toolsUri, 1);
    expect(before!.message).toContain("<member>");
    expect(await client.actions(toolsUri, [before!], ["source.fixAll"])).toEqual([]);

    fs.writeFileSync(path.join(dir, "pyproject.toml"), ROOT_PYPROJECT.replace('["packages/core"]', '["packages/core", "packages/tools"]'));
    const from = client.published.length;
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri("pyproject.toml"), type: FileChangeType.Changed }] });
    const after = await client.until(client.published, (p) => p.uri === toolsUri, "re-lint after the pyproject change", from);
    expect(after.diagnostics.map((d) => [d.code, d.range, d.message])).toEqual([
      ["no-pip", rangeOf(FILES["packages/tools/run.sh"], "pip install w"), "`pip install` bypasses uv.lock and the workspace; use `uv add --package evio-tools w`."],
    ]);
    // Now the member is certain, so the fix is safe.
    const [fix] = await client.actions(toolsUri, after.diagnostics, ["quickfix"]);
    expect(fix).toMatchObject({ title: "Replace with `uv add --package evio-tools w`", isPreferred: true });
    expect(client.shown).toEqual([]);

    // A config that does not validate: shown to the user, logged; the server keeps going.
    fs.writeFileSync(path.join(dir, ".evio-lint.json"), '{ "rules": { "no-pipp": "off" } }\n');
    const relinted = client.published.length;
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(".evio-lint.json"), type: FileChangeType.Changed }] });
    const message = await client.until(client.shown, () => true, "window/showMessage about the config");
    expect(message.type).toBe(1);
    expect(message.message).toMatch(/\.evio-lint\.json:1:\d+: .*no-pipp/);
    const still = await client.until(client.published, (p) => p.uri === toolsUri, "re-lint with the previous config", relinted);
    expect(still.diagnostics.map((d) => d.code)).toEqual(["no-pip"]);
  });

  it("shuts down and exits 0, with nothing but LSP messages on stdout", async () => {
    expect(await client.stop()).toBe(0);
    expect(client.protocolErrors).toEqual([]);
    expect(client.stderr).toBe("");
  });
});

describe("evio-lint lsp with a client that has no workspace folder and no dynamic registration", () => {
  let client: Client | undefined;
  afterAll(() => client?.dispose());

  it("takes the root from the first document, sends plain edits, and re-reads the workspace when a pyproject.toml is saved", async () => {
    const dir = makeRepo(FILES);
    const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
    // Started somewhere else: the root comes from the document, not the server's folder.
    client = new Client(os.tmpdir());
    const result = await within(client.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} }), "initialize");
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ["quickfix", "source.fixAll.evio-lint"] });
    await client.connection.sendNotification(InitializedNotification.type, {});

    const toolsUri = uri("packages/tools/run.sh");
    client.open(toolsUri, "shellscript", FILES["packages/tools/run.sh"]);
    const [pip] = await client.diagnostics(toolsUri, 1);
    expect([pip!.code, pip!.range]).toEqual(["no-pip", rangeOf(FILES["packages/tools/run.sh"], "pip install w")]);
    const [suggestion] = await client.actions(toolsUri, [pip!]);
    expect(Object.keys(suggestion!.edit!.changes!)).toEqual([toolsUri]);
    expect(applyEdits(FILES["packages/tools/run.sh"], suggestion!.edit!.changes![toolsUri]!)).toBe("#!/bin/sh\nuv add --package <member> w\n");
    expect(client.registrations).toEqual([]);

    const pyproject = ROOT_PYPROJECT.replace('["packages/core"]', '["packages/core", "packages/tools"]');
    fs.writeFileSync(path.join(dir, "pyproject.toml"), pyproject);
    client.open(uri("pyproject.toml"), "toml", pyproject);
    await client.diagnostics(uri("pyproject.toml"), 1);
    const from = client.published.length;
    void client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uri("pyproject.toml") } });
    const after = await client.until(client.published, (p) => p.uri === toolsUri, "re-lint after saving pyproject.toml", from);
    expect(after.diagnostics.map((d) => d.message)).toEqual(["`pip install` bypasses uv.lock and the workspace; use `uv add --package evio-tools w`."]);

    expect(await client.stop()).toBe(0);
    expect(client.protocolErrors).toEqual([]);
    expect(client.stderr).toBe("");
  });
});

describe("evio-lint lsp: related locations", () => {
  const clients: Client[] = [];
  afterAll(() => clients.forEach((c) => c.dispose()));
  const core = '[project]\nname = "evio-core"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n';
  const flake = "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.uv ];\n}\n";
  const files = { "pyproject.toml": ROOT_PYPROJECT, "packages/core/pyproject.toml": core, "flake.nix": flake };

  async function start(dir: string, capabilities: object): Promise<Client> {
    const client = new Client(dir);
    clients.push(client);
    await within(client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities }), "initialize");
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  it("sends relatedInformation in another file and in the document itself (BOM counted), to a client that shows it", async () => {
    const dir = makeRepo(files);
    const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
    const client = await start(dir, { textDocument: { publishDiagnostics: { relatedInformation: true } } });

    client.open(uri("flake.nix"), "nix", flake);
    const [version] = (await client.diagnostics(uri("flake.nix"), 1)).filter((d) => d.code === "python-version-consistent");
    expect(version!.range).toEqual(rangeOf(flake, "pkgs.python311"));
    expect(version!.relatedInformation).toEqual([
      { location: { uri: uri("packages/core/pyproject.toml"), range: rangeOf(core, '">=3.12"') }, message: "`evio-core` has requires-python `>=3.12`" },
    ]);

    // An editor buffer not yet on disk, with a BOM the editor keeps: the `cd` sits one character further.
    const script = "\ufeffcd packages/core && uv run pytest\n";
    client.open(uri("scripts/t.sh"), "shellscript", script);
    const [fromRoot] = (await client.diagnostics(uri("scripts/t.sh"), 1)).filter((d) => d.code === "run-from-root");
    expect(fromRoot!.relatedInformation).toEqual([
      { location: { uri: uri("scripts/t.sh"), range: rangeOf(script, "cd packages/core") }, message: "`cd packages/core` moves the shell into `packages/core/`" },
    ]);
    expect(fromRoot!.relatedInformation![0]!.location.range.start).toEqual({ line: 0, character: 1 });

    expect(await client.stop()).toBe(0);
    expect(client.protocolErrors).toEqual([]);
    expect(client.stderr).toBe("");
  });

  it("sends none to a client that does not say it shows related information", async () => {
    const dir = makeRepo(files);
    const uri = pathToFileURL(path.join(dir, "flake.nix")).href;
    const client = await start(dir, {});
    client.open(uri, "nix", flake);
    const found = (await client.diagnostics(uri, 1)).filter((d) => d.code === "python-version-consistent");
    expect(found).toHaveLength(1);
    expect(found[0]!.relatedInformation).toBeUndefined();
    expect(await client.stop()).toBe(0);
  });
});
