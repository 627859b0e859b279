/** Share of a part's points for an answer marked ecf or as a catalogued misconception (each 0–1). */
export interface Credit {
  ecf: number;
  misconception: number;
}

/** The contract's defaults: ecf earns full credit, a misconception none. */
export const DEFAULT_CREDIT: Credit = { ecf: 1, misconception: 0 };
