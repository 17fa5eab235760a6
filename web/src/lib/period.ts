// Periods: the API's one pure period module (keys, kinds, shifting, labels, the
// choices a picker offers, "has it started"), so the dashboard and the API agree.
export * from '@delight/api/lib/period';
// …except the label, in the reader's language (an explicit export wins over `export *`)
export { periodLabel } from './format';
