// What one bench round cost, measured several ways at once, so the bench can show where the noise
// comes from instead of guessing: process CPU (every thread: GC helpers, libuv, the compiler threads),
// the main thread's own CPU time (Linux schedstat, nanoseconds), GC pauses, event-loop utilization and
// the VM's steal time. Node 20 has no process.threadCpuUsage, so the main thread is read from /proc.
import { readFileSync } from 'node:fs';
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';

export interface RoundCost {
  /** process.cpuUsage(), user + system, all threads. */
  processMs: number;
  /** The main (JavaScript) thread alone; NaN where /proc/self/task/<pid>/schedstat is missing. */
  mainMs: number;
  /** GC pauses (PerformanceObserver 'gc' entries) that started inside the round. */
  gcMs: number;
  gcCount: number;
  wallMs: number;
  /** Event-loop utilization over the round (1 = the loop never idled). */
  elu: number;
  /** Time the hypervisor ran someone else while this VM wanted the CPU (/proc/stat, all CPUs, ms). */
  stealMs: number;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on every Linux Node supports

/** The main thread's CPU time in ms (schedstat's first field is nanoseconds on the CPU). */
export function mainThreadMs(): number {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

export function stealMs(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
    return Number(cpu[8] ?? 0) * CLOCK_TICK_MS;
  } catch {
    return 0;
  }
}

/** Records GC pauses for the whole bench; rounds look up the ones inside their own window. */
export class GcLog {
  private readonly entries: { start: number; duration: number; kind: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.entries.push({ start: e.startTime, duration: e.duration, kind: ((e as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? 0 });
  });

  constructor() { this.observer.observe({ entryTypes: ['gc'] }); }

  /** GC entries arrive asynchronously: call after the round's promise settled and one macrotask passed. */
  within(from: number, to: number): { ms: number; count: number; minorMs: number } {
    let ms = 0;
    let count = 0;
    let minorMs = 0;
    for (const e of this.entries) {
      if (e.start < from || e.start >= to) continue;
      ms += e.duration;
      count++;
      if (e.kind === constants.NODE_PERFORMANCE_GC_MINOR) minorMs += e.duration;
    }
    return { ms, count, minorMs };
  }

  stop(): void { this.observer.disconnect(); }
}

export interface RoundStart { t: number; cpu: NodeJS.CpuUsage; main: number; elu: ReturnType<typeof performance.eventLoopUtilization>; steal: number }

export function startRound(): RoundStart {
  return { steal: stealMs(), elu: performance.eventLoopUtilization(), t: performance.now(), cpu: process.cpuUsage(), main: mainThreadMs() };
}

/** The round's cost without GC figures (fill those in with GcLog.within once the entries arrived). */
export function endRound(s: RoundStart): RoundCost & { from: number; to: number } {
  const main = mainThreadMs();
  const cpu = process.cpuUsage(s.cpu);
  const to = performance.now();
  const elu = performance.eventLoopUtilization(s.elu);
  return {
    processMs: (cpu.user + cpu.system) / 1000,
    mainMs: main - s.main,
    gcMs: 0,
    gcCount: 0,
    wallMs: to - s.t,
    elu: elu.utilization,
    stealMs: stealMs() - s.steal,
    from: s.t,
    to,
  };
}

/**
 * Lets the PerformanceObserver deliver the round's GC entries. A round that never yielded to the event
 * loop (the in-memory replay is all microtasks) gets its entries only after two turns: Node queues the
 * GC callback as a native immediate, which then queues the observer's own delivery.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}
