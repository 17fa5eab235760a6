export { CSV_FILES, IMPORT_FILES } from './files';
export {
  type FileProgress,
  importJobIsActive,
  importJobsSettled,
  type JobState,
  type JobView,
} from './jobs';
export { type ImportError, ImportRejected } from './problems';
export { rebuildReadModels } from './read-models';
export {
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  importDirectory,
  importFiles,
} from './service';
export {
  type FileContent,
  type ImportFiles,
  listImportDirectory,
  readImportDirectory,
} from './source';
export { RetryLater } from './write-lock';
