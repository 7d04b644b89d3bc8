// Reads the JSON entries of a classic `docker build` stream (as followProgress hands them
// over) into progress: the current "Step N/M : INSTRUCTION", a 0..1 fraction, the last
// lines of output, and the error if the build failed. Pure: no I/O.

export interface BuildStreamEntry {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: { ID?: string };
}

export interface BuildStep {
  n: number;
  total: number;
  /** The Dockerfile instruction, e.g. "RUN apt-get update ...". */
  instruction: string;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const TAIL = 20;

export class BuildProgress {
  step: BuildStep | null = null;
  error: string | null = null;
  imageId: string | null = null;
  private lines: string[] = [];
  private partial = '';

  /** Feeds one entry; returns true when the step (hence the progress) changed. */
  push(entry: BuildStreamEntry): boolean {
    let changed = false;
    if (entry.aux?.ID) this.imageId = entry.aux.ID;
    if (typeof entry.stream === 'string') changed = this.text(entry.stream);
    else if (typeof entry.status === 'string') this.text(entry.status + '\n');
    if (entry.error || entry.errorDetail) {
      this.flush();
      this.error = entry.errorDetail?.message || entry.error || 'build failed';
      this.remember(this.error);
    }
    return changed;
  }

  /** Progress 0..1: steps finished over steps in all (the current step counts as started). */
  get progress(): number {
    if (!this.step) return 0;
    return Math.min(1, Math.max(0, (this.step.n - 1) / this.step.total));
  }

  /** The last lines of output (at most 20), oldest first. */
  tail(): string[] {
    return this.partial ? [...this.lines, this.partial].slice(-TAIL) : [...this.lines];
  }

  /** The instruction that was running when the build failed (or the last one seen). */
  failingStep(): string {
    return this.step ? this.step.instruction : 'before the first step';
  }

  private text(s: string): boolean {
    let changed = false;
    const parts = (this.partial + s).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) changed = this.line(line) || changed;
    // Docker sends a step header without its newline (the newline follows in the next
    // entry): take the step at once, and again when its line is complete.
    const m = STEP.exec(this.partial.trim());
    if (m) changed = this.setStep(m) || changed;
    return changed;
  }

  private setStep(m: RegExpExecArray): boolean {
    const next = { n: Number(m[1]), total: Number(m[2]), instruction: m[3] };
    const prev = this.step;
    this.step = next;
    return !prev || prev.n !== next.n || prev.total !== next.total || prev.instruction !== next.instruction;
  }

  private flush(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  private line(raw: string): boolean {
    const line = raw.replace(/\r/g, '').trimEnd();
    if (!line.trim()) return false;
    this.remember(line);
    const m = STEP.exec(line.trim());
    return m ? this.setStep(m) : false;
  }

  private remember(line: string): void {
    this.lines.push(line);
    if (this.lines.length > TAIL) this.lines.splice(0, this.lines.length - TAIL);
  }
}

/** Shortens an instruction for a one-line message. */
export function shortStep(instruction: string, max = 120): string {
  const one = instruction.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}
