// Runs the simulator as its own process for the host and ui tiers. Prints its URL on stdout as
// "SIMULATOR_URL=http://127.0.0.1:PORT"; control it through /__sim/*.
import { createSimulator } from './index';

async function main(): Promise<void> {
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const sim = createSimulator();
  const url = await sim.start(portArg ? Number(portArg.slice(7)) : 0);
  console.log(`SIMULATOR_URL=${url}`);
  const stop = (): void => { void sim.stop().then(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
