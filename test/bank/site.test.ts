import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { runCli, tempDir } from '../cli/run-cli.js';

const PROBLEMS = 'problems:\n  - id: q1\n    family: sigmoid-bce-step\n';

function bankFile(yaml: string): string {
  const file = join(tempDir(), 'week3.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe("a bank's site front matter", () => {
  it('reads layout, permalink and the site’s own keys as written, nested ones too', () => {
    const file = bankFile(
      'id: week3\ntitle: T\nseed: s\nsite:\n  layout: persian\n  permalink: /teaching/week3/:path/\n' +
        '  classes: wide rtl-layout\n  author_profile: false\n  sidebar: { nav: toolkit }\n  header:\n    overlay_filter: 0.3\n' +
        PROBLEMS,
    );
    expect(loadBank(file).site).toEqual({
      layout: 'persian',
      permalink: '/teaching/week3/:path/',
      classes: 'wide rtl-layout',
      author_profile: false,
      sidebar: { nav: 'toolkit' },
      header: { overlay_filter: '0.3' },
    });
  });

  it('is absent when the bank has none', () => {
    expect(loadBank('problem-banks/default.yaml').site).toBeUndefined();
  });

  it('names file, line and field of every key it refuses', () => {
    const file = bankFile(
      'id: week3\ntitle: T\nseed: s\nsite:\n  layout: { name: x }\n  title: Mine\n  dir: ltr\n  bad key: 1\n  permalink: ""\n' + PROBLEMS,
    );
    const run = runCli(['validate', '--bank', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}:5: site.layout: expected text, got {"name":"x"}`);
    expect(run.stderr).toContain(`${file}:6: site.title: sigmax writes title itself for each file`);
    expect(run.stderr).toContain(`${file}:7: site.dir: sigmax writes dir itself for each file`);
    expect(run.stderr).toContain(`${file}:8: site.bad key: expected a front matter key`);
    expect(run.stderr).toContain(`${file}:9: site.permalink: expected text, got ""`);
  });

  it('must be a mapping', () => {
    const run = runCli(['validate', '--bank', bankFile(`id: week3\ntitle: T\nseed: s\nsite: [single]\n${PROBLEMS}`)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/week3\.yaml:4: site: expected a mapping of front matter keys \(layout: single, permalink: …\), got \["single"\]/);
  });
});
