import { spawnSync } from 'node:child_process';

/** pdftotext and pdftoppm (poppler-utils) are there: the PDF tests read text back with them. */
export const HAS_POPPLER = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;

if (!HAS_POPPLER) {
  console.warn('\n*** pdftotext (poppler-utils) not found: the PDF text tests are SKIPPED. Install poppler-utils to run them. ***\n');
}

/** The text of a PDF, one string per page, with U+2212 read as "-" (tables use the true minus). */
export function pdfPages(file: string): string[] {
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext ${file}: ${run.stderr}`);
  return run.stdout.replace(/\u2212/g, '-').split('\f').filter((page) => page.trim() !== '');
}

export interface Word {
  text: string;
  xMin: number;
  xMax: number;
  page: number;
}

/** Every word's box (pdftotext -bbox), to check that nothing crosses the margins. */
export function pdfWords(file: string): { words: Word[]; pageWidth: number } {
  const run = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext -bbox ${file}: ${run.stderr}`);
  const words: Word[] = [];
  let page = 0;
  let pageWidth = 0;
  for (const line of run.stdout.split('\n')) {
    const pageMatch = /<page width="([\d.]+)"/.exec(line);
    if (pageMatch) {
      page++;
      pageWidth = Number(pageMatch[1]);
    }
    const word = /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)<\/word>/.exec(line);
    if (word) words.push({ text: word[3]!, xMin: Number(word[1]), xMax: Number(word[2]), page });
  }
  return { words, pageWidth };
}
