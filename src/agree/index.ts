export {
  AGREEMENT_HEADER,
  type AgreementLevel,
  type AgreementRow,
  agreementMarkdown,
  agreementRows,
  agreementTable,
} from './agreement.ts';
export { type CodedSheet, framescopeColumnFor, readCodedSheet, readFramescopeArticles } from './coded.ts';
export { cohensKappa, type KappaResult } from './cohen.ts';
export {
  type AlphaLevel,
  type AlphaResult,
  krippendorffAlpha,
  type ReliabilityData,
} from './krippendorff.ts';
