export type { ImportError } from './parse';
export { IMPORT_FILES } from './rows';
export {
  type ImportFiles,
  type ImportOptions,
  type ImportProgress,
  ImportRejected,
  type ImportResult,
  importDirectory,
  importFiles,
  readImportDirectory,
} from './service';
