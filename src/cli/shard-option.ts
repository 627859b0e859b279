import { type ShardSpec, ShardSpecError, chooseShard } from '../shard/shard-spec.js';
import { UsageError } from './usage-error.js';

/** `--shard i/n` and `--shards N`, shared by generate and grade. */
export const SHARD_OPTIONS = {
  shard: {
    type: 'string',
    describe: 'do shard i of n (1-based) into --out/shard-i-of-n; default: from a batch engine (Kubernetes, Slurm, AWS Batch, GitLab)',
  },
  shards: { type: 'number', describe: 'the number of shards, for a Kubernetes Indexed Job (JOB_COMPLETION_INDEX); or SIGMAX_SHARDS' },
} as const;

/** The shard this run is (null: the whole class), said on stderr with where it was read. */
export function chosenShard(argv: { shard?: string | undefined; shards?: number | undefined }): ShardSpec | null {
  let spec: ShardSpec | null;
  try {
    spec = chooseShard(argv, process.env);
  } catch (error) {
    throw error instanceof ShardSpecError ? new UsageError(error.message) : error;
  }
  if (spec) console.error(`sigmax: shard ${spec.index}/${spec.count} (from ${spec.source})`);
  return spec;
}
