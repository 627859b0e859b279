export { D, ANSWER_DIGITS, answerText, dec, ln1p } from './decimal.js';
export { Node, leaf, isLeaf, evaluate, nearestAncestors, type Evaluated, type Op } from './graph.js';
export * from './ops.js';
export { gradients } from './backward.js';
