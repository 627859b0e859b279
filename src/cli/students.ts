import { DEMO_STUDENT, type Student, loadRoster, numberedStudents } from '../bank/roster.js';

/** The students a command works for: --roster, --count or the single demo student. */
export function chooseStudents(options: { roster?: string | undefined; count?: number | undefined }): Student[] {
  if (options.roster) return loadRoster(options.roster);
  if (options.count !== undefined) return numberedStudents(options.count);
  return [DEMO_STUDENT];
}
