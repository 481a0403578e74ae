import type { BenchPart } from '../lib/types';
import { citizen } from './citizen';
import { clusterCollab } from './cluster-collab';
import { clusterDurability } from './cluster-durability';
import { collab } from './collab';
import { commentsLive } from './comments-live';
import { database } from './database';
import { documents } from './documents';
import { durability } from './durability';
import { exportLoad } from './export-load';
import { exportsPart } from './exports';
import { hostile } from './hostile';
import { monitoring } from './monitoring';

/** Every part, in the order `npm run bench` runs them. */
export const PARTS: readonly BenchPart[] = [
	collab,
	documents,
	citizen,
	monitoring,
	exportsPart,
	exportLoad,
	durability,
	clusterDurability,
	clusterCollab,
	hostile,
	commentsLive,
	database
];
