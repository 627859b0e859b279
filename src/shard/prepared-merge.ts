/** A merge checked and ready: every shard and piece read and verified, --out checked; write() writes. */
export interface PreparedMerge {
  write(): Promise<MergeOutcome>;
}

export interface MergeOutcome {
  /** What was written, for the summary line. */
  files: string[];
  /** Said to the user (a glyph a document could not draw, a note of the report). */
  warnings: string[];
  /** Files of an earlier run in --out that the merge removed (as generate or grade would have). */
  removed: string[];
  /** Files in --out no run recorded, left in place because of --force. */
  left: string[];
}
