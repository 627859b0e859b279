import { describe, expect, it } from 'vitest';
import { lmsNameForms, lmsOrigin, squashedName } from '../../src/grade/sources/lms-names.js';
import { Submitters } from '../../src/grade/sources/sheet-owners.js';

describe("an LMS's file names", () => {
  it("reads Moodle's folder per student (3.1 on), its flat names (before), team and blind-marking prefixes", () => {
    expect(lmsOrigin('Jane Doe_12345_assignsubmission_file_/sheet.pdf')).toMatchObject({
      lms: 'moodle',
      name: 'Jane Doe',
      lmsId: '12345',
      filedUnder: 'Jane Doe_12345_assignsubmission_file_',
    });
    expect(lmsOrigin('week1/Jane Doe_12345_assignsubmission_file_/sub/sheet.pdf')).toMatchObject({ lms: 'moodle', name: 'Jane Doe' });
    expect(lmsOrigin('Jane Doe_12345_assignsubmission_file_sheet.pdf')).toMatchObject({ lms: 'moodle', name: 'Jane Doe', lmsId: '12345' });
    expect(lmsOrigin('Team A-Jane Doe_7_assignsubmission_file_/s.pdf')).toMatchObject({ name: 'Team A-Jane Doe' });
    expect(lmsOrigin('Participant_4242_assignsubmission_file_/s.pdf')).toMatchObject({ lms: 'moodle', name: 'Participant', lmsId: '4242' });
  });

  it("reads Canvas's names: user id, file id, the LATE mark (late in older Canvas), anonymous grading", () => {
    expect(lmsOrigin('doejane_12345_67890_sheet.pdf')).toMatchObject({ lms: 'canvas', name: 'doejane', lmsId: '12345', attachment: 67890n, late: false });
    expect(lmsOrigin('doejane_LATE_12345_67891_sheet_v2.pdf')).toMatchObject({ name: 'doejane', lmsId: '12345', attachment: 67891n, late: true });
    expect(lmsOrigin('doejane_late_12345_67891_sheet.pdf')).toMatchObject({ late: true });
    expect(lmsOrigin('o_brien_jr_pat_5_21070000000000632_x.pdf')).toMatchObject({ name: 'o_brien_jr_pat', lmsId: '5', attachment: 21070000000000632n });
    expect(lmsOrigin('anon_Xy12z_67890_sheet.pdf')).toMatchObject({ lms: 'canvas', name: null, lmsId: null, attachment: 67890n });
    expect(lmsOrigin('LATE_anon_Xy12z_67890_sheet.pdf')).toMatchObject({ name: null, late: true });
  });

  it('reads any other path as a plain folder: its names are what may name a student', () => {
    expect(lmsOrigin('week1/s001/sheet.pdf')).toMatchObject({ lms: null, filedUnder: 'week1/s001', segments: ['week1', 's001', 'sheet'] });
    expect(lmsOrigin('s002.pdf')).toMatchObject({ lms: null, filedUnder: 's002.pdf', segments: ['s002'] });
  });

  it('compares names as Canvas writes them, in either order', () => {
    expect(squashedName('Doe, Jane')).toBe('doejane');
    expect(lmsNameForms('Jane Doe')).toEqual(['janedoe', 'doejane']);
    expect(lmsNameForms('Carla Díaz')).toContain(squashedName('Díaz, Carla'));
  });
});

describe('who handed a file in', () => {
  const owners = new Map([
    ['s001', { name: 'Jane Doe', sheetId: 'A' }],
    ['s002', { name: 'Sam Lee', sheetId: 'B' }],
    ['s003', { name: 'Sam Lee', sheetId: 'C' }],
    ['5001', { name: 'Ana Pop', sheetId: 'D' }],
  ]);
  const submitters = new Submitters(owners);

  it('finds a student by a folder named by their id, the LMS id, or an unambiguous name', () => {
    expect(submitters.of(lmsOrigin('s002/sheet.pdf'))).toBe('s002');
    expect(submitters.of(lmsOrigin('pop_ana_5001_9_sheet.pdf'))).toBe('5001');
    expect(submitters.of(lmsOrigin('Jane Doe_1_assignsubmission_file_/x.pdf'))).toBe('s001');
    expect(submitters.of(lmsOrigin('doejane_77_9_x.pdf'))).toBe('s001');
    expect(submitters.of(lmsOrigin('Group 1-Jane Doe_1_assignsubmission_file_/x.pdf'))).toBe('s001');
  });

  it('names no one when two students share the name, or under blind marking', () => {
    expect(submitters.of(lmsOrigin('Sam Lee_2_assignsubmission_file_/x.pdf'))).toBeNull();
    expect(submitters.of(lmsOrigin('Participant_2_assignsubmission_file_/x.pdf'))).toBeNull();
    expect(submitters.of(lmsOrigin('anon_Xy12z_9_x.pdf'))).toBeNull();
  });
});
