// `sigmax merge`: the shards of a generate run, of a grade run, or of both,
// put together into what one machine would have written.
import { prepareGenerateMerge } from './merge-generate.js';
import { prepareGradeMerge } from './merge-grade.js';
import type { MergeOutcome } from './prepared-merge.js';
import { type ShardCommand, findShards } from './shard-manifest.js';
import { wholeRuns } from './shard-set.js';

export interface MergeSummary {
  /** Per command merged: how many shards, and what it wrote. */
  merged: { command: ShardCommand; shards: number; outcome: MergeOutcome }[];
}

/**
 * Finds the shards in `folders`, checks that each command's make one whole run
 * (refusing a missing, repeated or foreign shard, naming it) and that every piece
 * is as its shard wrote it, and only then writes into `out`: generate's merge
 * before grade's. `force` leaves files no run recorded in --out where they are.
 */
export async function mergeShards(folders: readonly string[], out: string, force: boolean): Promise<MergeSummary> {
  const runs = wholeRuns(findShards(folders));
  const prepared = [];
  for (const [command, shards] of runs) {
    const merge = command === 'generate' ? prepareGenerateMerge(shards, out, force) : await prepareGradeMerge(shards, out, force);
    prepared.push({ command, shards: shards.length, merge });
  }
  const merged: MergeSummary['merged'] = [];
  for (const { command, shards, merge } of prepared) merged.push({ command, shards, outcome: await merge.write() });
  return { merged };
}
