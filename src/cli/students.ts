import { DEMO_STUDENT, type StudentList, countedStudents, loadRoster } from '../bank/roster.js';

/** The students a command works for: --roster, --count (made as they are reached) or the single demo student. */
export function chooseStudents(options: { roster?: string | undefined; count?: number | undefined }): StudentList {
  if (options.roster) return loadRoster(options.roster);
  if (options.count !== undefined) return countedStudents(options.count);
  return [DEMO_STUDENT];
}
