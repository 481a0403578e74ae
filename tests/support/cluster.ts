/**
 * Several production app processes on one PostgreSQL database and one redis-server, as a hosting
 * provider runs Agendawerk (issue 18): a throwaway cluster and redis-server in temp dirs, the
 * first process migrates and seeds the empty database, the others start on what it prepared.
 */
import postgres from 'postgres';
import { createDatabase, startPostgres, type PostgresCluster } from './postgres';
import { startRedis, type RedisServer } from './redis';
import { startTestServer, type TestServer } from './server';

export interface AppCluster {
	postgres: PostgresCluster;
	/** The redis-server; a new object after `restartRedis()`. */
	redis: RedisServer;
	/**
	 * Starts redis-server again on the port of the stopped one (after `redis.stop()`): the
	 * processes' connections find it there, as after a restart in production.
	 */
	restartRedis(): Promise<void>;
	/** The app processes, in the order they started. */
	servers: TestServer[];
	/** The app's database (`DATABASE_URL` of every process). */
	databaseUrl: string;
	/** Environment every process got; for starting another (or restarting one). */
	env: Record<string, string>;
	/** A query against the app's database, e.g. to look at `doc_updates`. */
	sql: postgres.Sql;
	/** Stops every process, then Redis and PostgreSQL, and removes their directories. */
	stop(): Promise<void>;
}

export interface AppClusterOptions {
	/** How many app processes (default 2). */
	processes?: number;
	/** Environment for every process. */
	env?: Record<string, string>;
	/** Environment for one process, by its index. */
	envOf?: (index: number) => Record<string, string>;
}

export async function startAppCluster(options: AppClusterOptions = {}): Promise<AppCluster> {
	const { processes = 2, env: extraEnv = {}, envOf = () => ({}) } = options;
	const cluster = await startPostgres();
	let redis: RedisServer | null = null;
	const servers: TestServer[] = [];
	let sql: postgres.Sql | null = null;
	const stop = async () => {
		await Promise.all(servers.map((server) => server.stop()));
		await sql?.end({ timeout: 5 });
		await redis?.stop();
		cluster.stop();
	};
	try {
		const databaseUrl = await createDatabase(cluster);
		redis = await startRedis();
		const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ...extraEnv };
		// One after the other: the first migrates and seeds; a second seeding at the same time
		// would find the database empty too.
		for (let index = 0; index < processes; index++) {
			servers.push(await startTestServer({ ...env, ...envOf(index) }));
		}
		sql = postgres(databaseUrl, { onnotice: () => {}, max: 2 });
		const appCluster: AppCluster = {
			postgres: cluster,
			redis,
			async restartRedis() {
				// `stop()` then stops the new server; the old one's directory is gone already.
				redis = await startRedis({ port: appCluster.redis.port });
				appCluster.redis = redis;
			},
			servers,
			databaseUrl,
			env,
			sql,
			stop
		};
		return appCluster;
	} catch (error) {
		await stop();
		throw error;
	}
}
