// What an LMS's bulk download says in a file's path: under whose name it
// was handed in, and how it orders that person's files.
//
// Moodle, assignment "Download all submissions" (Moodle 3.1 on: one folder
// per student and plugin; before, or with folders turned off, the same
// prefix on each file name):
//   Full Name_12345_assignsubmission_file_/sheet.pdf
//   Full Name_12345_assignsubmission_file_sheet.pdf
// The name is the user's full name with `_` made a space (a team's group
// name and `-` before it), or "Participant" under blind marking; 12345 is
// Moodle's participant id for that assignment, not the user's id.
//
// Canvas, "Download Submissions" (lib/content_zipper.rb):
//   smithjohn_12345_67890_sheet.pdf       smithjohn_LATE_12345_67890_sheet.pdf
//   anon_Xy12z_67890_sheet.pdf             (anonymous grading)
// The name is the sortable name ("Smith, John") lower-cased with every
// character but letters, digits and `_` removed; LATE marks a late
// submission (older Canvas wrote `late`); 12345 is the user's Canvas id,
// 67890 the file's id, larger for a file uploaded later.

export interface LmsOrigin {
  lms: 'moodle' | 'canvas' | null;
  /** The person's name as the LMS wrote it (null: none, as under anonymous grading). */
  name: string | null;
  /** The LMS's number for the person (Moodle's participant id, Canvas's user id). */
  lmsId: string | null;
  /** What the path is filed under, for a message: Moodle's folder, Canvas's file name, else the folder path. */
  filedUnder: string;
  /** Canvas: the file's id (uploaded later, larger). */
  attachment: bigint | null;
  /** Canvas: handed in after the due date. */
  late: boolean;
  /** The names along the path (folders and the file's name without its extension), to match student ids. */
  segments: readonly string[];
}

const MOODLE_FOLDER = /^(.*)_(\d+)_assignsubmission_[a-z0-9]+_$/;
const MOODLE_FILE = /^(.*)_(\d+)_assignsubmission_[a-z0-9]+_./;
const CANVAS_FILE = /^(?:(.+?)_)?(?:(LATE|late)_)?(\d+|anon_[A-Za-z0-9]+)_(\d+)_./;

export function lmsOrigin(path: string): LmsOrigin {
  const parts = path.split('/');
  const file = parts.at(-1)!;
  const segments = [...parts.slice(0, -1), file.replace(/\.[^.]*$/, '')];
  const plain: LmsOrigin = {
    lms: null,
    name: null,
    lmsId: null,
    filedUnder: parts.length > 1 ? parts.slice(0, -1).join('/') : file,
    attachment: null,
    late: false,
    segments,
  };
  for (let at = parts.length - 2; at >= 0; at--) {
    const folder = MOODLE_FOLDER.exec(parts[at]!);
    if (folder) return { ...plain, lms: 'moodle', name: folder[1]!, lmsId: folder[2]!, filedUnder: parts[at]! };
  }
  const flat = MOODLE_FILE.exec(file);
  if (flat) return { ...plain, lms: 'moodle', name: flat[1]!, lmsId: flat[2]!, filedUnder: file };
  const canvas = CANVAS_FILE.exec(file);
  if (canvas) {
    // "LATE_anon_…": no name, and the first group took the marker.
    const lateFirst = canvas[1] === 'LATE' || canvas[1] === 'late';
    const user = canvas[3]!;
    return {
      ...plain,
      lms: 'canvas',
      name: lateFirst ? null : (canvas[1] ?? null),
      lmsId: user.startsWith('anon_') ? null : user,
      filedUnder: file,
      attachment: BigInt(canvas[4]!),
      late: lateFirst || canvas[2] !== undefined,
    };
  }
  return plain;
}

/**
 * A name as letters and digits only, lower-cased: how Canvas writes it, and
 * what is left of Moodle's after its cleaning. Compared so, "Smith, John",
 * "smithjohn" and "Smith_John" are one name.
 */
export function squashedName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The forms a roster name may take in an LMS's file names: its words in every rotation (First Last, Last First), squashed. */
export function lmsNameForms(name: string): string[] {
  const words = name.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.map((_, i) => [...words.slice(i), ...words.slice(0, i)].join(''));
}

/** The forms of a Moodle or Canvas name to look up: itself, and for a team submission (Moodle) what follows each "-". */
export function namesToTry(origin: LmsOrigin): string[] {
  if (!origin.name) return [];
  const tries = [squashedName(origin.name)];
  if (origin.lms === 'moodle') {
    const dashes = [...origin.name.matchAll(/-/g)].map((m) => m.index);
    for (const dash of dashes) tries.push(squashedName(origin.name.slice(dash + 1)));
  }
  return tries.filter(Boolean);
}
