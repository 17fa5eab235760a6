import { chromiumProblem } from '../../scripts/src/chromium';

/** Stops the e2e project at once, with one clear message, when Chromium is missing. */
export default function setup(): void {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
}
