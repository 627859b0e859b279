// One student's share of the class report's counts, as a line of JSON: the
// merge adds the students' shares in the order a single run finishes them,
// which gives that run's tally to the last bit (its float sums included).
// JSON keeps a float exactly (shortest round-trip form); typed arrays go as arrays.
import type { TallyData } from '../grade/report.js';
import type { PartScoresData } from '../grade/part-scores.js';

/** TallyData with plain arrays for typed ones; problemScores left out (merge() rebuilds it from the fractions). */
export type TallyJson = Omit<TallyData, 'partScores' | 'problemScores'> & {
  partScores: { [K in keyof PartScoresData]: K extends 'columns' ? PartScoresData[K] : number[] };
};

export function tallyToJson(data: TallyData): TallyJson {
  const { partScores: p, problemScores: _sums, ...rest } = data;
  return {
    ...rest,
    partScores: {
      columns: p.columns,
      rowStarts: Array.from(p.rowStarts),
      cellColumns: Array.from(p.cellColumns),
      cellShares: Array.from(p.cellShares),
      cellPoints: Array.from(p.cellPoints),
      cellVerdicts: Array.from(p.cellVerdicts),
      submitted: Array.from(p.submitted),
    },
  };
}

export function tallyFromJson(json: TallyJson): TallyData {
  const p = json.partScores;
  return {
    ...json,
    problemScores: [],
    partScores: {
      columns: p.columns,
      rowStarts: Int32Array.from(p.rowStarts),
      cellColumns: Int32Array.from(p.cellColumns),
      cellShares: Float64Array.from(p.cellShares),
      cellPoints: Float64Array.from(p.cellPoints),
      cellVerdicts: Uint8Array.from(p.cellVerdicts),
      submitted: Uint8Array.from(p.submitted),
    },
  };
}
