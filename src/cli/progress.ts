import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** Off a terminal (CI, a batch job's log, a pipe): a line at most this often, the first once a run has taken this long. */
export const LINE_EVERY_MS = 5000;

/** Where progress goes; a test passes its own. */
export interface ProgressOutput {
  isTTY: boolean;
  write(text: string): void;
  now(): number;
}

const STDERR: ProgressOutput = {
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  write: (text) => process.stderr.write(text),
  now: () => performance.now(),
};

/**
 * A progress bar on a terminal; elsewhere a line every few seconds
 * (`variants: 12,000/100,000 (12 %), 3,100/s, about 28 s left`), so a long run
 * in a log is seen to move, and a short one prints nothing.
 */
export function progressBar(label: string, total: number, output: ProgressOutput = STDERR): Progress {
  if (total < 2) return { update() {}, stop() {} };
  if (!output.isTTY) return progressLines(label, total, output);
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

function progressLines(label: string, total: number, output: ProgressOutput): Progress {
  const start = output.now();
  let next = start + LINE_EVERY_MS;
  let said = false;
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    update(done) {
      const now = output.now();
      if (now < next || done >= total) return;
      next = now + LINE_EVERY_MS;
      said = true;
      const perSecond = done / ((now - start) / 1000);
      const left = perSecond > 0 ? ` about ${duration((total - done) / perSecond)} left` : '';
      output.write(`${label}: ${count(done)}/${count(total)} (${Math.floor((done / total) * 100)} %), ${count(Math.round(perSecond))}/s,${left}\n`);
    },
    stop() {
      // Only a run that said where it was says that it finished.
      if (said) output.write(`${label}: ${count(total)}/${count(total)} in ${duration((output.now() - start) / 1000)}\n`);
    },
  };
}

/** 42 s, 7 min, 3.5 h, 2.1 days. */
function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}
