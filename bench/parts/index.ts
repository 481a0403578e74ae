import type { BenchPart } from '../lib/types';
import { citizen } from './citizen';
import { collab } from './collab';
import { exportsPart } from './exports';

/** Every part, in the order `npm run bench` runs them. */
export const PARTS: readonly BenchPart[] = [collab, citizen, exportsPart];
