import { join } from 'node:path';
import type { Argv } from 'yargs';
import { OutputFolderError } from '../io/output-manifest.js';
import { MergeIntoShardError, mergeShards } from '../shard/merge.js';
import { UsageError } from './usage-error.js';

export function mergeOptions(yargs: Argv) {
  return yargs
    .positional('shards', { type: 'string', array: true, describe: 'shard folders (shard-i-of-n), or folders holding them' })
    .option('out', { type: 'string', demandOption: true, describe: 'output folder: what one unsharded run would have written there' })
    .option('force', {
      type: 'boolean',
      default: false,
      describe: 'write into an --out that holds files no earlier run recorded, leaving them there',
    });
}

type MergeArgs = Awaited<ReturnType<typeof mergeOptions>['argv']> & { shards?: string[] };

export async function merge(argv: MergeArgs): Promise<void> {
  const folders = (argv.shards ?? []).map(String);
  if (folders.length === 0) throw new UsageError('name at least one SHARD_DIR: the shard folders, or the --out the shards wrote into');
  const summary = await mergeShards(folders, argv.out, argv.force).catch((error: unknown) => {
    // An --out holding files no run recorded is the user's to sort out (exit 2), as in generate and grade.
    throw error instanceof OutputFolderError || error instanceof MergeIntoShardError ? new UsageError(error.message) : error;
  });
  for (const { command, shards, outcome } of summary.merged) {
    for (const file of outcome.left) console.error(`warning: ${join(argv.out, file)} left in place (--force): no earlier run recorded it`);
    for (const warning of outcome.warnings) console.error(`note: ${warning}`);
    const removed = outcome.removed.length > 0 ? `; ${outcome.removed.length} file(s) of an earlier run removed` : '';
    console.log(`merged ${shards} ${command} shard(s) → ${outcome.files.join(', ')}${removed}`);
  }
}
