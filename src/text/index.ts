// The text module's public surface.
export { foldText, isMostlyUppercase, isNumberToken, toNfc, tokenizeSyllables } from './fold.js';
export { isFunctionSyllable, isStopWord } from './stop-words.js';
export { isOutletName, stripLeadingLabels, stripTitleDecorations } from './clean-title.js';
export {
  BAND_ROWS,
  SIGNATURE_SIZE,
  bandProbability,
  buildShingles,
  computeBands,
  computeJaccard,
  computeMinHash,
  computeOverlap,
  hashString,
} from './signature.js';
