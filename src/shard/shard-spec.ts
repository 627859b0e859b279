// Which shard of a run this process is: `--shard i/n`, or the variables the
// batch engine that started it sets. Every engine numbers its tasks its own
// way; each is turned into the same 1-based i of n here, and a variable set
// that does not add up is refused rather than guessed at.

/** One shard of a run: the `index`-th (1-based) of `count`, and where that was read. */
export interface ShardSpec {
  index: number;
  count: number;
  /** Said on stderr: `--shard 2/3`, `Slurm SLURM_ARRAY_TASK_ID=4 …`. */
  source: string;
}

/** The shard options or engine variables do not say one shard clearly: the CLI shows it as bad usage. */
export class ShardSpecError extends Error {}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Ids, indexes and counts in the variables: plain decimal whole numbers. */
const WHOLE = /^\d{1,9}$/;

function whole(name: string, text: string, min: number): number {
  const value = text.trim();
  if (!WHOLE.test(value) || Number(value) < min) throw new ShardSpecError(`${name}=${JSON.stringify(text)}: expected a whole number ≥ ${min}`);
  return Number(value);
}

function checked(index: number, count: number, source: string): ShardSpec {
  if (index < 1 || index > count) throw new ShardSpecError(`${source}: shard ${index} of ${count} does not exist (expected 1 to ${count})`);
  return { index, count, source };
}

/** `--shard i/n`, 1-based. */
export function parseShardFlag(text: string): ShardSpec {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
  if (!match) throw new ShardSpecError(`--shard: expected i/n (1-based, e.g. 2/8), got "${text}"`);
  const count = Number(match[2]);
  if (count < 1) throw new ShardSpecError(`--shard: expected at least one shard, got "${text}"`);
  return checked(Number(match[1]), count, `--shard ${match[1]}/${match[2]}`);
}

/** What one engine's variables say: nothing (not run by it), or a shard. Throws when they are partial or do not add up. */
type EngineReader = (env: Environment, shards: ShardCount | null) => ShardSpec | null;

/** `--shards N` or SIGMAX_SHARDS: the count Kubernetes does not give. */
interface ShardCount {
  count: number;
  source: string;
}

/** Kubernetes Indexed Job: JOB_COMPLETION_INDEX from 0 to completions − 1; the count is ours to be told. */
const kubernetes: EngineReader = (env, shards) => {
  const at = env.JOB_COMPLETION_INDEX;
  if (at === undefined) return null;
  if (!shards) {
    throw new ShardSpecError(
      `JOB_COMPLETION_INDEX=${at} is set (a Kubernetes Indexed Job) but not the number of shards: give --shards N or SIGMAX_SHARDS=N (the Job's completions)`,
    );
  }
  const index = whole('JOB_COMPLETION_INDEX', at, 0) + 1;
  return checked(index, shards.count, `Kubernetes JOB_COMPLETION_INDEX=${at.trim()} of ${shards.source}`);
};

/**
 * Slurm array task: SLURM_ARRAY_TASK_ID counts from SLURM_ARRAY_TASK_MIN in steps of
 * SLURM_ARRAY_TASK_STEP (1 when unset), SLURM_ARRAY_TASK_COUNT tasks in all
 * (`--array=1-8` is ids 1…8; `--array=0-15:4` is 0, 4, 8, 12). An array that is
 * no such progression (`--array=1,2,9`) has no shard order: refused.
 */
const slurm: EngineReader = (env) => {
  const names = ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN'] as const;
  const present = names.filter((name) => env[name] !== undefined);
  if (present.length === 0) return null;
  if (present.length < names.length) {
    const missing = names.filter((name) => env[name] === undefined);
    throw new ShardSpecError(`Slurm array variables are partial: ${present.join(', ')} set but not ${missing.join(', ')}`);
  }
  const id = whole('SLURM_ARRAY_TASK_ID', env.SLURM_ARRAY_TASK_ID!, 0);
  const count = whole('SLURM_ARRAY_TASK_COUNT', env.SLURM_ARRAY_TASK_COUNT!, 1);
  const min = whole('SLURM_ARRAY_TASK_MIN', env.SLURM_ARRAY_TASK_MIN!, 0);
  const step = env.SLURM_ARRAY_TASK_STEP === undefined ? 1 : whole('SLURM_ARRAY_TASK_STEP', env.SLURM_ARRAY_TASK_STEP, 1);
  const source = `Slurm SLURM_ARRAY_TASK_ID=${id} (min ${min}, step ${step}, count ${count})`;
  const max = env.SLURM_ARRAY_TASK_MAX === undefined ? undefined : whole('SLURM_ARRAY_TASK_MAX', env.SLURM_ARRAY_TASK_MAX, 0);
  if (max !== undefined && max !== min + (count - 1) * step) {
    throw new ShardSpecError(
      `${source}: the array is not min-max:step with max ${max} (a list such as --array=1,2,9 cannot be numbered as shards); ` +
        'submit --array=A-B or A-B:S, or give --shard i/n',
    );
  }
  if (id < min || (id - min) % step !== 0) throw new ShardSpecError(`${source}: the id is not min + k × step`);
  return checked((id - min) / step + 1, count, source);
};

/** AWS Batch array child: AWS_BATCH_JOB_ARRAY_INDEX from 0, AWS_BATCH_JOB_ARRAY_SIZE children. */
const awsBatch: EngineReader = (env) => {
  const [at, size] = [env.AWS_BATCH_JOB_ARRAY_INDEX, env.AWS_BATCH_JOB_ARRAY_SIZE];
  if (at === undefined && size === undefined) return null;
  if (at === undefined || size === undefined) {
    throw new ShardSpecError(`AWS Batch array variables are partial: ${at === undefined ? 'AWS_BATCH_JOB_ARRAY_SIZE set but not AWS_BATCH_JOB_ARRAY_INDEX' : 'AWS_BATCH_JOB_ARRAY_INDEX set but not AWS_BATCH_JOB_ARRAY_SIZE'}`);
  }
  const index = whole('AWS_BATCH_JOB_ARRAY_INDEX', at, 0) + 1;
  const count = whole('AWS_BATCH_JOB_ARRAY_SIZE', size, 1);
  return checked(index, count, `AWS Batch AWS_BATCH_JOB_ARRAY_INDEX=${at.trim()} of AWS_BATCH_JOB_ARRAY_SIZE=${count}`);
};

/**
 * GitLab `parallel: N`: CI_NODE_INDEX from 1 to CI_NODE_TOTAL. GitLab sets
 * CI_NODE_TOTAL=1 in every job that is not parallel: that alone is no shard.
 */
const gitlab: EngineReader = (env) => {
  const [at, total] = [env.CI_NODE_INDEX, env.CI_NODE_TOTAL];
  if (at === undefined && (total === undefined || total.trim() === '1')) return null;
  if (at === undefined || total === undefined) {
    throw new ShardSpecError(`GitLab variables are partial: ${at === undefined ? `CI_NODE_TOTAL=${total} set but not CI_NODE_INDEX` : 'CI_NODE_INDEX set but not CI_NODE_TOTAL'}`);
  }
  const count = whole('CI_NODE_TOTAL', total, 1);
  return checked(whole('CI_NODE_INDEX', at, 1), count, `GitLab CI_NODE_INDEX=${at.trim()} of CI_NODE_TOTAL=${count}`);
};

const ENGINES: readonly EngineReader[] = [kubernetes, slurm, awsBatch, gitlab];

/**
 * The shard this process is: `--shard i/n` when given (the engines' variables are then
 * not read), else the one engine whose variables are set, else null (no sharding).
 * `shards` is `--shards N`; SIGMAX_SHARDS is read when it is absent.
 */
export function chooseShard(options: { shard?: string | undefined; shards?: number | undefined }, env: Environment): ShardSpec | null {
  const count = shardCount(options.shards, env);
  if (options.shard !== undefined) {
    const spec = parseShardFlag(options.shard);
    if (count && count.count !== spec.count) throw new ShardSpecError(`${spec.source} disagrees with ${count.source}`);
    return spec;
  }
  const found = ENGINES.map((read) => read(env, count)).filter((spec): spec is ShardSpec => spec !== null);
  if (found.length > 1) {
    throw new ShardSpecError(`the variables of several batch engines are set (${found.map((f) => f.source).join('; ')}): give --shard i/n`);
  }
  const [spec] = found;
  if (!spec) {
    if (count) throw new ShardSpecError(`${count.source} is set but no shard index is (JOB_COMPLETION_INDEX, or --shard i/n)`);
    return null;
  }
  if (count && count.count !== spec.count) throw new ShardSpecError(`${spec.source} disagrees with ${count.source}`);
  return spec;
}

function shardCount(shards: number | undefined, env: Environment): ShardCount | null {
  if (shards !== undefined) {
    if (!Number.isInteger(shards) || shards < 1) throw new ShardSpecError(`--shards: expected a whole number ≥ 1, got ${shards}`);
    return { count: shards, source: `--shards ${shards}` };
  }
  const text = env.SIGMAX_SHARDS;
  if (text === undefined || text.trim() === '') return null;
  const count = whole('SIGMAX_SHARDS', text, 1);
  return { count, source: `SIGMAX_SHARDS=${count}` };
}

/** The folder a shard writes into, inside --out: `shard-2-of-8`. */
export const shardFolderName = (spec: { index: number; count: number }) => `shard-${spec.index}-of-${spec.count}`;
