import { headerData, requireProgress } from './progress.server';
import type { LayoutServerLoad } from './$types';

/** Every progress page: the agenda, its decision and the Stichtag (404/400 as `requireProgress`). */
export const load: LayoutServerLoad = async (event) => headerData(await requireProgress(event));
