import type { BenchPart } from '../lib/types';
import { citizen } from './citizen';
import { exportsPart } from './exports';

/** Every part, in the order `npm run bench` runs them. */
export const PARTS: readonly BenchPart[] = [citizen, exportsPart];
