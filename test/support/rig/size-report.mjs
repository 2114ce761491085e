// What the VSIX holds, file by file, and whether it keeps to the budgets in size-budget.json.
// Pure functions (the unit tests call them) plus a reader of the zip's central directory, so the sizes
// are the VSIX's own: raw bytes and bytes as stored (deflated) in the archive.
import { readFileSync } from 'node:fs';

/** Entries of a zip file from its central directory: { name, raw, stored }. */
export function zipEntries(zip) {
  // The end-of-central-directory record is in the last 64 KB + 22 bytes (after an optional comment).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged zip central directory');
    const stored = zip.readUInt32LE(at + 20);
    const raw = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), raw, stored });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const kb = (bytes) => (bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** A glob with `*` only (one path segment), as the budget file writes names. */
function matches(pattern, name) {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return re.test(name);
}

/** The budget (raw KB) for a file, if it has one. */
export function budgetFor(budget, name) {
  const key = Object.keys(budget.files).find((pattern) => matches(pattern, name));
  return key === undefined ? undefined : budget.files[key];
}

/** The table, largest file first: raw size, size in the VSIX, share of the VSIX, budget. */
export function sizeTable(entries, vsixBytes, budget) {
  const rows = [...entries].sort((a, b) => b.stored - a.stored || a.name.localeCompare(b.name));
  const width = Math.max(4, ...rows.map((r) => r.name.length));
  const line = (name, raw, stored, share, limit) =>
    `${name.padEnd(width)}  ${raw.padStart(9)}  ${stored.padStart(9)}  ${share.padStart(6)}  ${limit.padStart(9)}`;
  const out = [line('file', 'raw KB', 'in VSIX', 'share', 'budget KB')];
  for (const r of rows) {
    const limit = budgetFor(budget, r.name);
    out.push(line(r.name, kb(r.raw), kb(r.stored), `${((100 * r.stored) / vsixBytes).toFixed(1)}%`, limit === undefined ? '' : String(limit)));
  }
  const raw = entries.reduce((s, e) => s + e.raw, 0);
  const stored = entries.reduce((s, e) => s + e.stored, 0);
  out.push(line(`total: ${entries.length} files (the VSIX adds ${kb(vsixBytes - stored)} KB of zip headers)`, kb(raw), kb(stored), '', ''));
  out.push(line('VSIX', '', kb(vsixBytes), '100%', String(budget.vsixKB)));
  return out.join('\n');
}

/** Every budget the VSIX breaks, as sentences; empty when it keeps to all of them. */
export function checkBudget(entries, vsixBytes, budget) {
  const breaches = [];
  if (vsixBytes > budget.vsixKB * 1024) breaches.push(`the VSIX is ${kb(vsixBytes)} KB, over its budget of ${budget.vsixKB} KB`);
  for (const e of entries) {
    const limit = budgetFor(budget, e.name);
    if (limit !== undefined && e.raw > limit * 1024) breaches.push(`${e.name} is ${kb(e.raw)} KB, over its budget of ${limit} KB`);
  }
  // A budget that matches nothing is stale (a file renamed or gone): say so, or it guards nothing.
  for (const pattern of Object.keys(budget.files)) {
    if (!entries.some((e) => matches(pattern, e.name))) breaches.push(`the budget for ${pattern} matches no file in the VSIX`);
  }
  return breaches;
}

export function readBudget(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
