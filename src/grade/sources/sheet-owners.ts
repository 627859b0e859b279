// Who each sheet belongs to, from variants.jsonl: every student's name and
// sheet id (sheetIdOf their records, as generate printed it), and who an
// LMS filed a file under, from its path.
import { type SheetIdSource, sheetIdOf } from '../../variant/sheet-id.js';
import { jsonLines } from '../json-lines.js';
import { type LmsOrigin, lmsNameForms, namesToTry } from './lms-names.js';

export interface SheetOwner {
  name: string;
  sheetId: string;
}

/** Every student's name and sheet id, read again from the variants file (already checked by loadVariants). */
export async function sheetOwners(variantsFile: string): Promise<Map<string, SheetOwner>> {
  const drawn = new Map<string, { name: string; records: SheetIdSource[] }>();
  for await (const { text } of jsonLines(variantsFile)) {
    const record = JSON.parse(text) as SheetIdSource & { name?: unknown };
    let student = drawn.get(record.student);
    if (!student) drawn.set(record.student, (student = { name: typeof record.name === 'string' ? record.name : '', records: [] }));
    student.records.push({ set: record.set, student: record.student, problem: record.problem, seed: record.seed, given: record.given });
  }
  return new Map([...drawn].map(([id, { name, records }]) => [id, { name, sheetId: sheetIdOf(records) }]));
}

/**
 * Finds the student an LMS filed a file under: a folder or file name that is
 * a student id, the LMS's number for the person when the roster uses it,
 * else the person's name, when exactly one student has it.
 */
export class Submitters {
  private readonly byName = new Map<string, string | null>();

  constructor(private readonly owners: ReadonlyMap<string, SheetOwner>) {
    for (const [id, { name }] of owners) {
      for (const form of new Set(lmsNameForms(name))) {
        // Two students of one name: the name tells neither.
        this.byName.set(form, this.byName.has(form) && this.byName.get(form) !== id ? null : id);
      }
    }
  }

  /** The student the path names, or null when it names none for sure. */
  of(origin: LmsOrigin): string | null {
    for (const segment of [...origin.segments].reverse()) if (this.owners.has(segment)) return segment;
    if (origin.lmsId !== null && this.owners.has(origin.lmsId)) return origin.lmsId;
    for (const name of namesToTry(origin)) {
      const found = this.byName.get(name);
      if (found) return found;
    }
    return null;
  }
}
