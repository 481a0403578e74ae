import { building } from '$app/environment';
import { readConfig } from '../config';
import { connect, type Db } from './connection';

/**
 * The app's connection. Not opened while Kit analyses the build, which imports every server
 * module. The schema is migrated before the app serves: by `server/index.ts` in production and
 * by the dev plugin in `npm run dev`.
 */
export const db: Db = building ? (undefined as unknown as Db) : connect(readConfig());
