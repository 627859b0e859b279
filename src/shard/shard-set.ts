import { ProblemList } from '../bank/errors.js';
import { type FoundShard, type ShardCommand, SHARD_COMMANDS } from './shard-manifest.js';

/** The run's words for a field of `run` that differs, for a message. */
const RUN_FIELDS: Readonly<Record<string, string>> = {
  bank: 'bank (or its --seed, --locale, --digits)',
  roster: 'roster (or --count)',
  set: 'set',
  documents: '--format',
  templates: '--templates',
  math: 'math mode',
  date: 'document date (SOURCE_DATE_EPOCH)',
  variants: 'variants file',
  submissions: 'submissions file',
  settings: 'grading options (--locale, --ecf-credit, --misconception-credit, --missing-as-zero)',
};

const signature = (shard: FoundShard) => JSON.stringify([shard.manifest.shard.count, shard.manifest.run]);

/**
 * The shards of each command, each command's checked to be one whole run: the
 * same count and run (inputs, settings) in every shard, every index from 1 to n
 * exactly once. Every problem is named at once: a missing shard, one found
 * twice, one of another run (told from the shards most of them agree with).
 */
export function wholeRuns(found: readonly FoundShard[]): Map<ShardCommand, FoundShard[]> {
  const problems = new ProblemList();
  const runs = new Map<ShardCommand, FoundShard[]>();
  for (const command of SHARD_COMMANDS) {
    const shards = found.filter((shard) => shard.manifest.command === command);
    if (shards.length === 0) continue;
    // The run most shards agree on is the run; the others are foreign to it.
    const votes = new Map<string, FoundShard[]>();
    for (const shard of shards) votes.set(signature(shard), [...(votes.get(signature(shard)) ?? []), shard]);
    const [members] = [...votes.values()].sort((a, b) => b.length - a.length);
    const reference = members![0]!;
    for (const shard of shards) {
      if (members!.includes(shard)) continue;
      problems.add({ file: shard.folder }, `${shard.label} is not of the run of ${reference.label}: ${difference(shard, reference)}`);
    }
    const count = reference.manifest.shard.count;
    const byIndex = new Map<number, FoundShard[]>();
    for (const shard of members!) byIndex.set(shard.manifest.shard.index, [...(byIndex.get(shard.manifest.shard.index) ?? []), shard]);
    for (let index = 1; index <= count; index++) {
      const at = byIndex.get(index) ?? [];
      if (at.length === 0) {
        const present = [...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`);
        problems.add({ file: reference.folder }, `${command} shard ${index}/${count} is missing: no folder given holds it (found ${present.join(', ')})`);
      }
      if (at.length > 1) problems.add({ file: at[1]!.folder }, `${command} shard ${index}/${count} is given more than once: ${at.map((s) => s.folder).join(' and ')}`);
    }
    runs.set(command, [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, at]) => at[0]!));
  }
  problems.throwIfAny();
  return runs;
}

/** How a shard's run differs from the reference's, in words. */
function difference(shard: FoundShard, reference: FoundShard): string {
  const [mine, theirs] = [shard.manifest, reference.manifest];
  if (mine.shard.count !== theirs.shard.count) return `it is one of ${mine.shard.count} shards, not ${theirs.shard.count}`;
  const fields = [...new Set([...Object.keys(mine.run), ...Object.keys(theirs.run)])].filter(
    (field) => JSON.stringify(mine.run[field]) !== JSON.stringify(theirs.run[field]),
  );
  return `it was made from another ${fields.map((field) => RUN_FIELDS[field] ?? field).join(', another ')}`;
}
