import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/bank/errors.js';
import { loadRoster, numberedStudents, unsafeFileName } from '../../src/bank/roster.js';
import { tempDir } from '../cli/run-cli.js';

function roster(text: string) {
  const file = join(tempDir(), 'roster.csv');
  writeFileSync(file, text);
  return { file, load: () => loadRoster(file) };
}

describe('rosters', () => {
  it('reads a BOM, CRLF, quoted names and extra columns', () => {
    const { load } = roster('\uFEFFemail,student_id,name,phone\r\na@x,s1,"Popescu, Ana",1\r\nb@x,s2,,2\r\n\r\n');
    expect(load()).toEqual([
      { id: 's1', name: 'Popescu, Ana', email: 'a@x' },
      { id: 's2', name: '', email: 'b@x' },
    ]);
  });

  it('needs a student_id column', () => {
    const { file, load } = roster('id,name\ns1,A\n');
    expect(load).toThrow(InputError);
    expect(load).toThrow(`${file}:1: header: expected a student_id column (read with "," and with ";" as the delimiter), got "id,name"`);
  });

  it('reads a roster separated by ";" (Excel in a decimal-comma locale), names with commas and all', () => {
    const { load } = roster('\uFEFF"student_id";"name";"email"\r\ns1;Popescu, Ana;a@x\r\n\r\ns2;"Ionescu; Dan";\r\n');
    expect(load()).toEqual([
      { id: 's1', name: 'Popescu, Ana', email: 'a@x' },
      { id: 's2', name: 'Ionescu; Dan' },
    ]);
    const { file, load: loadTabs } = roster('\n\nstudent_id\tname\ns1\tA\n');
    expect(loadTabs).toThrow(`${file}:3: header: expected a student_id column (read with "," and with ";" as the delimiter), got "student_id\\tname"`);
  });

  it('names the line of every id that cannot be a file name or repeats', () => {
    const { file, load } = roster('student_id\nok\n..\n/etc/x\na\\b\nok\n');
    const message = (() => {
      try {
        load();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain(`${file}:3: student_id: student id ".." names a folder`);
    expect(message).toContain(`${file}:4: student_id: student id "/etc/x" contains / or \\`);
    expect(message).toContain(`${file}:5: student_id: student id "a\\\\b" contains / or \\`);
    expect(message).toContain(`${file}:6: student_id: duplicate student id "ok" (first on line 2)`);
  });

  it('reads the LMS identity columns (idnumber, email, username) and refuses one given to two students', () => {
    const { load } = roster('student_id,name,IDNumber,Email,username\ns1,A,1001,A@X.ro,ana\ns2,B,,,\n');
    expect(load()).toEqual([
      { id: 's1', name: 'A', idnumber: '1001', email: 'A@X.ro', username: 'ana' },
      { id: 's2', name: 'B' },
    ]);
    const { file, load: twice } = roster('student_id,email,idnumber\ns1,a@x.ro,7\ns2,A@X.ro,8\ns3,c@x.ro,7\n');
    expect(twice).toThrow(`${file}:3: email: duplicate email "A@X.ro" (first on line 2)\n${file}:4: idnumber: duplicate idnumber "7" (first on line 2)`);
  });

  it('says in words why a roster cannot be read', () => {
    const dir = tempDir();
    expect(() => loadRoster(join(dir, 'none.csv'))).toThrow(`${join(dir, 'none.csv')}: cannot read the file: no such file`);
    expect(() => loadRoster(dir)).toThrow(`${dir}: cannot read the file: it is a folder, not a file`);
  });

  it('judges file names as the contract says', () => {
    expect(unsafeFileName('s001')).toBeNull();
    expect(unsafeFileName('Ana Popescu')).toBeNull();
    for (const bad of ['', '.', '..', 'a/b', 'a\\b', 'a\0b']) expect(unsafeFileName(bad)).not.toBeNull();
  });

  it('numbers students for --count with at least three digits', () => {
    expect(numberedStudents(2).map((s) => s.id)).toEqual(['s001', 's002']);
    expect(numberedStudents(1000)[999]!.id).toBe('s1000');
  });
});
