import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/bank/errors.js';
import { gradeClass } from '../../src/grade/grade-class.js';
import { SAMPLE_EVERY } from '../../src/grade/check-keys.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { variantLine } from '../../src/variant/record.js';
import { runCli } from '../cli/run-cli.js';
import { answerRows, keyAnswers, longCsv, tempDir, variant } from './fixtures.js';

// Students s1…sN, one sigmoid-bce-step each, every one submitting the exact key.
function classOf(count: number) {
  return Array.from({ length: count }, (_, i) =>
    variant({
      student: `s${i + 1}`,
      family: 'sigmoid-bce-step',
      given: { x: ['0.7', String((i % 7) - 3)], w: ['0.25', '-0.4'], b: '0.1', y: String(i % 2), lr: '0.1' },
    }),
  );
}

/** Writes the records (after `edit` changes some) and everyone's right answers; grades them. */
async function gradeEdited(
  count: number,
  edit: (records: VariantRecord[]) => void,
  options: { workers?: number; keyCheck?: 'off' | 'screen' | 'full' } = {},
) {
  const made = classOf(count);
  const records = made.map(({ record }) => structuredClone(record));
  edit(records);
  const dir = tempDir();
  writeFileSync(join(dir, 'variants.jsonl'), records.map(variantLine).join(''));
  const rows = made.flatMap(({ record, solution }) => answerRows(keyAnswers(solution), record.student));
  writeFileSync(join(dir, 'submissions.csv'), longCsv(rows));
  const run = gradeClass({
    variants: join(dir, 'variants.jsonl'),
    submissions: join(dir, 'submissions.csv'),
    out: join(dir, 'out'),
    ...options,
  });
  return { dir, run };
}

/** The message of the InputError a run rejects with. */
async function refusal(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

const answersOf = (record: VariantRecord) => record.answers as Record<string, string | string[]>;

/** Changes the 20th significant digit of a part's key: beyond what floats pin, far beyond any tolerance. */
function nudge(record: VariantRecord, part: string) {
  const answers = answersOf(record);
  const key = answers[part] as string;
  const at = key.search(/[1-9]/) + 20;
  answers[part] = key.slice(0, at) + (key[at] === '5' ? '6' : '5') + key.slice(at + 1);
}

describe('the key check', () => {
  it('refuses a key edited by hand, naming the file, line, part, stored and recomputed value', async () => {
    const { dir, run } = await gradeEdited(3, (records) => {
      answersOf(records[0]!).z = '123.5';
    });
    const message = await refusal(run);
    // z = 0.25·0.7 − 0.4·(−3) + 0.1
    expect(message).toContain(
      `${join(dir, 'variants.jsonl')}:1: answers.z: the stored key 123.5 does not follow from the record's givens, which give 1.475`,
    );
    expect(message).toContain('1 variant(s) whose answers do not follow from their givens');
    expect(message).toContain('--trust-keys');
    // Nothing is written: the folder of the grades is not left behind.
    expect(existsSync(join(dir, 'out', 'details.csv'))).toBe(false);
  });

  it('refuses a record whose given was changed, on a line the float screen checks, listing the parts it moves', async () => {
    const { run } = await gradeEdited(4, (records) => {
      (records[2]!.given as Record<string, string>).b = '0.35';
    });
    const message = await refusal(run);
    // z = 0.175 + 0.4 + b: 0.675 as drawn, 0.925 with the changed b.
    expect(message).toMatch(
      /variants\.jsonl:3: answers\.z: the stored key 0\.675 does not follow from the record's givens, which give 0\.925 \(and 9 more part\(s\): yhat, loss, dz, dw\[1\], dw\[2\], …\)/,
    );
  });

  it('names the first faulty records in line order, the same for one thread or three', async () => {
    const edit = (records: VariantRecord[]) => {
      for (const at of [5, 40, 77]) (answersOf(records[at]!).dw as string[])[1] = '-9';
    };
    const one = await refusal((await gradeEdited(90, edit, { workers: 1 })).run);
    const three = await refusal((await gradeEdited(90, edit, { workers: 3 })).run);
    const lines = (message: string) => [...message.matchAll(/variants\.jsonl:(\d+): answers\.dw\[2\]: the stored key -9 /g)].map((m) => m[1]);
    expect(lines(one)).toEqual(['6', '41', '78']);
    expect(lines(three)).toEqual(lines(one));
    expect(one).toContain('3 variant(s) whose answers do not follow');
  });

  it('tolerates a change in the last of the 40 stored digits (agreement to a relative 1e-25, not the same text)', async () => {
    const { run } = await gradeEdited(2, (records) => {
      const answers = answersOf(records[0]!);
      const yhat = answers.yhat as string;
      answers.yhat = yhat.slice(0, -1) + (yhat.endsWith('1') ? '2' : '1');
    });
    const summary = await run;
    expect(summary.keysChecked).toEqual({ screened: 1, resolved: 1 });
  });

  it('re-solves one line in SAMPLE_EVERY exactly: a change past the float screen’s digits is refused there and let through elsewhere', async () => {
    const sampled = SAMPLE_EVERY + 1;
    const refused = await refusal((await gradeEdited(sampled, (records) => nudge(records[sampled - 1]!, 'loss'))).run);
    expect(refused).toContain(`variants.jsonl:${sampled}: answers.loss: the stored key`);
    const passed = await (await gradeEdited(sampled, (records) => nudge(records[1]!, 'loss'))).run;
    expect(passed.keysChecked).toEqual({ screened: sampled - 2, resolved: 2 });
    // Re-solving every record (the bench's comparison) finds it anywhere.
    const full = await refusal((await gradeEdited(3, (records) => nudge(records[1]!, 'loss'), { keyCheck: 'full' })).run);
    expect(full).toContain('variants.jsonl:2: answers.loss: the stored key');
  });

  it('grades against the stored key with --trust-keys, and says so', async () => {
    const { dir, run } = await gradeEdited(2, (records) => {
      answersOf(records[0]!).z = '123.5';
    }, { keyCheck: 'off' });
    const summary = await run;
    expect(summary.keysChecked).toBeNull();
    expect(summary.notes.some((note) => note.includes('were not checked against their givens (--trust-keys)'))).toBe(true);
    // The right student loses the part to the edited key: what the check is for.
    expect(readFileSync(join(dir, 'out', 'details.csv'), 'utf8')).toMatch(/\ns1,q1,z,1\.475,123\.5,0,[\d.]+,incorrect,/);
  });

  it('re-solves and notes the records of another misconception catalogue, or of none', async () => {
    const { run } = await gradeEdited(3, (records) => {
      records[1]!.catalogue = 'sigmoid-bce-step/0';
      delete records[2]!.catalogue;
    });
    const summary = await run;
    expect(summary.keysChecked).toEqual({ screened: 0, resolved: 3 });
    expect(summary.notes).toContain(
      '1 variant(s) were generated with misconception catalogue sigmoid-bce-step/0; grading uses sigmoid-bce-step/1: their keys were re-solved from their givens and agree',
    );
    expect(summary.notes).toContain(
      '1 variant(s) carry no misconception catalogue version (written by an older sigmax; grading uses sigmoid-bce-step/1): their keys were re-solved from their givens and agree',
    );
    // Re-solved exactly: a change the float screen lets through is refused on such a line.
    const refused = await refusal(
      (
        await gradeEdited(3, (records) => {
          records[1]!.catalogue = 'sigmoid-bce-step/0';
          nudge(records[1]!, 'db');
        })
      ).run,
    );
    expect(refused).toContain('variants.jsonl:2: answers.db: the stored key');
  });

  it('names a record of an unknown family with the families it knows', async () => {
    const { run } = await gradeEdited(2, (records) => {
      records[1]!.family = 'sigmoid-bce-stepp';
    });
    const message = await refusal(run);
    expect(message).toContain(
      'variants.jsonl:2: family: unknown family "sigmoid-bce-stepp" (did you mean "sigmoid-bce-step"?); this sigmax grades sigmoid-bce-step, sigmoid-bce-batch,',
    );
    expect(message).toContain('(a record written by a newer sigmax needs that version)');
  });

  it('names a given that is not a number', async () => {
    const { run } = await gradeEdited(2, (records) => {
      (records[1]!.given as Record<string, string[]>).x = ['0.7', 'three'];
    });
    expect(await refusal(run)).toContain('variants.jsonl:2: given.x[2]: expected a decimal number as a string, got "three"');
  });

  it('re-works the carried-rounding bands and refuses one changed by hand', async () => {
    const made = variant({
      family: 'sigmoid-bce-step',
      given: { x: ['0.7', '-1.3'], w: ['0.25', '-0.4'], b: '0.1', y: '1', lr: '0.1' },
      tolerance: { carried_rounding: 3 },
    });
    const record = structuredClone(made.record);
    (record.bands as Record<string, string>).loss = '0.5';
    const dir = tempDir();
    writeFileSync(join(dir, 'variants.jsonl'), variantLine(record));
    writeFileSync(join(dir, 'submissions.csv'), longCsv(answerRows(keyAnswers(made.solution))));
    const message = await refusal(gradeClass({ variants: join(dir, 'variants.jsonl'), submissions: join(dir, 'submissions.csv'), out: join(dir, 'out') }));
    expect(message).toContain(`variants.jsonl:1: bands.loss: the stored carried-rounding band 0.5 does not follow from the givens, which give ${made.record.bands!.loss}`);
  });
});

describe('sigmax grade and an edited key', () => {
  it('exits 1 with the message, and 0 with --trust-keys', () => {
    const dir = tempDir();
    expect(runCli(['generate', '--count', '2', '--format', 'json', '--out', dir]).status).toBe(0);
    const lines = readFileSync(join(dir, 'variants.jsonl'), 'utf8').split('\n');
    lines[0] = lines[0]!.replace(/"z":"[^"]*"/, '"z":"123.5"');
    writeFileSync(join(dir, 'variants.jsonl'), lines.join('\n'));
    const args = ['grade', '--variants', join(dir, 'variants.jsonl'), '--submissions', join(dir, 'answer-sheet.csv'), '--out', join(dir, 'o')];
    const refused = runCli(args);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/variants\.jsonl:1: answers\.z: the stored key 123\.5 does not follow from the record's givens, which give -?\d/);
    const trusted = runCli([...args, '--trust-keys']);
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(trusted.stderr).toContain('were not checked against their givens (--trust-keys)');
  });
});
