// The demo's scripted answers (npm start -- --demo): Markdown that shows what the chat renders (headings,
// lists, a table, code in two languages) and is long enough to try Stop while it streams.
const FENCE = '```';

const TOUR = [
  '## What BYOK just did',
  '',
  'Your question went **through your own key** to the host you saved it for, and this answer is streaming back at a realistic pace, so you can press **Stop** (or Esc) at any time.',
  '',
  '### Try next',
  '',
  '1. Ask for *a table*, *some code* or *a long answer*: each shows another part of the renderer.',
  '2. Open the model picker and type `demo busy`: that model is always rate-limited, so you can see how an error card looks.',
  '3. Add a second key with a wrong secret (`demo-key-wrong`) to see the real invalid-key error.',
  '4. Run **BYOK: Show Usage** to see what these answers would have cost.',
  '',
  '### The demo models',
  '',
  '| Model | Speed | Price (per 1M tokens, in / out) | Behaviour |',
  '| --- | ---: | ---: | --- |',
  '| Demo Writer | ~40 tokens/s | $3.00 / $15.00 | scripted Markdown answers |',
  '| Demo Fast | ~120 tokens/s | $0.15 / $0.60 | the same answers, quicker |',
  '| Demo Busy | none | $1.00 / $2.00 | always `429` with `Retry-After` |',
  '',
  'Code blocks get a language label, highlighting and **Copy** / **Insert** buttons:',
  '',
  `${FENCE}typescript`,
  'export function greet(name: string): string {',
  '  return `Hello, ${name}!`;',
  '}',
  FENCE,
  '',
  `${FENCE}python`,
  'def greet(name: str) -> str:',
  '    return f"Hello, {name}!"',
  FENCE,
  '',
  '> Nothing here left your machine: the demo provider is a local simulator.',
].join('\n');

const TABLE = [
  '## Sorting algorithms compared',
  '',
  '| Algorithm | Best | Average | Worst | Stable |',
  '| --- | --- | --- | --- | :---: |',
  '| Insertion sort | O(n) | O(n²) | O(n²) | ✓ |',
  '| Merge sort | O(n log n) | O(n log n) | O(n log n) | ✓ |',
  '| Quicksort | O(n log n) | O(n log n) | O(n²) | ✗ |',
  '| Heapsort | O(n log n) | O(n log n) | O(n log n) | ✗ |',
  '| Timsort | O(n) | O(n log n) | O(n log n) | ✓ |',
  '',
  '**In short:** use your language\'s built-in sort (Timsort in Python and Java, a merge/insertion hybrid in V8), and reach for a hand-written one only when the data has a shape you can exploit.',
].join('\n');

const CODE = [
  '## Debounce, in two languages',
  '',
  'A debounced function waits until calls stop for `ms` milliseconds, then runs once with the last arguments.',
  '',
  '### TypeScript',
  '',
  `${FENCE}typescript`,
  'export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: A) => {',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  };',
  '}',
  FENCE,
  '',
  '### Python',
  '',
  `${FENCE}python`,
  'import threading',
  '',
  'def debounce(ms):',
  '    def wrap(fn):',
  '        timer = None',
  '        def debounced(*args, **kwargs):',
  '            nonlocal timer',
  '            if timer:',
  '                timer.cancel()',
  '            timer = threading.Timer(ms / 1000, fn, args, kwargs)',
  '            timer.start()',
  '        return debounced',
  '    return wrap',
  FENCE,
  '',
  '- The TypeScript version runs on the event loop: no threads, no locks.',
  '- The Python version uses a timer thread, so `fn` runs on *another* thread.',
].join('\n');

const LONG = [
  '## A long answer (press Stop whenever you like)',
  '',
  ...Array.from({ length: 12 }, (_, i) => [
    `### Step ${i + 1}`,
    '',
    `This is paragraph ${i + 1} of a deliberately long answer. It streams a few words at a time, the way a real model does, so you can watch the Markdown settle as it arrives and stop it half-way: the part already written is kept and marked as interrupted.`,
    '',
  ].join('\n')),
].join('\n');

export const DEMO_ANSWERS = { tour: TOUR, table: TABLE, code: CODE, long: LONG } as const;

/** Picks the answer a question asks for ("table", "code", "long"); anything else gets the tour. */
export function demoAnswerFor(question: string): string {
  const q = question.toLowerCase();
  if (/\btable|compare|sort/.test(q)) return DEMO_ANSWERS.table;
  if (/\bcode|typescript|python|function|debounce/.test(q)) return DEMO_ANSWERS.code;
  if (/\blong|story|stop/.test(q)) return DEMO_ANSWERS.long;
  return DEMO_ANSWERS.tour;
}
