import type { Browser } from 'playwright-core';
export const chromiumPath: string;
export function launchBrowser(): Promise<Browser>;
