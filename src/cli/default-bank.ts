import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bank the contract names when --bank is absent, relative to the folder the command runs in. */
export const DEFAULT_BANK = 'problem-banks/default.yaml';

/** The package's own copy: this module sits in dist/cli/ or src/cli/, two folders below the package root. */
const PACKAGE_BANK = fileURLToPath(new URL(`../../${DEFAULT_BANK}`, import.meta.url));

export const BANK_HELP = `problem bank (YAML; default: ${DEFAULT_BANK} in the current folder, else the one sigmax comes with)`;

/**
 * --bank as given; without it problem-banks/default.yaml where the command
 * runs (the repository, or a course folder laid out alike), else the bank
 * installed with sigmax, said on stderr: run from anywhere, it still works.
 */
export function bankOrDefault(bank: string | undefined): string {
  if (bank !== undefined) return bank;
  if (existsSync(DEFAULT_BANK) || resolve(DEFAULT_BANK) === PACKAGE_BANK) return DEFAULT_BANK;
  console.error(`note: no --bank and no ${DEFAULT_BANK} in ${process.cwd()}: using the bank sigmax comes with, ${PACKAGE_BANK}`);
  return PACKAGE_BANK;
}
