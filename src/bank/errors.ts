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
    super(problems.map((p) => `${describePlace(p.place)}${p.message}`).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }

  static at(place: Place, message: string): InputError {
    return new InputError([{ place, message }]);
  }
}

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

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InputError(this.problems);
  }
}
