export interface ZipEntry { name: string; raw: number; stored: number }
export interface SizeBudget { vsixKB: number; files: Record<string, number> }
export function zipEntries(zip: Buffer): ZipEntry[];
export function budgetFor(budget: SizeBudget, name: string): number | undefined;
export function sizeTable(entries: readonly ZipEntry[], vsixBytes: number, budget: SizeBudget): string;
export function checkBudget(entries: readonly ZipEntry[], vsixBytes: number, budget: SizeBudget): string[];
export function readBudget(path: string): SizeBudget;
