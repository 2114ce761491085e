// One DOM update per animation frame: streamed text is buffered by whoever receives it and written
// here, in the next frame, however many deltas arrived in between.

type Task = () => void;

const writes = new Set<Task>();
const afterWrites = new Set<Task>();
let requested = false;

function run(): void {
  requested = false;
  // Tasks scheduled while running go to the next frame.
  const tasks = [...writes];
  writes.clear();
  for (const task of tasks) task();
  const after = [...afterWrites];
  afterWrites.clear();
  for (const task of after) task();
}

/** Runs task in the next frame (once, however often it is scheduled before then). */
export function scheduleWrite(task: Task): void {
  writes.add(task);
  request();
}

/** Runs after every write of the next frame (e.g. keep the view scrolled to the bottom). */
export function scheduleAfterWrites(task: Task): void {
  afterWrites.add(task);
  request();
}

function request(): void {
  if (requested) return;
  requested = true;
  requestAnimationFrame(run);
}
