import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFrontMatter, withSiteFields } from '../../src/text/front-matter.js';

describe('front matter', () => {
  it('writes each value as JSON, which YAML reads as it is, nested values included', () => {
    const fields = withSiteFields(
      { title: 'Fișă: "q1"', layout: 'single', dir: 'rtl' },
      { layout: 'persian', author_profile: false, sidebar: { nav: 'toolkit' }, tags: ['a', 'b'] },
    );
    expect(withFrontMatter('# x\n', fields)).toBe(
      '---\ntitle: "Fișă: \\"q1\\""\nlayout: "persian"\ndir: "rtl"\nauthor_profile: false\nsidebar: {"nav":"toolkit"}\ntags: ["a","b"]\n---\n\n# x\n',
    );
  });

  it('keeps the default layout when the site sets none', () => {
    expect(withSiteFields({ title: 't', layout: 'single' }, { permalink: '/x/:path/' })).toEqual({ title: 't', layout: 'single', permalink: '/x/:path/' });
    expect(withSiteFields({ title: 't', layout: 'single' }, undefined)).toEqual({ title: 't', layout: 'single' });
  });
});

describe('src/text', () => {
  const sources = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
    );
  const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]!);

  it('serves render and grade from below: grade imports nothing of render, text imports nothing of ours', () => {
    for (const file of sources('src/grade')) {
      const intoRender = importsOf(file).filter((path) => relative('src', join(file, '..', path)).startsWith('render'));
      expect(intoRender, file).toEqual([]);
    }
    for (const file of sources('src/text')) expect(importsOf(file), file).toEqual([]);
  });
});
