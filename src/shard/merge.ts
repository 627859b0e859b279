// `sigmax merge`: the shards of a generate run, of a grade run, or of both,
// put together into what one machine would have written.
import { relative, resolve } from 'node:path';
import { prepareGenerateMerge } from './merge-generate.js';
import { prepareGradeMerge } from './merge-grade.js';
import type { MergeOutcome } from './prepared-merge.js';
import { type ShardCommand, findShards } from './shard-manifest.js';
import { wholeRuns } from './shard-set.js';

/** --out inside a shard folder: bad usage. */
export class MergeIntoShardError extends Error {}

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
  const found = findShards(folders);
  // Merged files written into a shard's folder would overwrite the pieces they are read from.
  const inside = found.find((shard) => !relative(resolve(shard.folder), resolve(out)).startsWith('..'));
  if (inside) throw new MergeIntoShardError(`--out ${out} is inside ${inside.label}: choose a folder outside the shards`);
  const runs = wholeRuns(found);
  const prepared = [];
  for (const [command, shards] of runs) {
    const merge = command === 'generate' ? prepareGenerateMerge(shards, out, force) : await prepareGradeMerge(shards, out, force);
    prepared.push({ command, shards: shards.length, merge });
  }
  const merged: MergeSummary['merged'] = [];
  for (const { command, shards, merge } of prepared) merged.push({ command, shards, outcome: await merge.write() });
  return { merged };
}
