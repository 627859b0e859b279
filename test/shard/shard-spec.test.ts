import { describe, expect, it } from 'vitest';
import { ShardSpecError, chooseShard, parseShardFlag } from '../../src/shard/shard-spec.js';

const shard = (env: Record<string, string>, options: { shard?: string; shards?: number } = {}) => {
  const spec = chooseShard(options, env);
  return spec && `${spec.index}/${spec.count}`;
};
const refused = (env: Record<string, string>, options: { shard?: string; shards?: number } = {}) => {
  try {
    chooseShard(options, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ShardSpecError);
    return (error as Error).message;
  }
  throw new Error('expected a ShardSpecError');
};

describe('--shard i/n', () => {
  it('reads i/n 1-based, spaces allowed, and refuses anything else', () => {
    expect(parseShardFlag('2/8')).toEqual({ index: 2, count: 8, source: '--shard 2/8' });
    expect(parseShardFlag(' 1 / 1 ').index).toBe(1);
    for (const bad of ['0/3', '4/3', '2', '2/0', '-1/3', '1.5/3', 'a/b', '']) expect(() => parseShardFlag(bad), bad).toThrow(ShardSpecError);
    expect(() => parseShardFlag('0/3')).toThrow('shard 0 of 3 does not exist (expected 1 to 3)');
  });

  it('wins over the engines’ variables, but must agree with --shards', () => {
    expect(shard({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '8', SLURM_ARRAY_TASK_MIN: '1' }, { shard: '2/3' })).toBe('2/3');
    expect(refused({}, { shard: '2/3', shards: 4 })).toBe('--shard 2/3 disagrees with --shards 4');
  });

  it('is no shard at all when nothing is said', () => {
    expect(shard({})).toBeNull();
    // GitLab sets CI_NODE_TOTAL=1 in every job that is not `parallel:`.
    expect(shard({ CI_NODE_TOTAL: '1' })).toBeNull();
  });
});

describe('a batch engine’s variables', () => {
  it('Kubernetes: JOB_COMPLETION_INDEX from 0, the count from --shards or SIGMAX_SHARDS', () => {
    expect(shard({ JOB_COMPLETION_INDEX: '0', SIGMAX_SHARDS: '4' })).toBe('1/4');
    expect(shard({ JOB_COMPLETION_INDEX: '3' }, { shards: 4 })).toBe('4/4');
    expect(chooseShard({ shards: 4 }, { JOB_COMPLETION_INDEX: '3' })?.source).toBe('Kubernetes JOB_COMPLETION_INDEX=3 of --shards 4');
    expect(refused({ JOB_COMPLETION_INDEX: '2' })).toMatch(/not the number of shards: give --shards N or SIGMAX_SHARDS=N/);
    expect(refused({ JOB_COMPLETION_INDEX: '4', SIGMAX_SHARDS: '4' })).toMatch(/shard 5 of 4 does not exist/);
    expect(refused({ SIGMAX_SHARDS: '4' })).toMatch(/SIGMAX_SHARDS=4 is set but no shard index is/);
    expect(refused({ JOB_COMPLETION_INDEX: 'x', SIGMAX_SHARDS: '2' })).toBe('JOB_COMPLETION_INDEX="x": expected a whole number ≥ 0');
  });

  it('Slurm: relative to SLURM_ARRAY_TASK_MIN, in steps of SLURM_ARRAY_TASK_STEP', () => {
    // sbatch --array=1-8
    const array = (id: number) => ({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '8', SLURM_ARRAY_TASK_COUNT: '8', SLURM_ARRAY_TASK_STEP: '1' });
    expect([1, 2, 8].map((id) => shard(array(id)))).toEqual(['1/8', '2/8', '8/8']);
    // sbatch --array=0-15:4 (ids 0, 4, 8, 12)
    const stepped = (id: number) => ({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '12', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_STEP: '4' });
    expect([0, 4, 8, 12].map((id) => shard(stepped(id)))).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(refused(stepped(6))).toMatch(/the id is not min \+ k × step/);
    // Without STEP and MAX (older Slurm): a plain range from MIN.
    expect(shard({ SLURM_ARRAY_TASK_ID: '12', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_COUNT: '3' })).toBe('3/3');
  });

  it('Slurm: an array that is no range (--array=1,2,9) or partial variables are refused', () => {
    const list = { SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '9', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_STEP: '1' };
    expect(refused(list)).toMatch(/not min-max:step with max 9 .* --array=A-B or A-B:S, or give --shard i\/n/);
    expect(refused({ SLURM_ARRAY_TASK_ID: '3' })).toBe(
      'Slurm array variables are partial: SLURM_ARRAY_TASK_ID set but not SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN',
    );
  });

  it('AWS Batch: AWS_BATCH_JOB_ARRAY_INDEX from 0 of AWS_BATCH_JOB_ARRAY_SIZE', () => {
    expect(shard({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '2' })).toBe('1/2');
    expect(shard({ AWS_BATCH_JOB_ARRAY_INDEX: '9', AWS_BATCH_JOB_ARRAY_SIZE: '10' })).toBe('10/10');
    expect(refused({ AWS_BATCH_JOB_ARRAY_INDEX: '1' })).toMatch(/partial: AWS_BATCH_JOB_ARRAY_INDEX set but not AWS_BATCH_JOB_ARRAY_SIZE/);
    expect(refused({ AWS_BATCH_JOB_ARRAY_INDEX: '10', AWS_BATCH_JOB_ARRAY_SIZE: '10' })).toMatch(/shard 11 of 10 does not exist/);
  });

  it('GitLab: CI_NODE_INDEX from 1 of CI_NODE_TOTAL', () => {
    expect(shard({ CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' })).toBe('1/3');
    expect(shard({ CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toBe('3/3');
    expect(refused({ CI_NODE_INDEX: '0', CI_NODE_TOTAL: '3' })).toBe('CI_NODE_INDEX="0": expected a whole number ≥ 1');
    expect(refused({ CI_NODE_TOTAL: '4' })).toMatch(/partial: CI_NODE_TOTAL=4 set but not CI_NODE_INDEX/);
  });

  it('refuses two engines at once, and a count that disagrees with --shards', () => {
    const both = { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2', AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '2' };
    expect(refused(both)).toMatch(/the variables of several batch engines are set .*: give --shard i\/n/);
    expect(refused({ CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' }, { shards: 3 })).toBe('GitLab CI_NODE_INDEX=1 of CI_NODE_TOTAL=2 disagrees with --shards 3');
  });
});
