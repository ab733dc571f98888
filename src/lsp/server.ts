// One module over 300 lines on purpose: the Session's handlers share its documents, versions and timers.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node.js";
import { ConfigError, CONFIG_FILE } from "../config/load.js";
import { Linter } from "./linter.js";
import { SourceFile } from "../text/source-file.js";
import { VERSION } from "../cli/version.js";
import { FIX_ALL_KIND, isDiagnosticData, kindWanted, quickFixes, SOURCE, toLspDiagnostic, type DiagnosticData } from "./convert.js";
import { filePath, packageRoot, realPath } from "./paths.js";

/** Files whose change re-reads the workspace model, the config and the file index. */
const WORKSPACE_FILES = ["pyproject.toml", CONFIG_FILE, "uv.lock"] as const;
const CHANGE_DEBOUNCE_MS = 150;

const LSP_USAGE = `Usage: evio-lint lsp [--stdio]

A Language Server over stdin/stdout: diagnostics while you type, quick fixes, and a
source.fixAll.evio-lint action. See docs/editors.md for VS Code, Neovim and Helix.
`;

/** Serve LSP on stdin/stdout; resolves with the exit code when the client sends `exit`. */
export async function runLanguageServer(args: readonly string[]): Promise<number> {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    // What generic LSP clients add: the transport (always stdio here) and the client's pid.
    if (arg === "--stdio" || arg.startsWith("--clientProcessId=")) continue;
    if (arg === "--clientProcessId") {
      i++;
      continue;
    }
    if (arg === "-h" || arg === "--help") {
      process.stdout.write(LSP_USAGE);
      return 0;
    }
    process.stderr.write(`evio-lint: lsp: unknown argument "${arg}"\nRun \`evio-lint lsp --help\` for usage.\n`);
    return 2;
  }

  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  routeConsole(connection);
  // A promise nobody awaited must not end the server: log it.
  process.on("unhandledRejection", (reason) => connection.console.error(`evio-lint: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  const exited = new Promise<number>((resolve) => {
    let shutdown = false;
    connection.onShutdown(() => {
      shutdown = true;
    });
    // The library then ends the process itself with the same code, as the LSP spec asks.
    connection.onExit(() => resolve(shutdown ? 0 : 1));
  });
  new Session(connection).listen();
  connection.listen();
  return exited;
}

/** stdout carries LSP messages only: whatever a dependency logs goes to the client's log. */
function routeConsole(connection: Connection): void {
  const log = (...args: unknown[]): void => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

interface Published {
  readonly version: number;
  readonly diagnostics: readonly LspDiagnostic[];
}

/** One client: its open documents and the one Linter over the workspace root. */
class Session {
  private readonly documents = new TextDocuments(TextDocument);
  /** the folder the client opened, if it said */
  private rootHint: string | null = null;
  /** created on the first lint; null again after it failed, so the next lint retries */
  private linter: Promise<Linter | null> | null = null;
  /** the client sends didChangeWatchedFiles for WORKSPACE_FILES */
  private watching = false;
  private versionedEdits = false;
  /** the client shows a diagnostic's related locations */
  private relatedInformation = false;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** per document: the version last linted or waiting to be, and a counter that drops superseded results */
  private readonly requested = new Map<string, number>();
  private readonly generation = new Map<string, number>();
  private readonly published = new Map<string, Published>();
  /** error messages already shown in a window, so typing does not repeat them */
  private readonly shown = new Set<string>();
  private readonly docsBase = pathToFileURL(path.join(packageRoot(), "docs", "rules") + path.sep).href;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.watchWorkspaceFiles());
    documents.onDidOpen((e) => void this.lint(e.document.uri));
    documents.onDidChangeContent((e) => {
      // Opening fires this too, right after onDidOpen: that version is already being linted.
      if (this.requested.get(e.document.uri) !== e.document.version) this.schedule(e.document.uri);
    });
    documents.onDidSave((e) => {
      const changesWorkspace = (WORKSPACE_FILES as readonly string[]).includes(path.posix.basename(e.document.uri));
      void (changesWorkspace && !this.watching ? this.reloadWorkspace() : this.lint(e.document.uri));
    });
    documents.onDidClose((e) => this.close(e.document.uri));
    connection.onDidChangeWatchedFiles(() => void this.reloadWorkspace());
    connection.onCodeAction((params) => this.codeActions(params));
    documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    this.rootHint = (folder ? filePath(folder) : null) ?? params.rootPath ?? null;
    this.versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    this.watching = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.relatedInformation = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
    return {
      capabilities: {
        positionEncoding: "utf-16",
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: SOURCE, version: VERSION },
    };
  }

  private async watchWorkspaceFiles(): Promise<void> {
    if (!this.watching) return;
    try {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WORKSPACE_FILES.map((name) => ({ globPattern: `**/${name}` })),
      });
    } catch (e) {
      this.watching = false;
      this.fail("cannot watch pyproject.toml and config files; saving them re-reads the workspace instead", e);
    }
  }

  private linterFor(file: string): Promise<Linter | null> {
    this.linter ??= Linter.create({ cwd: this.rootHint ?? path.dirname(file) }).catch((e: unknown) => {
      this.fail("cannot start", e);
      this.linter = null;
      return null;
    });
    return this.linter;
  }

  /** After a pyproject.toml, uv.lock or the config changed: re-read them and re-lint what is open. */
  private async reloadWorkspace(): Promise<void> {
    this.shown.clear();
    const linter = this.linter ? await this.linter : null;
    if (linter) {
      try {
        linter.reload();
      } catch (e) {
        // The previous config stays in force until this one is fixed.
        this.fail("cannot reload the workspace", e);
      }
    }
    await Promise.all(this.documents.all().map((d) => this.lint(d.uri)));
  }

  private schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => void this.lint(uri), CHANGE_DEBOUNCE_MS));
  }

  private async lint(uri: string): Promise<void> {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    const seq = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, seq);
    this.requested.set(uri, doc.version);
    const diagnostics = await this.diagnose(doc);
    // A newer lint of this document started meanwhile, or it was closed: that one publishes.
    if (this.generation.get(uri) !== seq || !this.documents.get(uri)) return;
    this.published.set(uri, { version: doc.version, diagnostics });
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  private async diagnose(doc: TextDocument): Promise<LspDiagnostic[]> {
    const target = await this.target(doc);
    if (!target) return [];
    const text = doc.getText();
    try {
      const report = await target.linter.lint(target.rel, text);
      const source = report.source ?? new SourceFile(target.rel, text);
      const root = target.linter.root;
      // The document's own URI for itself: the client may have opened it through a link.
      const uriOf = (file: string) => (file === target.rel ? doc.uri : pathToFileURL(path.join(root, file)).href);
      return report.diagnostics.map((d) => toLspDiagnostic(d, source, doc.version, (rule) => `${this.docsBase}${rule}.md`, this.relatedInformation ? uriOf : undefined));
    } catch (e) {
      this.fail(`cannot lint ${target.rel}`, e);
      return [];
    }
  }

  /** The linter and root-relative path for a document; null when it is not ours to lint. */
  private async target(doc: TextDocument): Promise<{ linter: Linter; rel: string } | null> {
    const file = filePath(doc.uri);
    if (!file) return null;
    const linter = await this.linterFor(file);
    const rel = linter?.relative(realPath(file)) ?? null;
    if (!linter || rel === null || linter.ignored(rel)) return null;
    return { linter, rel };
  }

  private close(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
    this.requested.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (kindWanted(CodeActionKind.QuickFix, only)) {
      for (const d of params.context.diagnostics) {
        if (d.source !== SOURCE) continue;
        const data = this.dataOf(doc, d);
        if (data) actions.push(...quickFixes(d, data, (edits) => this.edit(doc, edits)));
      }
    }
    if (kindWanted(FIX_ALL_KIND, only)) {
      const fixAll = await this.fixAll(doc);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /** The data a diagnostic was published with, if it is for the current text. */
  private dataOf(doc: TextDocument, d: LspDiagnostic): DiagnosticData | null {
    let data: unknown = d.data;
    if (!isDiagnosticData(data)) {
      // A client that does not return `data`: find the diagnostic among those published.
      const same = this.published.get(doc.uri)?.diagnostics.find(
        (p) => p.code === d.code && p.message === d.message && sameRange(p.range, d.range),
      );
      data = same?.data;
    }
    return isDiagnosticData(data) && data.version === doc.version ? data : null;
  }

  /** Every safe fix, applied by the engine's fix loop (re-linted, verified), as one whole-text edit. */
  private async fixAll(doc: TextDocument): Promise<CodeAction | null> {
    const published = this.published.get(doc.uri);
    const upToDate = published?.version === doc.version;
    if (upToDate && !published.diagnostics.some((d) => isDiagnosticData(d.data) && d.data.fix?.safety === "safe")) return null;
    const target = await this.target(doc);
    if (!target) return null;
    const text = doc.getText();
    // The engine's offsets exclude a BOM; fix the text after it and put it back.
    const bom = text.startsWith("\ufeff") ? "\ufeff" : "";
    try {
      const outcome = await target.linter.fix(target.rel, text.slice(bom.length));
      for (const d of outcome.dropped) this.connection.console.warn(`${target.rel}: fix for ${d.rule} not applied: ${d.reason}`);
      if (outcome.fixed === 0 || bom + outcome.text === text) return null;
      const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
      return {
        title: "Fix all safe evio-lint problems",
        kind: FIX_ALL_KIND,
        edit: this.edit(doc, [{ range: whole, newText: bom + outcome.text }]),
      };
    } catch (e) {
      this.fail(`cannot fix ${target.rel}`, e);
      return null;
    }
  }

  private edit(doc: TextDocument, edits: LspTextEdit[]): WorkspaceEdit {
    return this.versionedEdits
      ? { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] }
      : { changes: { [doc.uri]: edits } };
  }

  /** Log an error and show it once; the server keeps running. */
  private fail(what: string, e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    const message = `evio-lint: ${what}: ${err.message}`;
    this.connection.console.error(e instanceof ConfigError ? message : `${message}\n${err.stack ?? ""}`);
    if (this.shown.has(message)) return;
    this.shown.add(message);
    // A notification: `window.showErrorMessage` would send a request the client may not answer.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  }
}

function sameRange(a: LspDiagnostic["range"], b: LspDiagnostic["range"]): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
