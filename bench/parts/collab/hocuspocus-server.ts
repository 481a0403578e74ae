/**
 * Hocuspocus 4 as its own process (so that its CPU and memory can be sampled like the other
 * servers'): no extensions, no persistence, no authentication hook – the lightest setup it has.
 * Prints `listening <port>` once it accepts connections.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
	port: Number(process.env.PORT ?? 0),
	address: '127.0.0.1',
	quiet: true,
	stopOnSignals: true
});
await server.listen();
console.log(`listening ${server.address.port}`);
