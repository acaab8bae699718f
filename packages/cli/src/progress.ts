import type { OutStream } from './command.ts'

export interface Progress {
  /** Adds `n` to the count done. */
  advance(n?: number): void
  /** Sets the count done. */
  update(done: number): void
  /** Ends the bar (TTY) or writes a last plain line. */
  finish(summary?: string): void
}

export interface ProgressOptions {
  /** The count expected, when known: a bar and a percentage. */
  readonly total?: number | undefined
  readonly unit?: string
  /** Plain (non-TTY) mode writes a line at most this often. */
  readonly intervalMs?: number
  readonly now?: () => number
}

const BAR_WIDTH = 24

/**
 * Progress on long work, on stderr: a live bar redrawn in place when stderr is a
 * terminal, else a plain line every few seconds (logs and pipes stay readable).
 */
export function startProgress(stream: OutStream, label: string, options: ProgressOptions = {}): Progress {
  const tty = stream.isTTY === true
  const now = options.now ?? Date.now
  const interval = options.intervalMs ?? (tty ? 100 : 2000)
  const unit = options.unit ?? 'rows'
  const total = options.total
  let done = 0
  let lastDraw = now()
  let drawn = false

  const describe = () => {
    if (total === undefined || total <= 0) return `${label}: ${String(done)} ${unit}`
    const ratio = Math.min(1, done / total)
    const percent = `${String(Math.floor(ratio * 100)).padStart(3)}%`
    if (!tty) return `${label}: ${String(done)}/${String(total)} ${unit} (${percent.trim()})`
    const filled = Math.round(ratio * BAR_WIDTH)
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent} ${String(done)}/${String(total)} ${unit}`
  }
  const draw = () => {
    lastDraw = now()
    drawn = true
    if (tty) stream.write(`\r${describe()}\x1b[K`)
    else stream.write(`${describe()}\n`)
  }
  const maybeDraw = () => {
    if (now() - lastDraw >= interval) draw()
  }
  if (tty) draw()
  return {
    advance(n = 1) {
      done += n
      maybeDraw()
    },
    update(value) {
      done = value
      maybeDraw()
    },
    finish(summary) {
      if (tty) {
        if (drawn) stream.write(`\r${describe()}\x1b[K\n`)
        if (summary) stream.write(`${summary}\n`)
      } else {
        stream.write(`${summary ?? describe()}\n`)
      }
    },
  }
}
