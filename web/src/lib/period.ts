// Periods: the API's one pure period module (keys, kinds, shifting, labels, the
// choices a picker offers, "has it started"), so the dashboard and the API agree.
export * from '@delight/api/lib/period';
