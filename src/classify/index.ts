export { classify, tokenize, type ClassifyInput, type ClassifyResult } from './engine.ts';
export { detectPoisoning, revealInvisible, scannableTexts, POISON_RULES, type PoisonRule } from './poisoning.ts';
