export {
  DEFAULT_DEMO_SEED,
  DEMO_FILE_NAMES,
  DEMO_MONTHS,
  type Demo,
  type DemoFileName,
  type DemoOptions,
  type DemoUser,
  generateDemo,
} from './generate';
export { writeDemo } from './write';
