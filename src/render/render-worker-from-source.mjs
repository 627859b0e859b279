// Entry of a render worker when sigmax runs from src/ (tests, benches: node --import tsx).
// Worker threads do not inherit tsx's loader, so the TypeScript worker is loaded through tsx's API.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./render-worker.ts', import.meta.url);
export default worker.default;
