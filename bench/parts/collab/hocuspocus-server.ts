/**
 * Hocuspocus 4 as its own process (so that its CPU and memory can be sampled like the other
 * servers'): no persistence, no authentication hook – the lightest setup it has. With
 * `REDIS_HOST` and `REDIS_PORT` it adds `@hocuspocus/extension-redis`, Hocuspocus' way to spread
 * the editors of one document over several processes sharing one redis-server.
 * Prints `listening <port>` once it accepts connections.
 */
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';

const redisHost = process.env.REDIS_HOST;
const redisPort = Number(process.env.REDIS_PORT ?? 0);

const server = new Server({
	port: Number(process.env.PORT ?? 0),
	address: '127.0.0.1',
	quiet: true,
	stopOnSignals: true,
	extensions: redisHost && redisPort ? [new Redis({ host: redisHost, port: redisPort })] : []
});
await server.listen();
console.log(`listening ${server.address.port}`);
