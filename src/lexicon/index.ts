export {
  compileLexicon,
  type CompiledEntry,
  type CompiledLexicon,
  type CompiledPattern,
} from './compile.ts';
export { checkPacks } from './check.ts';
export { packHash } from './hash.ts';
export { CSV_COLUMNS, parseCsvPacks, parseLiwcDic, parseQuantedaYaml } from './import.ts';
export { formatIssue, sortIssues } from './issues.ts';
export { BUILTIN_LEXICON_DIR, displayPackPath, loadBuiltinPacks, loadPacks, readPackFile } from './load.ts';
export { parsePack } from './parse.ts';
export { isPatternError, type PatternSyntax, parsePattern, regexProblem } from './pattern.ts';
export {
  isMatchedKind,
  type Located,
  MATCH_MODES,
  type MatchMode,
  PACK_KINDS,
  type Pack,
  type PackEntry,
  type PackKind,
} from './types.ts';
