import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('a usage error', () => {
  it('says what is wrong first, then the command’s usage line, not the whole help, and exits 2', () => {
    const run = runCli(['grade', '--variants', 'v.jsonl']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Missing required arguments: submissions, out',
      'Usage: sigmax grade --variants FILE --submissions FILE --out DIR',
      'Run `sigmax grade --help` for all options.',
    ]);
  });

  it('names the commands when none or an unknown one is given', () => {
    for (const args of [[], ['frobnicate']]) {
      const run = runCli(args);
      expect(run.status).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toBe('Usage: sigmax <generate|solve|grade|validate|export> [options]');
      expect(run.stderr).not.toContain('Options:');
    }
  });

  it('heads the command’s --help with the same usage line', () => {
    const run = runCli(['validate', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('Usage: sigmax validate --bank FILE\n')).toBe(true);
  });
});
