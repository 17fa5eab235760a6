import { join } from 'node:path';
import { columnsOf } from '../columns';
import { type Company, countryOf, employeeId, managerEmployee, segmentId } from './company';
import { CsvWriter } from './csv-writer';

const CITIES = {
  LV: ['Rīga', 'Daugavpils', 'Liepāja'],
  UA: ['Київ', 'Львів', 'Одеса'],
  BG: ['София', 'Пловдив', 'Варна'],
};
const KINDS = ['SMB', 'retail', 'enterprise'];

/** segments.csv: G segments in three countries, two per segment manager. */
export async function writeSegments(dir: string, company: Company): Promise<number> {
  const out = new CsvWriter(join(dir, 'segments.csv'), columnsOf('segments.csv'));
  for (let g = 0; g < company.spec.segments; g++) {
    const cities = CITIES[countryOf(g)];
    const city = cities[Math.floor(g / 3) % cities.length]!;
    const kind = KINDS[Math.floor(g / 9) % KINDS.length]!;
    await out.row([segmentId(g), `${city} ${kind} ${g + 1}`, employeeId(managerEmployee(g))]);
  }
  return out.close();
}
