/** Where in an input file a problem was found. */
export interface Place {
  file: string;
  line?: number | undefined;
  field?: string | undefined;
}

/**
 * A bad input file (bank, roster, given, submissions): the CLI prints the
 * message and exits 1. Message form: `file:line: field: what was expected, got what`.
 */
export class InputError extends Error {
  readonly problems: readonly { place: Place; message: string }[];

  constructor(problems: readonly { place: Place; message: string }[]) {
    // The problems ride as `cause` too: a worker thread's error reaches the main thread as a plain Error with its cause.
    super(problems.map((p) => `${describePlace(p.place)}${p.message}`).join('\n'), { cause: problems });
    this.name = 'InputError';
    this.problems = problems;
  }

  /** An InputError again, from the copy of one that a worker thread threw; any other error as it is. */
  static revived(error: unknown): unknown {
    if (error instanceof InputError || !(error instanceof Error) || !Array.isArray(error.cause)) return error;
    const problems = error.cause as { place?: Place; message?: unknown }[];
    const wellFormed = problems.every((p) => typeof p.place?.file === 'string' && typeof p.message === 'string');
    return wellFormed ? new InputError(problems as { place: Place; message: string }[]) : error;
  }

  static at(place: Place, message: string): InputError {
    return new InputError([{ place, message }]);
  }

  /** A file that could not be opened or read, said in words (`no such file`), not as an errno code. */
  static unreadable(file: string, error: unknown): InputError {
    const code = (error as NodeJS.ErrnoException).code;
    // Node's own words for a rarer code: `EBUSY: resource busy or locked, open 'x'` up to the comma.
    const why = (code && READ_FAILURES[code]) ?? (error instanceof Error ? error.message.split(',')[0] : String(error));
    return InputError.at({ file }, `cannot read the file: ${why}`);
  }
}

/** What the errno codes of a failed read mean, for a person. */
const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a folder on its path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'too many symbolic links on its path',
  ENAMETOOLONG: 'its name is too long',
  EMFILE: 'too many files open at once',
  EIO: 'the disk could not be read',
};

export function describePlace({ file, line, field }: Place): string {
  return `${file}${line !== undefined ? `:${line}` : ''}: ${field ? `${field}: ` : ''}`;
}

/** Collects problems so that one run reports all of them, not just the first. */
export class ProblemList {
  private readonly problems: { place: Place; message: string }[] = [];

  add(place: Place, message: string): void {
    this.problems.push({ place, message });
  }

  get count(): number {
    return this.problems.length;
  }

  /** Throws them all, in the order of their lines (file-wide ones first), as a person reads the file. */
  throwIfAny(): void {
    if (this.problems.length === 0) return;
    const lineOf = (p: { place: Place }) => p.place.line ?? 0;
    throw new InputError([...this.problems].sort((a, b) => lineOf(a) - lineOf(b)));
  }
}
