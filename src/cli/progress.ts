/**
 * "files done / total" on one stderr line, rewritten in place with `\r`, for runs that last: a
 * person at a terminal sees the run is alive, and nothing of it stays behind (the line is wiped
 * before anything else is written). It never writes to stdout, so reports piped from stdout
 * (JSON, SARIF) are untouched.
 */
export interface Progress {
  /** false when it will never show (not a terminal, --quiet, nothing to lint) */
  readonly active: boolean;
  /** `n` more files are done (by this thread or a worker) */
  advance(n?: number): void;
  /** write a message to stderr without tearing the progress line */
  stderr(s: string): void;
  /** wipe the line; later calls do nothing */
  done(): void;
}

export interface ProgressSettings {
  readonly total: number;
  readonly write: (s: string) => void;
  /** stderr is a terminal and the user did not ask for --quiet */
  readonly enabled: boolean;
  /** show it only once the run has lasted this long */
  readonly afterMs: number;
  /** when the run started (ms, same clock as `now`) */
  readonly startedAt: number;
  readonly now?: () => number;
}

/** How long a run must last before progress shows (issue 13: "when a run passes ~2 s"). */
export const PROGRESS_AFTER_MS = 2000;
/** Redraw at most this often: a terminal repaint per file would cost more than linting it. */
const REDRAW_MS = 100;

/** `EVIO_LINT_PROGRESS_AFTER_MS` moves the threshold (for tests, which cannot wait for a slow run). */
export function progressAfterMs(env: NodeJS.ProcessEnv): number {
  const raw = env["EVIO_LINT_PROGRESS_AFTER_MS"];
  const ms = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isFinite(ms) ? ms : PROGRESS_AFTER_MS;
}

export function startProgress(settings: ProgressSettings): Progress {
  const { total, write, enabled, afterMs, startedAt } = settings;
  const now = settings.now ?? Date.now;
  let done = 0;
  let shown = 0; // width of the line on screen; 0 when none is
  let drawnAt = -Infinity;
  let finished = false;
  const wipe = (): void => {
    if (shown > 0) write(`\r${" ".repeat(shown)}\r`);
    shown = 0;
  };
  const draw = (force: boolean): void => {
    const t = now();
    if (t - startedAt < afterMs || (!force && t - drawnAt < REDRAW_MS)) return;
    drawnAt = t;
    const line = `evio-lint: ${done}/${total} files`;
    write(`\r${line}${" ".repeat(Math.max(0, shown - line.length))}`);
    shown = Math.max(shown, line.length);
  };
  if (!enabled || total === 0) return { active: false, advance: () => {}, stderr: write, done: () => {} };
  return {
    active: true,
    advance(n = 1) {
      if (finished) return;
      done += n;
      draw(done === total);
    },
    stderr(s) {
      wipe();
      write(s);
    },
    done() {
      if (finished) return;
      finished = true;
      wipe();
    },
  };
}
